import { describe, it, expect } from 'vitest';
import {
  compareDisplayNames,
  findCrossVendorExceptions,
  type CrossVendorOptions,
  type InventoryDevice,
  type InventoryException,
} from './variance';

const ACME = 7;
const BLUEBIRD = 9;

function ninja(hostname: string | null, extra: Partial<InventoryDevice> = {}): InventoryDevice {
  return {
    vendorDeviceId: `ninja-${hostname}`,
    hostname,
    displayName: null,
    serialNumber: null,
    vendorOrganizationId: String(extra.organizationId ?? ACME),
    vendorOrganizationName: 'Acme Dental',
    organizationId: ACME,
    siteName: 'HQ',
    deviceType: 'workstation',
    billingStatus: 'billable',
    isActive: true,
    lastSeen: '2025-09-29T08:00:00Z',
    ...extra,
  };
}

function tl(hostname: string | null, extra: Partial<InventoryDevice> = {}): InventoryDevice {
  return {
    vendorDeviceId: `tl-${hostname}`,
    hostname,
    displayName: hostname,
    serialNumber: null,
    vendorOrganizationId: '6f1d2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b',
    vendorOrganizationName: 'Acme Dental',
    organizationId: ACME,
    siteName: null,
    deviceType: 'unknown',
    billingStatus: 'unknown',
    isActive: true,
    lastSeen: '2025-09-29T08:51:02Z',
    ...extra,
  };
}

function run(n: InventoryDevice[], t: InventoryDevice[], options?: CrossVendorOptions) {
  return findCrossVendorExceptions(n, t, options);
}

function ofType<T extends InventoryException['type']>(exceptions: InventoryException[], type: T) {
  return exceptions.filter((e): e is Extract<InventoryException, { type: T }> => e.type === type);
}

const summary = (exceptions: InventoryException[]) => exceptions.map((e) => `${e.type} ${e.hostname}`);

describe('findCrossVendorExceptions: the Acme Dental story from the vendor fixtures', () => {
  // NinjaOne: ACME-ACCT-LAPTOP-07 (truncated in ThreatLocker), FRONTDESK-01 (no agent),
  // ACME-DC01 (server). ThreatLocker also has RECEPTION-PC2, which NinjaOne lacks.
  const ninjaDevices = [
    ninja('ACME-ACCT-LAPTOP-07.acme.local', { displayName: 'Accounting laptop 07', serialNumber: 'PF1ABCDE' }),
    ninja('FRONTDESK-01.acme.local', { serialNumber: '7XYZ123', siteName: 'Branch - North' }),
    ninja('ACME-DC01.acme.local', { deviceType: 'server', serialNumber: '7149-6004-6720-8372-7705-4830-48' }),
  ];
  const tlDevices = [
    tl('ACME-ACCT-LAPTO', { serialNumber: 'PF1ABCDE' }),
    tl('ACME-DC01', { serialNumber: '7149-6004-6720-8372-7705-4830-48' }),
    tl('RECEPTION-PC2', { serialNumber: 'CZC1234XYZ', lastSeen: '2025-09-12T16:03:19Z' }),
  ];

  it('finds exactly the story’s variances', () => {
    const result = run(ninjaDevices, tlDevices);
    expect(summary(result.exceptions)).toEqual([
      'MISSING_NINJA reception-pc2',
      'MISSING_THREATLOCKER frontdesk-01',
      'DISPLAY_NAME_MISMATCH acme-acct-laptop-07',
    ]);
    expect(result.counts).toEqual({
      MISSING_NINJA: 1,
      MISSING_THREATLOCKER: 1,
      DUPLICATE_TL: 0,
      SITE_MISMATCH: 0,
      SPARE_MISMATCH: 0,
      DISPLAY_NAME_MISMATCH: 1,
    });
  });

  it('fills MISSING_NINJA details with the original’s keys', () => {
    const [missing] = ofType(run(ninjaDevices, tlDevices).exceptions, 'MISSING_NINJA');
    expect(missing?.details).toEqual({
      tl_hostname: 'reception-pc2',
      tl_canonical_key: 'reception-pc2',
      tl_site_name: null,
      tl_org_name: 'Acme Dental',
      tl_organization_id: ACME,
      tl_display_name: 'RECEPTION-PC2',
      tl_last_seen: '2025-09-12T16:03:19Z',
      tl_device_ids: ['tl-RECEPTION-PC2'],
      count: 1,
      data_quality_issue: false,
      original_stored_hostname: null,
    });
  });

  it('fills MISSING_THREATLOCKER details from the NinjaOne record', () => {
    const [missing] = ofType(run(ninjaDevices, tlDevices).exceptions, 'MISSING_THREATLOCKER');
    expect(missing?.details).toEqual({
      hostname_base: 'frontdesk-01',
      ninja_hostname: 'FRONTDESK-01',
      ninja_display_name: null,
      ninja_org_name: 'Acme Dental',
      ninja_organization_id: ACME,
      ninja_site: 'Branch - North',
      ninja_device_type: 'workstation',
      ninja_billing_status: 'billable',
      ninja_last_seen: '2025-09-29T08:00:00Z',
      ninja_device_ids: ['ninja-FRONTDESK-01.acme.local'],
      count: 1,
      org_compared_by: 'mapping',
    });
  });
});

describe('MISSING_NINJA', () => {
  it('flags a pipe-suffixed hostname as a data-quality issue and keeps the raw value', () => {
    const result = run([], [tl('CHI-4YHKJL3 | Keith Oneil')]);
    const [missing] = ofType(result.exceptions, 'MISSING_NINJA');
    expect(missing?.hostname).toBe('chi-4yhkjl3');
    expect(missing?.details.data_quality_issue).toBe(true);
    expect(missing?.details.original_stored_hostname).toBe('CHI-4YHKJL3 | Keith Oneil');
    expect(result.dataQuality.threatlockerHostnamesWithPipe).toBe(1);
  });

  it('does not fire when the pipe-suffixed name matches NinjaOne', () => {
    expect(run([ninja('CHI-4YHKJL3')], [tl('CHI-4YHKJL3 | Keith Oneil', { displayName: null })]).exceptions).toEqual([]);
  });

  it('reports unmatched duplicates once, with every record id', () => {
    const result = run([], [tl('GHOST', { vendorDeviceId: 'a' }), tl('ghost.acme.local', { vendorDeviceId: 'b' })]);
    const missing = ofType(result.exceptions, 'MISSING_NINJA');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.details.tl_device_ids).toEqual(['a', 'b']);
    expect(missing[0]?.details.count).toBe(2);
    expect(ofType(result.exceptions, 'DUPLICATE_TL')).toHaveLength(1);
  });

  it('skips nameless records and counts them', () => {
    const result = run([], [tl(null), tl('  ')]);
    expect(result.exceptions).toEqual([]);
    expect(result.dataQuality.threatlockerMissingHostname).toBe(2);
  });
});

describe('MISSING_THREATLOCKER', () => {
  const protectedTl = tl('SOMETHING-ELSE', { serialNumber: 'OTHER-1' });

  it.each([
    ['billable workstation', { deviceType: 'workstation', billingStatus: 'billable' }, true],
    ['billable server', { deviceType: 'server', billingStatus: 'billable' }, true],
    ['spare workstation', { deviceType: 'workstation', billingStatus: 'spare' }, false],
    ['billable unknown type', { deviceType: 'unknown', billingStatus: 'billable' }, false],
    ['unknown billing', { deviceType: 'workstation', billingStatus: 'unknown' }, false],
  ] as const)('%s → flagged: %s', (_label, extra, flagged) => {
    const result = run([ninja('PC-X', extra)], [protectedTl]);
    expect(ofType(result.exceptions, 'MISSING_THREATLOCKER').map((e) => e.hostname)).toEqual(flagged ? ['pc-x'] : []);
  });

  it('only covers organisations that use ThreatLocker, unless told otherwise', () => {
    const noThreatlockerClient = ninja('BLUEBIRD-PC', { organizationId: BLUEBIRD, vendorOrganizationName: 'Bluebird' });
    // Unmapped, and no ThreatLocker organisation carries its name.
    const unmapped = ninja('UNMAPPED-PC', { organizationId: null, vendorOrganizationName: 'Unmapped Clinic' });
    expect(ofType(run([noThreatlockerClient, unmapped], [protectedTl]).exceptions, 'MISSING_THREATLOCKER')).toEqual([]);

    const all = run([noThreatlockerClient, unmapped], [protectedTl], { threatlockerOrganizations: 'all' });
    expect(ofType(all.exceptions, 'MISSING_THREATLOCKER').map((e) => e.hostname)).toEqual(['bluebird-pc', 'unmapped-pc']);

    const listed = run([noThreatlockerClient], [], { threatlockerOrganizations: [{ organizationId: BLUEBIRD, vendorOrganizationName: null }] });
    expect(ofType(listed.exceptions, 'MISSING_THREATLOCKER').map((e) => e.hostname)).toEqual(['bluebird-pc']);
  });

  it('does not fire for a device matched only through the 15-character name', () => {
    const result = run([ninja('ACME-ACCT-LAPTOP-07')], [tl('ACME-ACCT-LAPTO', { displayName: null })]);
    expect(result.exceptions).toEqual([]);
  });
});

describe('DUPLICATE_TL', () => {
  it('groups ThreatLocker records by key and names the one to keep', () => {
    const result = run(
      [ninja('RECEPTION-PC')],
      [
        tl('RECEPTION-PC', { vendorDeviceId: 'old', lastSeen: '2025-01-01T00:00:00Z' }),
        tl('reception-pc.acme.local | Front desk', {
          vendorDeviceId: 'new',
          vendorOrganizationName: 'Acme Dental (old tenant)',
          displayName: 'RECEPTION-PC',
          lastSeen: '2025-09-01T00:00:00Z',
        }),
      ],
    );
    const duplicates = ofType(result.exceptions, 'DUPLICATE_TL');
    expect(duplicates).toEqual([
      {
        type: 'DUPLICATE_TL',
        hostname: 'reception-pc',
        details: {
          hostname_base: 'reception-pc',
          count: 2,
          duplicate_hostnames: ['RECEPTION-PC', 'reception-pc'],
          sites: [],
          organizations: ['Acme Dental', 'Acme Dental (old tenant)'],
          tl_org_name: 'Acme Dental',
          tl_device_ids: ['old', 'new'],
          most_recent_tl_device_id: 'new',
        },
      },
    ]);
    // The stale copy is a duplicate, not a machine missing from NinjaOne.
    expect(ofType(result.exceptions, 'MISSING_NINJA')).toEqual([]);
  });

  it('does not fire for one record per name, nor for NinjaOne duplicates', () => {
    const result = run([ninja('PC-1'), ninja('PC-1')], [tl('PC-1')]);
    expect(ofType(result.exceptions, 'DUPLICATE_TL')).toEqual([]);
  });
});

describe('one machine, several ThreatLocker agents in different name forms', () => {
  // NinjaOne has the full name; ThreatLocker has the NetBIOS form and the DNS form.
  const machine = ninja('ACME-ACCOUNTING-LAPTOP.acme.local', { vendorDeviceId: 'n-1', displayName: 'Accounting laptop' });
  const netbios = tl('ACME-ACCOUNTING', { vendorDeviceId: 't-netbios', displayName: 'Accounting laptop', lastSeen: '2025-09-29T08:00:00Z' });
  const dns = tl('acme-accounting-laptop.corp.local', { vendorDeviceId: 't-dns', displayName: 'Accounting laptop', lastSeen: '2025-06-01T08:00:00Z' });

  it('is one DUPLICATE_TL listing every agent, and no agent is missing from NinjaOne', () => {
    const result = run([machine], [dns, netbios]);
    expect(summary(result.exceptions)).toEqual(['DUPLICATE_TL acme-accounting-laptop']);
    expect(ofType(result.exceptions, 'DUPLICATE_TL')[0]?.details).toEqual({
      hostname_base: 'acme-accounting-laptop',
      count: 2,
      duplicate_hostnames: ['acme-accounting-laptop', 'ACME-ACCOUNTING'],
      sites: [],
      organizations: ['Acme Dental'],
      tl_org_name: 'Acme Dental',
      tl_device_ids: ['t-dns', 't-netbios'],
      most_recent_tl_device_id: 't-netbios',
    });
  });

  it('checks the machine against its live agent', () => {
    const result = run([{ ...machine, billingStatus: 'spare' }], [netbios, { ...dns, displayName: 'Old name', isActive: false }]);
    expect(summary(result.exceptions)).toEqual(['DUPLICATE_TL acme-accounting-laptop', 'SPARE_MISMATCH acme-accounting-laptop']);
    expect(ofType(result.exceptions, 'SPARE_MISMATCH')[0]?.details).toMatchObject({ tl_device_id: 't-netbios', match_method: 'netbios_prefix' });
  });

  it('reports a machine NinjaOne does not know once, under its full name, with both agents', () => {
    const result = run([], [dns, netbios]);
    expect(summary(result.exceptions)).toEqual(['MISSING_NINJA acme-accounting-laptop', 'DUPLICATE_TL acme-accounting-laptop']);
    expect(ofType(result.exceptions, 'MISSING_NINJA')[0]?.details).toMatchObject({ tl_device_ids: ['t-dns', 't-netbios'], count: 2 });
  });

  it('raises MISSING_NINJA for a truncation two NinjaOne machines could own, and does not guess', () => {
    const result = run(
      [machine, ninja('ACME-ACCOUNTING-DESKTOP', { vendorDeviceId: 'n-2' })],
      [netbios, tl('ACME-ACCOUNTING-DESKTOP', { vendorDeviceId: 't-2' })],
    );
    expect(summary(result.exceptions)).toEqual(['MISSING_NINJA acme-accounting', 'MISSING_THREATLOCKER acme-accounting-laptop']);
  });
});

describe('SITE_MISMATCH', () => {
  it('fires when the matched devices map to different organisations', () => {
    const result = run(
      [ninja('PC-7', { serialNumber: 'SER-7777' })],
      [tl('PC-7-RENAMED', { serialNumber: 'SER-7777', organizationId: BLUEBIRD, vendorOrganizationName: 'Bluebird Logistics' })],
    );
    const [mismatch] = ofType(result.exceptions, 'SITE_MISMATCH');
    expect(mismatch).toEqual({
      type: 'SITE_MISMATCH',
      hostname: 'pc-7',
      details: {
        hostname_base: 'pc-7',
        tl_hostname: 'PC-7-RENAMED',
        ninja_hostname: 'PC-7',
        match_method: 'serial',
        tl_device_id: 'tl-PC-7-RENAMED',
        ninja_device_id: 'ninja-PC-7',
        tl_site: null,
        ninja_site: 'HQ',
        tl_org: 'Bluebird Logistics',
        ninja_org: 'Acme Dental',
        tl_organization_id: BLUEBIRD,
        ninja_organization_id: ACME,
        org_compared_by: 'mapping',
      },
    });
  });

  it('does not fire for the same organisation under different vendor names, nor for unmapped ones', () => {
    const sameOrg = run([ninja('PC-7')], [tl('PC-7', { vendorOrganizationName: 'ACME DENTAL LLC' })]);
    expect(ofType(sameOrg.exceptions, 'SITE_MISMATCH')).toEqual([]);
    const unmapped = run([ninja('PC-7')], [tl('PC-7', { organizationId: null })]);
    expect(ofType(unmapped.exceptions, 'SITE_MISMATCH')).toEqual([]);
    expect(unmapped.dataQuality.threatlockerUnmappedOrganization).toBe(1);
  });
});

describe('before any organisation is mapped', () => {
  const unmapped = { organizationId: null };

  it('raises SITE_MISMATCH for two differently named organisations, compared by name', () => {
    const result = run(
      [ninja('PC-7', { ...unmapped, vendorOrganizationName: 'Acme Dental' })],
      [tl('PC-7', { ...unmapped, vendorOrganizationName: 'Bluebird Logistics' })],
    );
    expect(ofType(result.exceptions, 'SITE_MISMATCH').map((e) => e.details)).toEqual([
      expect.objectContaining({ ninja_org: 'Acme Dental', tl_org: 'Bluebird Logistics', ninja_organization_id: null, tl_organization_id: null, org_compared_by: 'name' }),
    ]);
    // A mapping on one side only still leaves the other to its name.
    const half = run([ninja('PC-7')], [tl('PC-7', { ...unmapped, vendorOrganizationName: 'Bluebird Logistics' })]);
    expect(ofType(half.exceptions, 'SITE_MISMATCH').map((e) => e.details.org_compared_by)).toEqual(['name']);
  });

  it('raises MISSING_THREATLOCKER when a ThreatLocker organisation of the same name has agents', () => {
    const result = run([ninja('FRONTDESK-01', unmapped)], [tl('OTHER-PC', { ...unmapped, vendorOrganizationName: 'ACME DENTAL, LLC' })]);
    expect(ofType(result.exceptions, 'MISSING_THREATLOCKER').map((e) => [e.hostname, e.details.ninja_organization_id, e.details.org_compared_by])).toEqual([
      ['frontdesk-01', null, 'name'],
    ]);
  });

  it('keeps ignored organisations out of both checks, whatever the names', () => {
    const ignored = { ...unmapped, organizationIgnored: true };
    const mismatch = run([ninja('PC-7', ignored)], [tl('PC-7', { ...unmapped, vendorOrganizationName: 'Bluebird Logistics' })]);
    expect(ofType(mismatch.exceptions, 'SITE_MISMATCH')).toEqual([]);
    const missing = run([ninja('FRONTDESK-01', ignored)], [tl('OTHER-PC')], { threatlockerOrganizations: 'all' });
    expect(ofType(missing.exceptions, 'MISSING_THREATLOCKER')).toEqual([]);
    const tlIgnored = run([ninja('FRONTDESK-01', unmapped)], [tl('OTHER-PC', ignored)]);
    expect(ofType(tlIgnored.exceptions, 'MISSING_THREATLOCKER')).toEqual([]);
  });
});

describe('SPARE_MISMATCH', () => {
  it('fires for a NinjaOne spare with an active ThreatLocker agent', () => {
    const result = run([ninja('SPARE-LAPTOP-3', { billingStatus: 'spare', siteName: 'Storage' })], [tl('SPARE-LAPTOP-3')]);
    const [spare] = ofType(result.exceptions, 'SPARE_MISMATCH');
    expect(spare?.hostname).toBe('spare-laptop-3');
    expect(spare?.details).toMatchObject({
      hostname_base: 'spare-laptop-3',
      tl_hostname: 'SPARE-LAPTOP-3',
      ninja_hostname: 'SPARE-LAPTOP-3',
      ninja_billing_status: 'spare',
      tl_site: null,
      ninja_site: 'Storage',
      tl_org_name: 'Acme Dental',
      ninja_org_name: 'Acme Dental',
      match_method: 'hostname',
    });
    expect(spare?.details.note).toMatch(/spare/i);
  });

  it('does not fire when the agent is inactive, the device is billable, or the site is exempt', () => {
    expect(run([ninja('S-1', { billingStatus: 'spare' })], [tl('S-1', { isActive: false })]).exceptions).toEqual([]);
    expect(run([ninja('S-1', { billingStatus: 'billable' })], [tl('S-1')]).exceptions).toEqual([]);
    const exempt = run([ninja('S-1', { billingStatus: 'spare', siteName: 'ES Spare' })], [tl('S-1')], {
      spareExemptSiteNames: ['es spare'],
    });
    expect(exempt.exceptions).toEqual([]);
  });

  it('is not silenced by an exemption for another site', () => {
    const result = run([ninja('S-1', { billingStatus: 'spare', siteName: 'HQ' })], [tl('S-1')], {
      spareExemptSiteNames: ['ES Spare'],
    });
    expect(summary(result.exceptions)).toEqual(['SPARE_MISMATCH s-1']);
  });
});

describe('DISPLAY_NAME_MISMATCH', () => {
  it('fires when ThreatLocker’s computer name differs from NinjaOne’s display name', () => {
    const result = run(
      [ninja('CHI-4YHKJL3', { displayName: 'CHI-4YHKJL3 | Keith Oneil' })],
      [tl('CHI-4YHKJL3', { displayName: 'CHI-4YHKJL3 | K. Oneil' })],
    );
    const [mismatch] = ofType(result.exceptions, 'DISPLAY_NAME_MISMATCH');
    expect(mismatch?.details).toMatchObject({
      hostname_base: 'chi-4yhkjl3',
      tl_hostname: 'CHI-4YHKJL3',
      ninja_hostname: 'CHI-4YHKJL3',
      tl_display_name: 'CHI-4YHKJL3 | K. Oneil',
      ninja_display_name: 'CHI-4YHKJL3 | Keith Oneil',
      tl_org_name: 'Acme Dental',
      ninja_org_name: 'Acme Dental',
      tl_device_id: 'tl-CHI-4YHKJL3',
    });
  });

  it.each([
    ['same text, other case and spacing', 'Chi-4YHKJL3 |  keith oneil ', 'CHI-4YHKJL3 | Keith Oneil', false],
    ['NinjaOne blank, ThreatLocker shows its hostname', '', 'CHI-4YHKJL3', false],
    ['NinjaOne blank, ThreatLocker shows NinjaOne’s hostname', null, 'chi-4yhkjl3', false],
    ['NinjaOne blank, ThreatLocker has a user suffix', null, 'CHI-4YHKJL3 | Keith Oneil', true],
    ['NinjaOne set, ThreatLocker left at the hostname', 'Keith’s laptop', 'CHI-4YHKJL3', true],
  ])('%s → mismatch: %s', (_label, ninjaName, tlName, expected) => {
    const found = compareDisplayNames({ hostname: 'CHI-4YHKJL3.corp.example', displayName: ninjaName }, { hostname: 'CHI-4YHKJL3', displayName: tlName });
    expect(found !== null).toBe(expected);
  });

  it('falls back to the ThreatLocker hostname when it has no computer name', () => {
    expect(compareDisplayNames({ hostname: 'PC-1', displayName: 'Front desk' }, { hostname: 'PC-1', displayName: null })).toEqual({
      ninjaName: 'Front desk',
      tlName: 'PC-1',
    });
  });
});

describe('findCrossVendorExceptions: shape', () => {
  it('sorts by type then hostname and emits one exception per type and hostname', () => {
    const result = run(
      [
        ninja('B-PC', { billingStatus: 'spare', displayName: 'b' }),
        ninja('A-PC', { billingStatus: 'spare', displayName: 'a' }),
        ninja('DUP', { billingStatus: 'spare', vendorDeviceId: 'n-dup-1' }),
        ninja('DUP', { billingStatus: 'spare', vendorDeviceId: 'n-dup-2' }),
      ],
      [tl('A-PC'), tl('B-PC'), tl('DUP', { vendorDeviceId: 't-dup-1' }), tl('DUP', { vendorDeviceId: 't-dup-2' }), tl('Z-ONLY'), tl('M-ONLY')],
    );
    expect(summary(result.exceptions)).toEqual([
      'MISSING_NINJA m-only',
      'MISSING_NINJA z-only',
      'DUPLICATE_TL dup',
      'SPARE_MISMATCH a-pc',
      'SPARE_MISMATCH b-pc',
      'SPARE_MISMATCH dup',
      'DISPLAY_NAME_MISMATCH a-pc',
      'DISPLAY_NAME_MISMATCH b-pc',
    ]);
  });

  it('returns nothing for two empty inventories', () => {
    const result = run([], []);
    expect(result.exceptions).toEqual([]);
    expect(Object.values(result.counts).every((n) => n === 0)).toBe(true);
  });
});
