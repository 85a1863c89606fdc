// Cases from UpdateSemverCoreSecurityCoverageTest::securityCoverageMessageProvider().
// Core's "Checked / Warnings found / Errors found" headings are our info /
// warning / error. Only drupal.sec.10.5.0.xml is among our fixtures; the other
// cases use small histories with the releases those fixtures contain.

import { describe, expect, it } from 'vitest';
import { readReleaseHistoryFixture } from '../__fixtures__/paths';
import { assessCoreSecurityCoverage, CORE_COVERAGE_END_DATES, DRUPAL_10_COVERAGE_END_DATES } from './core-coverage';
import { parseReleaseHistory, type ReleaseHistory } from './release-history';

function toHistory(xml: string): ReleaseHistory {
  const result = parseReleaseHistory(xml);
  if (result.kind !== 'ok') throw new Error(result.kind);
  return result.project;
}

function coreHistory(versions: string[], shortName = 'drupal'): ReleaseHistory {
  const releases = versions
    .map((version) => `<release><version>${version}</version><status>published</status><date>1700000000</date></release>`)
    .join('');
  return toHistory(`<project><short_name>${shortName}</short_name><releases>${releases}</releases></project>`);
}

const sec1050 = toHistory(readReleaseHistoryFixture('drupal.sec.10.5.0.xml'));
const today = '2026-01-01';

describe('coverage until a minor is released', () => {
  it("'10.5.0' on drupal.sec.10.5.0.xml: covered until 10.7.0", () => {
    expect(assessCoreSecurityCoverage('10.5.0', sec1050, { today })).toEqual({
      kind: 'until-version',
      endVersion: '10.7.0',
      additionalMinors: 2,
      nextMinor: '10.6',
      severity: 'info',
    });
  });

  it("'10.4.0' on drupal.sec.10.5.0.xml: covered until 10.6.0, update to 10.5 soon", () => {
    expect(assessCoreSecurityCoverage('10.4.0', sec1050, { today })).toEqual({
      kind: 'until-version',
      endVersion: '10.6.0',
      additionalMinors: 1,
      nextMinor: '10.5',
      severity: 'warning',
    });
  });

  const history = coreHistory(['8.3.0-rc1', '8.2.0', '8.1.0', '8.0.0']);
  it.each([
    ["'8.0.0, unsupported'", '8.0.0', '8.2.0', 0, 'error'],
    ["'8.1.0, supported with 3rc'", '8.1.0', '8.3.0', 1, 'warning'],
    ["'8.2.0, supported with 3rc'", '8.2.0', '8.4.0', 2, 'info'],
  ] as const)('%s', (_name, installed, endVersion, additionalMinors, severity) => {
    expect(assessCoreSecurityCoverage(installed, history, { today })).toMatchObject({ endVersion, additionalMinors, severity });
  });

  it("'8.2.0, 9 warning': a released next major does not end the minor count", () => {
    expect(assessCoreSecurityCoverage('8.2.0', coreHistory(['9.0.0', '8.3.0', '8.2.0']), { today })).toMatchObject({
      endVersion: '8.4.0',
      additionalMinors: 1,
      severity: 'warning',
    });
  });

  it("'8.2.0-beta2, no message' and '8.1.0-dev, no message': nothing for pre-releases or unknown releases", () => {
    expect(assessCoreSecurityCoverage('8.2.0-beta2', coreHistory(['8.2.0', '8.2.0-beta2']), { today })).toBeNull();
    expect(assessCoreSecurityCoverage('8.1.0-dev', coreHistory(['8.2.0']), { today })).toBeNull();
  });

  it('only applies to Drupal core', () => {
    expect(assessCoreSecurityCoverage('10.5.0', coreHistory(['10.5.0'], 'token'), { today })).toBeNull();
  });
});

describe('coverage until a fixed date (core at our fixtures` commit: 9.4 and 9.5)', () => {
  const history = coreHistory(['9.5.0', '9.4.0']);
  it.each([
    ["'9.4.0, supported'", '9.4.0', '2022-12-13', 'info'],
    ["'9.4.0, supported, 6 months warn'", '9.4.0', '2022-12-14', 'warning'],
    ["'9.4.0, supported, last day warn'", '9.4.0', '2023-06-20', 'warning'],
    ["'9.4.0, support over'", '9.4.0', '2023-06-22', 'error'],
    ["'9.5.0, supported'", '9.5.0', '2023-01-01', 'info'],
    ["'9.5.0, supported, 6 months warn'", '9.5.0', '2023-05-15', 'warning'],
    ["'9.5.0, supported, last day warn'", '9.5.0', '2023-10-31', 'warning'],
    ["'9.5.0, support over'", '9.5.0', '2023-11-01', 'error'],
  ] as const)('%s (%s on %s) → %s', (_name, installed, date, severity) => {
    const coverage = assessCoreSecurityCoverage(installed, history, { today: date });
    expect(coverage).toMatchObject({ kind: 'until-date', severity });
    expect(coverage?.kind === 'until-date' && coverage.endDate).toBe(CORE_COVERAGE_END_DATES[installed.slice(0, 3)]?.end);
  });
});

describe('coverage with the Drupal 10 end dates (Drupal 10`s own update module)', () => {
  const options = (date: string) => ({ today: date, endDates: DRUPAL_10_COVERAGE_END_DATES });
  it.each([
    ["'10.5.0, supported'", '2025-06-25', 'info'],
    ["'10.5.0, supported, 6 months warn'", '2025-12-10', 'warning'],
    ["'10.5.0, supported, last day warn'", '2026-06-16', 'warning'],
    ["'10.5.0, support over'", '2026-06-18', 'error'],
  ] as const)('%s on %s → %s', (_name, date, severity) => {
    expect(assessCoreSecurityCoverage('10.5.0', sec1050, options(date))).toEqual({
      kind: 'until-date',
      endDate: '2026-06-17',
      warnDate: '2025-12-10',
      severity,
    });
  });

  it('leaves 10.4 on the minor count', () => {
    expect(assessCoreSecurityCoverage('10.4.0', sec1050, options('2025-06-25'))).toMatchObject({ kind: 'until-version', endVersion: '10.6.0' });
  });
});
