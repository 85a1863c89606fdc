// What Drupal core's update module would say about one installed project.
//
// A port of update_calculate_project_update_status() (update.compare.inc).
// Security is decided the way core decides it since #2804155: by the project's
// <project_status> and by the `Insecure` term on the *installed* release, not
// by comparing versions. The scan depends on the feed's document order.
//
// Status mapping (core constant → ours):
//   UpdateManagerInterface::NOT_SECURE    (1)  → security_update_required
//   UpdateManagerInterface::REVOKED       (2)  → revoked
//   UpdateManagerInterface::NOT_SUPPORTED (3)  → not_supported
//   UpdateManagerInterface::NOT_CURRENT   (4)  → update_available
//   UpdateManagerInterface::CURRENT       (5)  → current
//   UpdateFetcherInterface::NOT_CHECKED   (-1) → not_checked (also custom code and unknown versions)
//   UpdateFetcherInterface::UNKNOWN       (-2) → unknown
//   UpdateFetcherInterface::NOT_FETCHED   (-3) → not_fetched (also FETCH_PENDING, -4: no data yet)

import type { SiteModuleStatus } from '@/db/types-domain/drupal';
import { satisfiesCoreConstraint } from './core-compatibility';
import {
  hasReleaseType,
  INSECURE,
  SECURITY_UPDATE,
  UNSUPPORTED,
  type Release,
  type ReleaseHistory,
  type ReleaseHistoryResult,
} from './release-history';
import {
  compareVersions,
  getSupportBranchMajor,
  isDevVersion,
  isInSupportedBranch,
  parseVersion,
  toLegacyVersion,
} from './versions';

/** The statuses are the site_modules.status column's, defined once with it. */
export type VerdictStatus = SiteModuleStatus;

export const CORE_STATUS_CONSTANTS: Readonly<Record<VerdictStatus, number>> = {
  security_update_required: 1,
  revoked: 2,
  not_supported: 3,
  update_available: 4,
  current: 5,
  not_checked: -1,
  unknown: -2,
  not_fetched: -3,
};

/** A failed HTTP fetch of the release history (network error, 5xx…). */
export interface FetchFailure {
  kind: 'fetch-failed';
  message: string;
}

/** Parsed release history, a failed fetch, or null when nothing was fetched yet. */
export type ReleaseHistoryInput = ReleaseHistoryResult | FetchFailure | null;

export interface InstalledProject {
  /** Installed version, drupal.org notation preferred; composer `3.6.0` for `8.x-3.6` is realigned. */
  version: string | null;
  /** Custom code is never looked up on drupal.org. */
  isCustom?: boolean;
  /** info.yml `datestamp` of a dev snapshot; without it core cannot judge a dev install. */
  datestamp?: number | null;
  /** Installed Drupal core version, to label each offered release compatible or not. */
  coreVersion?: string | null;
}

export interface ReleaseOffer {
  version: string;
  date: string | null;
  releaseLink: string | null;
  downloadLink: string | null;
  isSecurityRelease: boolean;
  coreCompatibility: string | null;
  /** Whether the installed core satisfies core_compatibility; null when either is unknown. */
  isCoreCompatible: boolean | null;
}

/** Core's `extra` entries: labelled warnings such as "Release revoked". */
export interface VerdictNote {
  label: string;
  message: string;
}

export interface Verdict {
  status: VerdictStatus;
  /** Core's reason text where core gives one ("Invalid version: llama"). */
  reason: string | null;
  notes: VerdictNote[];
  projectTitle: string | null;
  projectLink: string | null;
  /** The installed version as matched against the feed (after realignment). */
  installedVersion: string | null;
  installType: 'official' | 'dev' | null;
  recommendedVersion: string | null;
  /** Newest release of the target major, pre-releases included. */
  latestVersion: string | null;
  devVersion: string | null;
  recommendedRelease: ReleaseOffer | null;
  latestRelease: ReleaseOffer | null;
  /** Core's `security updates`: security releases met before the installed one. */
  securityUpdates: ReleaseOffer[];
  /** First release of each higher supported major ("Also available"). */
  alsoAvailable: ReleaseOffer[];
  /** A recommended version exists, differs from the installed one, and core does not call the install current. */
  updateAvailable: boolean;
  /** Core requires a security update, or a newer release in the installed branch is a security release. */
  securityUpdate: boolean;
}

const PROJECT_FLAGS: Readonly<Record<string, { status: VerdictStatus; note: VerdictNote }>> = {
  insecure: {
    status: 'security_update_required',
    note: {
      label: 'Project not secure',
      message:
        'This project has been labeled insecure by the Drupal security team, and is no longer available for download. Immediately uninstalling everything included by this project is strongly recommended!',
    },
  },
  unpublished: {
    status: 'revoked',
    note: {
      label: 'Project revoked',
      message:
        'This project has been revoked, and is no longer available for download. Uninstalling everything included by this project is strongly recommended!',
    },
  },
  revoked: {
    status: 'revoked',
    note: {
      label: 'Project revoked',
      message:
        'This project has been revoked, and is no longer available for download. Uninstalling everything included by this project is strongly recommended!',
    },
  },
  unsupported: {
    status: 'not_supported',
    note: {
      label: 'Project not supported',
      message:
        'This project is no longer supported, and is no longer available for download. Uninstalling everything included by this project is strongly recommended!',
    },
  },
};

const NO_RELEASES = 'No available releases found';

/** Computes core's verdict for one installed project. Pure; never throws. */
export function assessUpdateStatus(installed: InstalledProject, history: ReleaseHistoryInput): Verdict {
  if (installed.isCustom) {
    return emptyVerdict('not_checked', installed.version, 'Custom code is not checked against drupal.org');
  }
  if (history === null) return emptyVerdict('not_fetched', installed.version, 'No available update data');
  if (history.kind === 'fetch-failed') {
    return emptyVerdict('not_fetched', installed.version, `Failed to get available update data: ${history.message}`);
  }
  // Core keeps no data from a body without <short_name>, so it is a failed fetch;
  // treating it so means the poller retries instead of concluding anything.
  if (history.kind === 'invalid') {
    return emptyVerdict('not_fetched', installed.version, `Failed to get available update data: ${history.message}`);
  }
  // An <error> body: core goes on with no releases and says "No available releases found".
  const project: ReleaseHistory =
    history.kind === 'ok'
      ? history.project
      : { shortName: '', title: null, type: null, projectStatus: null, supportedBranches: [], link: null, terms: {}, releases: [] };
  return calculateStatus(installed, project);
}

/**
 * The security updates core's report actually lists: none when the project is
 * current and already on the recommended version (template_preprocess_update_project_status).
 */
export function selectDisplayedSecurityUpdates(verdict: Verdict): ReleaseOffer[] {
  if (verdict.recommendedVersion === null) return [];
  const isOnRecommended = verdict.status === 'current' && verdict.installedVersion === verdict.recommendedVersion;
  return isOnRecommended ? [] : verdict.securityUpdates;
}

function calculateStatus(installed: InstalledProject, project: ReleaseHistory): Verdict {
  const base = { ...emptyVerdict('unknown', installed.version, null), projectTitle: project.title, projectLink: project.link };

  const flag = project.projectStatus === null ? undefined : PROJECT_FLAGS[project.projectStatus];
  if (flag !== undefined) {
    return { ...base, status: flag.status, notes: [flag.note], securityUpdate: flag.status === 'security_update_required' };
  }

  if (installed.version === null) return { ...base, status: 'not_checked', reason: 'Unknown version' };
  // Off drupal.org '0' can be a version, so only the empty string is "empty".
  if (installed.version === '') return { ...base, status: 'unknown', reason: 'Empty version' };
  const installedVersion = alignWithFeed(installed.version.trim(), project.releases);
  const existing = parseVersion(installedVersion);
  if (existing === null) return { ...base, status: 'unknown', reason: `Invalid version: ${installed.version}` };

  const installType: 'official' | 'dev' = isDevVersion(installedVersion) ? 'dev' : 'official';
  const datestamp = installed.datestamp ?? 0;
  const branches = project.supportedBranches;
  const inBranch = (version: string) => isInSupportedBranch(version, branches);
  const notes: VerdictNote[] = [];
  let status: VerdictStatus | null = null;

  let targetMajor = existing.major;
  if (!inBranch(installedVersion) && branches.length > 0) {
    status = 'not_supported';
    targetMajor = branches.map(getSupportBranchMajor).find((major) => major !== null) ?? existing.major;
  }
  // Never advise a downgrade: Drupal has no database downgrade path.
  targetMajor = Math.max(existing.major, targetMajor);

  const started = { ...base, installedVersion, installType };
  if (project.releases.length === 0) return { ...started, status: 'unknown', reason: NO_RELEASES };

  const also = new Map<number, Release>();
  const security: Release[] = [];
  let latest: Release | null = null;
  let dev: Release | null = null;
  let recommended: string | null = null;
  let recommendedWithoutExtra = '';
  let recommendedCandidate: Release | null = null;
  let releaseIsSupported = false;

  for (const release of project.releases) {
    const version = parseVersion(release.version);
    if (version === null) continue;
    releaseIsSupported = inBranch(release.version) && !hasReleaseType(release, UNSUPPORTED);
    const isInstalled = release.version === installedVersion;

    if (isInstalled) {
      if (hasReleaseType(release, INSECURE)) {
        status = 'security_update_required';
      } else if (release.status !== 'published') {
        status = 'revoked';
        notes.push({
          label: 'Release revoked',
          message:
            'Your currently installed release has been revoked, and is no longer available for download. Uninstalling everything included in this release or upgrading is strongly recommended!',
        });
      } else if (!releaseIsSupported) {
        status = 'not_supported';
        notes.push({
          label: 'Release not supported',
          message:
            recommended === null && also.size === 0
              ? 'Your currently installed release is now unsupported, is no longer available for download and no update is available. Uninstalling everything included in this release is strongly recommended!'
              : 'Your currently installed release is now unsupported, and is no longer available for download. Uninstalling everything included in this release or upgrading is strongly recommended!',
        });
      }
    } else if (release.status !== 'published' || !releaseIsSupported || hasReleaseType(release, INSECURE)) {
      continue;
    } else if (release.timestamp === null && version.extra === 'dev') {
      // Dateless dev releases are stubs for the issue queue, not downloads.
      continue;
    }

    if (version.major > targetMajor) {
      if (!also.has(version.major)) also.set(version.major, release);
      continue;
    }
    if (latest === null && version.major === targetMajor) latest = release;
    if (dev === null && version.major === targetMajor && version.extra === 'dev') dev = release;

    const withoutExtra = version.extra === null ? release.version : release.version.split(`-${version.extra}`).join('');
    if (recommended === null && version.major === targetMajor && releaseIsSupported) {
      // Prefer a full release; when the newest patch only has pre-releases,
      // recommend the previous patch level's release.
      if (recommendedWithoutExtra !== withoutExtra) {
        recommendedWithoutExtra = withoutExtra;
        recommendedCandidate = release;
      }
      if (version.extra === null && recommendedCandidate !== null) recommended = recommendedCandidate.version;
    }

    if (isInstalled) break;
    if (installType === 'dev') {
      if (!datestamp) continue;
      // 100 s of leeway: the info.yml datestamp and the tarball differ slightly.
      if (release.timestamp !== null && datestamp + 100 > release.timestamp) continue;
    }
    if (hasReleaseType(release, SECURITY_UPDATE)) security.push(release);
  }

  if (recommended === null && latest !== null && releaseIsSupported) recommended = latest.version;

  const offer = (release: Release) => toOffer(release, installed.coreVersion ?? null);
  const scanned = {
    ...started,
    notes,
    recommendedVersion: recommended,
    latestVersion: latest?.version ?? null,
    devVersion: dev?.version ?? null,
    recommendedRelease: findOffer(project.releases, recommended, offer),
    latestRelease: latest === null ? null : offer(latest),
    securityUpdates: security.map(offer),
    alsoAvailable: [...also.values()].map(offer),
  };

  if (status === null) {
    if (recommended === null || latest === null) return { ...scanned, status: 'unknown', reason: NO_RELEASES };
    if (installType === 'official') {
      status = installedVersion === recommended || installedVersion === latest.version ? 'current' : 'update_available';
    } else if (!datestamp) {
      return { ...scanned, status: 'not_checked', reason: 'Unknown release date' };
    } else {
      const newest = dev !== null && (dev.timestamp ?? 0) > (latest.timestamp ?? 0) ? dev : latest;
      status = datestamp + 100 > (newest.timestamp ?? 0) ? 'current' : 'update_available';
    }
  }

  return {
    ...scanned,
    status,
    updateAvailable: isUpdateOffered(status, recommended, installedVersion),
    securityUpdate: status === 'security_update_required' || hasNewerSecurityReleaseInBranch(security, existing.branch, installedVersion, installType),
  };
}

// A current install whose recommended version differs is on the newest
// pre-release or a newer dev snapshot; offering the stable would be a downgrade.
function isUpdateOffered(status: VerdictStatus, recommended: string | null, installedVersion: string): boolean {
  const judged = status !== 'current' && status !== 'unknown' && status !== 'not_checked' && status !== 'not_fetched';
  return judged && recommended !== null && recommended !== installedVersion;
}

// Core lists security releases of other minors too (8.1.2 for an 8.0.0 site)
// without calling the install insecure; only the installed line counts here.
function hasNewerSecurityReleaseInBranch(
  security: Release[],
  branch: string,
  installedVersion: string,
  installType: 'official' | 'dev',
): boolean {
  return security.some((release) => {
    if (parseVersion(release.version)?.branch !== branch) return false;
    // For dev installs the datestamp filter above already kept only newer releases.
    return installType === 'dev' || (compareVersions(release.version, installedVersion) ?? 0) > 0;
  });
}

// composer.lock says 3.6.0 where drupal.org says 8.x-3.6; match the feed's name.
function alignWithFeed(version: string, releases: Release[]): string {
  if (releases.some((release) => release.version === version)) return version;
  const legacy = toLegacyVersion(version);
  return legacy !== null && releases.some((release) => release.version === legacy) ? legacy : version;
}

function findOffer(
  releases: Release[],
  version: string | null,
  offer: (release: Release) => ReleaseOffer,
): ReleaseOffer | null {
  const release = version === null ? undefined : releases.find((candidate) => candidate.version === version);
  return release === undefined ? null : offer(release);
}

function toOffer(release: Release, coreVersion: string | null): ReleaseOffer {
  return {
    version: release.version,
    date: release.date,
    releaseLink: release.releaseLink,
    downloadLink: release.downloadLink,
    isSecurityRelease: hasReleaseType(release, SECURITY_UPDATE),
    coreCompatibility: release.coreCompatibility,
    isCoreCompatible:
      coreVersion !== null && release.coreCompatibility !== null
        ? satisfiesCoreConstraint(coreVersion, release.coreCompatibility)
        : null,
  };
}

function emptyVerdict(status: VerdictStatus, version: string | null, reason: string | null): Verdict {
  return {
    status,
    reason,
    notes: [],
    projectTitle: null,
    projectLink: null,
    installedVersion: version,
    installType: null,
    recommendedVersion: null,
    latestVersion: null,
    devVersion: null,
    recommendedRelease: null,
    latestRelease: null,
    securityUpdates: [],
    alsoAvailable: [],
    updateAvailable: false,
    securityUpdate: false,
  };
}
