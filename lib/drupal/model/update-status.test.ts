// The verdict engine against every release-history fixture Drupal core ships,
// with the results core's own tests pin. Each case names the core test.
//
// Core's functional tests assert what the report page shows: the status label
// ("Security update required!", "Update available", "Up to date", "Not
// supported!", "Revoked!") and the "Security update:" links, which core hides
// when the project is up to date on the recommended release. We compare the
// status and selectDisplayedSecurityUpdates() with those, as sets.

import { describe, expect, it } from 'vitest';
import { listReleaseHistoryFixtures, readReleaseHistoryFixture } from '../__fixtures__/paths';
import { parseReleaseHistory, type ReleaseHistoryResult } from './release-history';
import {
  assessUpdateStatus,
  CORE_STATUS_CONSTANTS,
  selectDisplayedSecurityUpdates,
  type InstalledProject,
  type Verdict,
  type VerdictStatus,
} from './update-status';

const usedFixtures = new Set<string>();

function loadHistory(fixture: string): ReleaseHistoryResult {
  usedFixtures.add(fixture);
  return parseReleaseHistory(readReleaseHistoryFixture(fixture));
}

function assess(fixture: string, installed: string | InstalledProject): Verdict {
  const project = typeof installed === 'string' ? { version: installed } : installed;
  return assessUpdateStatus(project, loadHistory(fixture));
}

function versionsOf(offers: { version: string }[]): string[] {
  return offers.map((offer) => offer.version).sort();
}

interface CoreCase {
  coreTest: string;
  fixture: string;
  installed: string;
  status: VerdictStatus;
  /** The "Security update:" links core's page shows. */
  shownSecurity: string[];
}

// UpdateSemverTestSecurityAvailabilityTrait::securityUpdateAvailabilityProvider(),
// run by UpdateSemverCoreSecurityAvailabilityTest for `drupal.*` and
// UpdateSemverContribSecurityAvailabilityTest for `semver_test.*`. Versions
// are "8.$site_patch_version". Cases on sec.8.2.0-rc2-b are omitted: that
// fixture is not among ours.
const semverSecurityCases: CoreCase[] = [
  { coreTest: "'0.0, 0.2'", fixture: 'drupal.sec.8.0.2.xml', installed: '8.0.0', status: 'security_update_required', shownSecurity: ['8.0.2'] },
  { coreTest: "'0.2, 0.2'", fixture: 'drupal.sec.8.2.0-rc2.xml', installed: '8.0.2', status: 'update_available', shownSecurity: ['8.1.2', '8.2.0-rc2'] },
  { coreTest: "'0.0, 0.1, 0.2'", fixture: 'drupal.sec.8.0.1_8.0.2.xml', installed: '8.0.0', status: 'security_update_required', shownSecurity: ['8.0.2'] },
  { coreTest: "'1.0, 1.2'", fixture: 'semver_test.sec.8.1.2.xml', installed: '8.1.0', status: 'security_update_required', shownSecurity: ['8.1.2'] },
  { coreTest: "'0.0, 0.2 1.2'", fixture: 'drupal.sec.8.2.0-rc2.xml', installed: '8.0.0', status: 'security_update_required', shownSecurity: ['8.0.2', '8.1.2', '8.2.0-rc2'] },
  { coreTest: "'1.2, 0.2 1.2'", fixture: 'drupal.sec.8.2.0-rc2.xml', installed: '8.1.2', status: 'current', shownSecurity: [] },
  { coreTest: "'0.0, 1.2, insecure'", fixture: 'drupal.sec.8.1.2_insecure.xml', installed: '8.0.0', status: 'security_update_required', shownSecurity: ['8.1.2'] },
  { coreTest: "'0.0, 1.2, insecure-unsupported'", fixture: 'drupal.sec.8.1.2_insecure-unsupported.xml', installed: '8.0.0', status: 'security_update_required', shownSecurity: ['8.1.2'] },
  { coreTest: "'0.0, 1.2, secure'", fixture: 'semver_test.sec.8.1.2.xml', installed: '8.0.0', status: 'update_available', shownSecurity: ['8.1.2'] },
  { coreTest: "'0.2, 1.2, secure'", fixture: 'semver_test.sec.8.1.2.xml', installed: '8.0.2', status: 'update_available', shownSecurity: ['8.1.2'] },
  { coreTest: "'2.0-rc2, 0.2 1.2'", fixture: 'drupal.sec.8.2.0-rc2.xml', installed: '8.2.0-rc2', status: 'current', shownSecurity: [] },
  { coreTest: "'1.0, 0.2 1.2'", fixture: 'drupal.sec.8.2.0-rc2.xml', installed: '8.1.0', status: 'security_update_required', shownSecurity: ['8.1.2', '8.2.0-rc2'] },
  ...['2.0-alpha1', '2.0-alpha2', '2.0-beta1', '2.0-beta2', '2.0-rc1', '2.0-rc2'].map(
    (preRelease): CoreCase => ({
      coreTest: `'Pre-release:${preRelease}, security update'`,
      fixture: 'drupal.sec.8.2.0-rc2.xml',
      installed: `8.${preRelease}`,
      status: preRelease === '2.0-rc2' ? 'current' : 'security_update_required',
      shownSecurity: preRelease === '2.0-rc2' ? [] : ['8.2.0-rc2'],
    }),
  ),
];

// UpdateContribTest::securityUpdateAvailabilityProvider(). Cases on
// sec.8.x-1.2 and sec.8.x-1.1_8.x-1.2 are omitted: not among our fixtures.
const contribSecurityCases: CoreCase[] = [
  { coreTest: "'8.x-2.0, 8.x-2.2'", fixture: 'aaa_update_test.sec.8.x-2.2_1.x_secure.xml', installed: '8.x-2.0', status: 'security_update_required', shownSecurity: ['8.x-2.2'] },
  { coreTest: "'8.x-2.2, 8.x-1.2 8.x-2.2'", fixture: 'aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', installed: '8.x-2.2', status: 'current', shownSecurity: [] },
  { coreTest: "'8.x-1.0, 8.x-1.2 8.x-2.2'", fixture: 'aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', installed: '8.x-1.0', status: 'security_update_required', shownSecurity: ['8.x-1.2'] },
  { coreTest: "'8.x-1.0, 8.x-2.2, not insecure'", fixture: 'aaa_update_test.sec.8.x-2.2_1.x_secure.xml', installed: '8.x-1.0', status: 'update_available', shownSecurity: [] },
  { coreTest: "'8.x-1.2, 8.x-1.2 8.x-2.2'", fixture: 'aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', installed: '8.x-1.2', status: 'current', shownSecurity: [] },
  { coreTest: "'8.x-2.0, 8.x-1.2 8.x-2.2'", fixture: 'aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', installed: '8.x-2.0', status: 'security_update_required', shownSecurity: ['8.x-2.2'] },
];

describe('UpdateSemverTestSecurityAvailabilityTrait::securityUpdateAvailabilityProvider', () => {
  it.each(semverSecurityCases)('$coreTest: $installed on $fixture → $status', ({ fixture, installed, status, shownSecurity }) => {
    const verdict = assess(fixture, installed);
    expect(verdict.status).toBe(status);
    expect(versionsOf(selectDisplayedSecurityUpdates(verdict))).toEqual(shownSecurity);
  });
});

describe('UpdateContribTest::securityUpdateAvailabilityProvider', () => {
  it.each(contribSecurityCases)('$coreTest: $installed on $fixture → $status', ({ fixture, installed, status, shownSecurity }) => {
    const verdict = assess(fixture, installed);
    expect(verdict.status).toBe(status);
    expect(versionsOf(selectDisplayedSecurityUpdates(verdict))).toEqual(shownSecurity);
  });
});

describe("core's raw `security updates` list and our flags", () => {
  it('keeps the newer-minor security release out of the installed line (semver_test.sec.8.1.2.xml, 8.0.0)', () => {
    const verdict = assess('semver_test.sec.8.1.2.xml', '8.0.0');
    expect(verdict).toMatchObject({ recommendedVersion: '8.1.2', updateAvailable: true, securityUpdate: false });
    expect(versionsOf(verdict.securityUpdates)).toEqual(['8.1.2']);
  });

  it('lists the hidden pre-release security release but raises no flag when current (drupal.sec.8.2.0-rc2.xml, 8.1.2)', () => {
    const verdict = assess('drupal.sec.8.2.0-rc2.xml', '8.1.2');
    expect(versionsOf(verdict.securityUpdates)).toEqual(['8.2.0-rc2']);
    expect(verdict).toMatchObject({ recommendedVersion: '8.1.2', latestVersion: '8.2.0-rc2', updateAvailable: false, securityUpdate: false });
  });

  it('flags a security release in the installed line even when the install is not marked Insecure', () => {
    // Edit of semver_test.sec.8.1.2.xml: 8.0.2 becomes a security release.
    const xml = readReleaseHistoryFixture('semver_test.sec.8.1.2.xml').replace(
      /(<version>8\.0\.2<\/version>[\s\S]*?<terms>)/,
      '$1<term><name>Release type</name><value>Security update</value></term>',
    );
    const verdict = assessUpdateStatus({ version: '8.0.0' }, parseReleaseHistory(xml));
    expect(verdict.status).toBe('update_available');
    expect(versionsOf(verdict.securityUpdates)).toEqual(['8.0.2', '8.1.2']);
    expect(verdict.securityUpdate).toBe(true);
  });

  it('does not count a security release older than an install missing from the feed', () => {
    const verdict = assess('semver_test.sec.8.1.2.xml', '8.1.9');
    expect(versionsOf(verdict.securityUpdates)).toEqual(['8.1.2']);
    expect(verdict.securityUpdate).toBe(false);
  });

  it('keeps the order of core`s list: newest first', () => {
    expect(assess('drupal.sec.8.2.0-rc2.xml', '8.0.0').securityUpdates.map((offer) => offer.version)).toEqual([
      '8.2.0-rc2',
      '8.1.2',
      '8.0.2',
    ]);
  });

  it('sets both flags when the installed release is Insecure (drupal.sec.8.0.2.xml, 8.0.0)', () => {
    expect(assess('drupal.sec.8.0.2.xml', '8.0.0')).toMatchObject({
      recommendedVersion: '8.0.2',
      latestVersion: '8.0.2',
      updateAvailable: true,
      securityUpdate: true,
    });
  });
});

describe('UpdateContribTest (other tests)', () => {
  it('testUpdateBaseThemeSecurityUpdate: 8.x-1.0 on update_test_base_theme.1_1-sec.xml needs 8.x-1.1', () => {
    const verdict = assess('update_test_base_theme.1_1-sec.xml', '8.x-1.0');
    expect(verdict.status).toBe('security_update_required');
    expect(versionsOf(selectDisplayedSecurityUpdates(verdict))).toEqual(['8.x-1.1']);
  });

  it('testUpdateShowDisabledThemes uses 8.x-1.1 on update_test_base_theme.1_1-sec.xml: up to date', () => {
    expect(assess('update_test_base_theme.1_1-sec.xml', '8.x-1.1')).toMatchObject({ status: 'current', updateAvailable: false });
  });

  it('testRevokedRelease: unpublished 8.x-1.0 on aaa_update_test.1_0-unsupported.xml is revoked, 8.x-2.0 recommended', () => {
    const verdict = assess('aaa_update_test.1_0-unsupported.xml', '8.x-1.0');
    expect(verdict).toMatchObject({ status: 'revoked', recommendedVersion: '8.x-2.0', updateAvailable: true });
    expect(verdict.notes.map((note) => note.label)).toEqual(['Release revoked']);
  });

  it('testUnsupportedRelease: 8.x-1.1 on aaa_update_test.1_0-unsupported.xml is not supported, 8.x-2.0 recommended', () => {
    const verdict = assess('aaa_update_test.1_0-unsupported.xml', '8.x-1.1');
    expect(verdict).toMatchObject({ status: 'not_supported', recommendedVersion: '8.x-2.0' });
    expect(verdict.notes).toEqual([
      {
        label: 'Release not supported',
        message:
          'Your currently installed release is now unsupported, and is no longer available for download. Uninstalling everything included in this release or upgrading is strongly recommended!',
      },
    ]);
  });

  it('testNoReleasesAvailable: the <error> body gives "No available releases found"', () => {
    const verdict = assess('aaa_update_test.no-releases.xml', '8.x-1.0');
    expect(verdict).toMatchObject({ status: 'unknown', reason: 'No available releases found', updateAvailable: false });
    expect(CORE_STATUS_CONSTANTS[verdict.status]).toBe(-2);
  });

  it('testCoreCompatibilityMessage: 8.x-1.2 recommended and 8.x-1.3-beta1 latest, both compatible with core 8.0.0', () => {
    const verdict = assess('aaa_update_test.8.x-1.2.xml', { version: '8.x-1.0', coreVersion: '8.0.0' });
    expect(verdict).toMatchObject({ status: 'update_available', recommendedVersion: '8.x-1.2', latestVersion: '8.x-1.3-beta1' });
    expect(verdict.recommendedRelease).toMatchObject({ coreCompatibility: '^8', isCoreCompatible: true });
    expect(verdict.latestRelease).toMatchObject({ coreCompatibility: '8.0.0 || 8.1.1', isCoreCompatible: true });
    // With core 8.1.0 the beta's `8.0.0 || 8.1.1` no longer matches.
    const onCore810 = assess('aaa_update_test.8.x-1.2.xml', { version: '8.x-1.0', coreVersion: '8.1.0' });
    expect(onCore810.latestRelease?.isCoreCompatible).toBe(false);
  });

  it('testCoreCompatibilityMessage: security and also-available releases not compatible with core 8.0.0', () => {
    const verdict = assess('aaa_update_test.core_compatibility.8.x-1.2_8.x-2.2.xml', { version: '8.x-1.0', coreVersion: '8.0.0' });
    expect(verdict.status).toBe('security_update_required');
    expect(verdict.securityUpdates).toEqual([
      expect.objectContaining({ version: '8.x-1.2', coreCompatibility: '^8.1.0', isCoreCompatible: false }),
    ]);
    expect(verdict.alsoAvailable).toEqual([
      expect.objectContaining({ version: '8.x-2.2', coreCompatibility: '^8.1.1', isCoreCompatible: false }),
    ]);
    const onCore811 = assess('aaa_update_test.core_compatibility.8.x-1.2_8.x-2.2.xml', { version: '8.x-1.0', coreVersion: '8.1.1' });
    expect(onCore811.securityUpdates[0]?.isCoreCompatible).toBe(true);
    expect(onCore811.alsoAvailable[0]?.isCoreCompatible).toBe(true);
  });

  it('leaves compatibility unknown without a core version', () => {
    expect(assess('aaa_update_test.8.x-1.2.xml', '8.x-1.0').recommendedRelease?.isCoreCompatible).toBeNull();
  });

  it("'8.x-1.0, 8.x-2.2, not insecure' offers 8.x-2.2 as also available", () => {
    const verdict = assess('aaa_update_test.sec.8.x-2.2_1.x_secure.xml', '8.x-1.0');
    expect(verdict.recommendedVersion).toBe('8.x-1.2');
    expect(versionsOf(verdict.alsoAvailable)).toEqual(['8.x-2.2']);
    expect(verdict.securityUpdate).toBe(false);
  });

  // Core's provider has a @todo (drupal.org/node/2865920) for 8.x-3.0-beta1 on
  // this fixture; these follow update_calculate_project_update_status().
  it('never advises a downgrade: 8.x-3.0-beta2 outside the supported branches gets no recommendation', () => {
    const verdict = assess('aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', '8.x-3.0-beta2');
    expect(verdict).toMatchObject({ status: 'not_supported', recommendedVersion: null, alsoAvailable: [], updateAvailable: false });
    expect(verdict.notes[0]?.message).toMatch(/no update is available/);
  });

  it('the Insecure 8.x-3.0-beta1 requires a security update but has nothing newer in its major', () => {
    const verdict = assess('aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', '8.x-3.0-beta1');
    expect(verdict).toMatchObject({ status: 'security_update_required', recommendedVersion: null, securityUpdates: [], securityUpdate: true });
  });

  it('testNormalUpdateAvailable rule: 8.x-3.0 is outside the supported branches, so never offered', () => {
    const verdict = assess('aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', '8.x-1.2');
    expect(verdict.latestVersion).toBe('8.x-1.2');
    expect(versionsOf(verdict.alsoAvailable)).toEqual(['8.x-2.2']);
  });
});

describe('UpdateCalculateProjectDataTest::providerProjectStatus (core 8.0.1)', () => {
  it.each([
    [
      'revoked',
      'revoked',
      'Project revoked',
      'This project has been revoked, and is no longer available for download. Uninstalling everything included by this project is strongly recommended!',
    ],
    [
      'insecure',
      'security_update_required',
      'Project not secure',
      'This project has been labeled insecure by the Drupal security team, and is no longer available for download. Immediately uninstalling everything included by this project is strongly recommended!',
    ],
    [
      'unsupported',
      'not_supported',
      'Project not supported',
      'This project is no longer supported, and is no longer available for download. Uninstalling everything included by this project is strongly recommended!',
    ],
  ] as const)("'%s' → %s", (projectStatus, status, label, message) => {
    const verdict = assess(`drupal.project_status.${projectStatus}.0.2.xml`, '8.0.1');
    expect(verdict.status).toBe(status);
    expect(verdict.notes).toEqual([{ label, message }]);
    expect(verdict.securityUpdate).toBe(status === 'security_update_required');
    // The flag ends the check: nothing is recommended.
    expect(verdict.recommendedVersion).toBeNull();
  });

  it('applies the project flag even when the installed version is unknown', () => {
    const verdict = assessUpdateStatus({ version: null }, loadHistory('drupal.project_status.insecure.0.2.xml'));
    expect(verdict.status).toBe('security_update_required');
  });
});

describe('UpdateSemverTestBaselineTrait', () => {
  it.each(['drupal.8.1.0-unsupported.xml'])('testRevokedRelease: unpublished 8.0.2 on %s is revoked, 8.1.0 recommended', (fixture) => {
    expect(assess(fixture, '8.0.2')).toMatchObject({ status: 'revoked', recommendedVersion: '8.1.0' });
  });

  it('testUnsupportedRelease: 8.0.3 (Unsupported term) on drupal.8.1.0-unsupported.xml is not supported, 8.1.0 recommended', () => {
    expect(assess('drupal.8.1.0-unsupported.xml', '8.0.3')).toMatchObject({
      status: 'not_supported',
      recommendedVersion: '8.1.0',
      alsoAvailable: [],
    });
  });

  it('testUnsupportedRelease / testRevokedRelease with fixture 8.1.0 (= drupal.8.1.0-unsupported.xml with supported_branches 8.0.,8.1.)', () => {
    // The file's own comment: identical to core's drupal.8.1.0.xml but for supported_branches.
    const xml = readReleaseHistoryFixture('drupal.8.1.0-unsupported.xml').replace(
      '<supported_branches>8.1.</supported_branches>',
      '<supported_branches>8.0.,8.1.</supported_branches>',
    );
    const history = parseReleaseHistory(xml);
    // 8.0.3 is in a supported branch but carries the Unsupported term.
    expect(assessUpdateStatus({ version: '8.0.3' }, history)).toMatchObject({ status: 'not_supported', recommendedVersion: '8.1.0' });
    expect(assessUpdateStatus({ version: '8.0.2' }, history)).toMatchObject({ status: 'revoked', recommendedVersion: '8.1.0' });
    expect(assessUpdateStatus({ version: '8.0.1' }, history)).toMatchObject({ status: 'update_available', recommendedVersion: '8.1.0' });
  });

  it('an 8.0 install outside supported_branches 8.1. is not supported (drupal.8.1.0-unsupported.xml)', () => {
    expect(assess('drupal.8.1.0-unsupported.xml', '8.0.0')).toMatchObject({ status: 'not_supported', recommendedVersion: '8.1.0' });
  });

  it.each(['drupal.1.0-supported.xml', 'semver_test.1.0-supported.xml'])(
    'testUnsupportedRelease (newest branch supported): 8.0.3 on %s recommends 8.1.0, also 10.0.0 and 9.0.0',
    (fixture) => {
      const verdict = assess(fixture, '8.0.3');
      expect(verdict).toMatchObject({ status: 'not_supported', recommendedVersion: '8.1.0' });
      // Core lists them in feed order: 10.0.0 first, 9.0.0 second.
      expect(verdict.alsoAvailable.map((offer) => offer.version)).toEqual(['10.0.0', '9.0.0']);
    },
  );

  it.each(['drupal.1.0-supported.xml', 'semver_test.1.0-supported.xml'])('8.1.0 on %s is current with 9.0.0 and 10.0.0 also available', (fixture) => {
    const verdict = assess(fixture, '8.1.0');
    expect(verdict).toMatchObject({ status: 'current', updateAvailable: false });
    expect(verdict.alsoAvailable.map((offer) => offer.version)).toEqual(['10.0.0', '9.0.0']);
  });

  const installedOnEight = [0, 1].flatMap((minor) =>
    [0, 1].flatMap((patch) => ['-alpha1', '-beta1', ''].map((extra) => `8.${minor}.${patch}${extra}`)),
  );
  it.each(installedOnEight)(
    'testMajorExtraUpdateAvailable: %s on drupal.9.0.0-10.0.0.xml is not supported, 9.2.2 recommended, 10.0.0-beta1 also available',
    (installed) => {
      const verdict = assess('drupal.9.0.0-10.0.0.xml', installed);
      expect(verdict).toMatchObject({ status: 'not_supported', recommendedVersion: '9.2.2', latestVersion: '9.2.2' });
      expect(verdict.alsoAvailable.map((offer) => offer.version)).toEqual(['10.0.0-beta1']);
    },
  );
});

describe('UpdateSemverContribTestBase::testUpdatesLegacyToSemver', () => {
  const legacyInstalls = (major: number) =>
    ['0-alpha1', '0-beta1', '0', '1-alpha1', '1-beta1', '1'].map((rest) => `8.x-${major}.${rest}`);

  it.each(legacyInstalls(8))('legacy supported: %s on semver_test.9.1.0.xml offers 9.1.0 as also available', (installed) => {
    const verdict = assess('semver_test.9.1.0.xml', installed);
    expect(verdict.status).toBe(installed === '8.x-8.1' ? 'current' : 'update_available');
    expect(verdict.alsoAvailable.map((offer) => offer.version)).toEqual(['9.1.0']);
    if (installed !== '8.x-8.1') expect(verdict.recommendedVersion).toBe('8.x-8.1');
  });

  it.each(legacyInstalls(7))('legacy unsupported: %s on semver_test.8.1.0-legacy-unsupported.xml recommends 8.1.0', (installed) => {
    const verdict = assess('semver_test.8.1.0-legacy-unsupported.xml', installed);
    expect(verdict.recommendedVersion).toBe('8.1.0');
    expect(verdict.status).toBe('not_supported');
    expect(verdict.securityUpdate).toBe(false);
  });
});

describe('dev installs', () => {
  it('UpdateSemverCoreTest::testDatestampMismatch: 8.1.0-dev built now on drupal.dev.xml is up to date', () => {
    const verdict = assess('drupal.dev.xml', { version: '8.1.0-dev', datestamp: 1_700_000_000 });
    expect(verdict).toMatchObject({ status: 'current', installType: 'dev', devVersion: '8.0.x-dev', updateAvailable: false });
  });

  it('an older snapshot on drupal.dev.xml has an update (the dev release is newer than 8.0.0)', () => {
    const verdict = assess('drupal.dev.xml', { version: '8.0.x-dev', datestamp: 1_250_424_000 });
    expect(verdict).toMatchObject({ status: 'update_available', recommendedVersion: '8.0.0', devVersion: '8.0.x-dev' });
  });

  it('DevReleaseTest::testSecurityUpdateEmptyProjectTimestamp rule: no datestamp gives not_checked on drupal.dev.xml', () => {
    const verdict = assess('drupal.dev.xml', { version: '8.1.0-dev', datestamp: 0 });
    expect(verdict).toMatchObject({ status: 'not_checked', reason: 'Unknown release date', securityUpdates: [] });
  });

  it('DevReleaseTest::testSecurityUpdates rule: only security releases newer than datestamp + 100 s count', () => {
    // drupal.sec.8.0.2.xml: 8.0.2 (1250424641) is newer than the snapshot, 8.0.1 is Insecure.
    const newer = assess('drupal.sec.8.0.2.xml', { version: '8.0.x-dev', datestamp: 1_250_424_500 });
    expect(versionsOf(newer.securityUpdates)).toEqual(['8.0.2']);
    expect(newer).toMatchObject({ status: 'update_available', securityUpdate: true });
    // Within the 100 s leeway the release is not newer than the snapshot.
    const within = assess('drupal.sec.8.0.2.xml', { version: '8.0.x-dev', datestamp: 1_250_424_560 });
    expect(within.securityUpdates).toEqual([]);
    expect(within.status).toBe('current');
  });

  it('UpdateSemverCoreTest::testDevNoReleaseDate: the dateless 8.1.x-dev in drupal.dev-no-date.xml is ignored', () => {
    const verdict = assess('drupal.dev-no-date.xml', { version: '8.0.x-dev', datestamp: 1_700_000_000 });
    expect(verdict).toMatchObject({ status: 'unknown', reason: 'No available releases found', latestVersion: null, devVersion: null });
  });
});

describe('drupal.sec.10.5.0.xml (used by UpdateSemverCoreSecurityCoverageTest; statuses derived)', () => {
  it('10.5.0 is current; 10.4.0 has 10.5.0 recommended', () => {
    expect(assess('drupal.sec.10.5.0.xml', '10.5.0')).toMatchObject({ status: 'current', updateAvailable: false });
    expect(assess('drupal.sec.10.5.0.xml', '10.4.0')).toMatchObject({
      status: 'update_available',
      recommendedVersion: '10.5.0',
      updateAvailable: true,
      securityUpdate: false,
    });
  });
});

describe('fetch failures and missing data', () => {
  it('UpdateSemverCoreTest::testBrokenThenFixedUpdates: drupal.broken.xml is a failed fetch, then sec.8.0.2 requires a security update', () => {
    const broken = assess('drupal.broken.xml', '8.0.0');
    expect(broken.status).toBe('not_fetched');
    expect(broken.reason).toMatch(/^Failed to get available update data/);
    expect(assess('drupal.sec.8.0.2.xml', '8.0.0').status).toBe('security_update_required');
  });

  it('a failed HTTP fetch and a missing fetch are not_fetched', () => {
    expect(assessUpdateStatus({ version: '8.0.0' }, { kind: 'fetch-failed', message: 'HTTP 503' })).toMatchObject({
      status: 'not_fetched',
      reason: 'Failed to get available update data: HTTP 503',
    });
    expect(assessUpdateStatus({ version: '8.0.0' }, null)).toMatchObject({ status: 'not_fetched', reason: 'No available update data' });
  });

  it('HTML instead of XML is not_fetched, never a crash', () => {
    const verdict = assessUpdateStatus({ version: '8.0.0' }, parseReleaseHistory('<html><body>502 Bad Gateway</body></html>'));
    expect(verdict.status).toBe('not_fetched');
  });

  it('a project with no releases is unknown', () => {
    const verdict = assessUpdateStatus({ version: '1.0.0' }, parseReleaseHistory('<project><short_name>p</short_name></project>'));
    expect(verdict).toMatchObject({ status: 'unknown', reason: 'No available releases found' });
  });
});

describe('installed versions core cannot check', () => {
  it('UpdateContribTest::testNonStandardVersionStrings: invalid and empty versions are unknown', () => {
    const history = loadHistory('aaa_update_test.1_0-unsupported.xml');
    expect(assessUpdateStatus({ version: 'llama' }, history)).toMatchObject({ status: 'unknown', reason: 'Invalid version: llama' });
    expect(assessUpdateStatus({ version: '' }, history)).toMatchObject({ status: 'unknown', reason: 'Empty version' });
  });

  it('a null version (git checkout) is not_checked', () => {
    expect(assess('aaa_update_test.1_0-unsupported.xml', { version: null }).status).toBe('not_checked');
  });

  it('custom code is not_checked whatever the feed says', () => {
    const verdict = assess('drupal.project_status.insecure.0.2.xml', { version: '8.0.1', isCustom: true });
    expect(verdict).toMatchObject({ status: 'not_checked', securityUpdate: false });
  });
});

describe('composer notation of a legacy release', () => {
  it('matches composer 3.6.0-style versions to the feed`s 8.x- names (aaa_update_test.sec.8.x-1.2_8.x-2.2.xml)', () => {
    const verdict = assess('aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', '1.0.0');
    expect(verdict).toMatchObject({ installedVersion: '8.x-1.0', status: 'security_update_required', recommendedVersion: '8.x-1.2' });
    expect(assess('aaa_update_test.sec.8.x-1.2_8.x-2.2.xml', '2.2.0')).toMatchObject({ installedVersion: '8.x-2.2', status: 'current' });
  });
});

describe('status mapping', () => {
  it("maps every status to core's constant", () => {
    expect(CORE_STATUS_CONSTANTS).toEqual({
      security_update_required: 1,
      revoked: 2,
      not_supported: 3,
      update_available: 4,
      current: 5,
      not_checked: -1,
      unknown: -2,
      not_fetched: -3,
    });
  });
});

// Registered last so every describe above has added its fixtures.
describe('fixture coverage', () => {
  it('exercises every release-history fixture', () => {
    expect([...usedFixtures].sort()).toEqual(listReleaseHistoryFixtures());
  });
});
