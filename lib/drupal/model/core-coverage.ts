// Drupal core's security-coverage window (ProjectSecurityData and
// ProjectSecurityRequirement): each core minor is covered until two more
// minors are released, except minors with a hard-coded end date.

import type { ReleaseHistory } from './release-history';
import { parseVersion } from './versions';

export const CORE_MINORS_WITH_SECURITY_COVERAGE = 2;

/** Keyed by `major.minor`; `end` is `YYYY-MM-DD` or `YYYY-MM`, `warn` is `YYYY-MM-DD`. */
export type CoverageEndDates = Readonly<Record<string, { end: string; warn: string | null }>>;

/** The table in core at the commit our fixtures come from (drupal/core 401b0999). */
export const CORE_COVERAGE_END_DATES: CoverageEndDates = {
  '9.4': { end: '2023-06-21', warn: '2022-12-14' },
  '9.5': { end: '2023-11', warn: '2023-05-14' },
};

/**
 * The end dates Drupal 10's own update module carries for its last minors
 * (with tests against a drupal.sec.10.6.0 fixture we do not have). Pass them
 * as `endDates` to report a 10.5/10.6 site the way that site itself would.
 */
export const DRUPAL_10_COVERAGE_END_DATES: CoverageEndDates = {
  '10.5': { end: '2026-06-17', warn: '2025-12-10' },
  '10.6': { end: '2026-12-09', warn: '2026-06-17' },
};

export type CoverageSeverity = 'info' | 'warning' | 'error';

export type CoreSecurityCoverage =
  | {
      kind: 'until-version';
      /** Coverage ends when this minor is released, e.g. `10.7.0`. */
      endVersion: string;
      /** Minors still to be released before coverage ends; 0 means it has ended. */
      additionalMinors: number | null;
      /** The minor core tells the site to move to when one minor is left. */
      nextMinor: string;
      severity: CoverageSeverity;
    }
  | { kind: 'until-date'; endDate: string; warnDate: string | null; severity: CoverageSeverity };

export interface CoverageOptions {
  /** Today's date as `YYYY-MM-DD` (date-based windows only). */
  today: string;
  endDates?: CoverageEndDates;
}

/**
 * Security coverage of an installed core version, or null where core shows
 * none: not core, a pre-release or dev install, or a version with no release.
 */
export function assessCoreSecurityCoverage(
  installedVersion: string,
  history: ReleaseHistory,
  options: CoverageOptions,
): CoreSecurityCoverage | null {
  if (history.shortName !== 'drupal') return null;
  if (!history.releases.some((release) => release.version === installedVersion)) return null;
  const installed = parseVersion(installedVersion);
  if (installed === null || installed.minor === null) return null;

  const fixedEnd = (options.endDates ?? CORE_COVERAGE_END_DATES)[`${installed.major}.${installed.minor}`];
  if (fixedEnd !== undefined) {
    return { kind: 'until-date', endDate: fixedEnd.end, warnDate: fixedEnd.warn, severity: rateDateWindow(fixedEnd, options.today) };
  }
  if (installed.extra !== null) return null;

  const endMinor = installed.minor + CORE_MINORS_WITH_SECURITY_COVERAGE;
  const additionalMinors = countMinorsLeft(history, installed.major, endMinor);
  return {
    kind: 'until-version',
    endVersion: `${installed.major}.${endMinor}.0`,
    additionalMinors,
    nextMinor: `${installed.major}.${installed.minor + 1}`,
    severity: additionalMinors === null || additionalMinors <= 0 ? 'error' : additionalMinors === 1 ? 'warning' : 'info',
  };
}

// The newest published full release of the major shows how many minors are out.
function countMinorsLeft(history: ReleaseHistory, major: number, endMinor: number): number | null {
  for (const release of history.releases) {
    const version = parseVersion(release.version);
    if (version === null || version.major !== major || release.status !== 'published' || version.extra !== null) continue;
    return version.minor === null ? null : endMinor - version.minor;
  }
  return null;
}

// Core compares date strings in the end date's own format, so `2023-11`
// ends on the first of November.
function rateDateWindow(window: { end: string; warn: string | null }, today: string): CoverageSeverity {
  const todayInEndFormat = window.end.length === 7 ? today.slice(0, 7) : today;
  if (window.end <= todayInEndFormat) return 'error';
  return window.warn !== null && window.warn <= today ? 'warning' : 'info';
}
