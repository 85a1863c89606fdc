import { describe, it, expect } from 'vitest';
import { areFormsOfOneName, cleanHostname, getHostnameKey, matchDevices, normalizeSerial, type MatchableDevice } from './hostname';

interface Device extends MatchableDevice {
  id: string;
}

function device(id: string, hostname: string | null, extra: Partial<Device> = {}): Device {
  return { id, hostname, serialNumber: null, ...extra };
}

const ids = (devices: readonly Device[]) => devices.map((d) => d.id);
const pairIds = (result: ReturnType<typeof matchDevices<Device, Device>>) =>
  result.pairs.map((p) => [p.ninja.id, p.threatlocker.id, p.method]);
const groupIds = (groups: readonly { key: string; devices: Device[] }[]) => groups.map((g) => [g.key, ids(g.devices)]);

describe('getHostnameKey', () => {
  it.each([
    ['ACME-ACCT-LAPTOP-07', 'acme-acct-laptop-07'],
    ['ACME-ACCT-LAPTOP-07.acme.local', 'acme-acct-laptop-07'],
    ['CHI-4YHKJL3 | Keith Oneil', 'chi-4yhkjl3'],
    ['CHI-4YHKJL3.corp.example | Keith', 'chi-4yhkjl3'],
    ['  Front-Desk-01  ', 'front-desk-01'],
    ['PC-01 .acme.local', 'pc-01'],
    ['|only a user', ''],
    ['', ''],
    [null, ''],
    [undefined, ''],
  ])('%j → %j', (raw, key) => {
    expect(getHostnameKey(raw)).toBe(key);
  });

  it('keeps case in the clean name used for display', () => {
    expect(cleanHostname('CHI-4YHKJL3 | Keith Oneil')).toBe('CHI-4YHKJL3');
    expect(cleanHostname('Acme-DC01.acme.local')).toBe('Acme-DC01');
  });
});

describe('normalizeSerial', () => {
  it.each([
    'To be filled by O.E.M.',
    'TO BE FILLED BY O.E.M.',
    'Default string',
    '0',
    '00000000',
    'System Serial Number',
    '',
    '   ',
    'None',
    'N/A',
    '123456789',
    'xx',
  ])('treats %j as unusable', (serial) => {
    expect(normalizeSerial(serial)).toBeNull();
  });

  it('normalises case and whitespace of real serials', () => {
    expect(normalizeSerial(' pf1abcde ')).toBe('PF1ABCDE');
    expect(normalizeSerial('VMware-42 1d 6e 0b')).toBe('VMWARE-421D6E0B');
    expect(normalizeSerial(null)).toBeNull();
  });
});

describe('matchDevices', () => {
  it('pairs by serial even when the names differ (a renamed machine)', () => {
    const result = matchDevices(
      [device('n1', 'NEW-NAME', { serialNumber: 'PF1ABCDE' })],
      [device('t1', 'OLD-NAME', { serialNumber: 'pf1abcde' })],
    );
    expect(pairIds(result)).toEqual([['n1', 't1', 'serial']]);
    expect(result.unmatchedNinja).toEqual([]);
    expect(result.unmatchedThreatlocker).toEqual([]);
  });

  it('ignores placeholder serials and matches by name instead', () => {
    const result = matchDevices(
      [device('n1', 'PC-A', { serialNumber: 'To be filled by O.E.M.' }), device('n2', 'PC-B', { serialNumber: 'Default string' })],
      [device('t1', 'PC-B', { serialNumber: 'To be filled by O.E.M.' }), device('t2', 'PC-C', { serialNumber: 'Default string' })],
    );
    expect(pairIds(result)).toEqual([['n2', 't1', 'hostname']]);
    expect(ids(result.unmatchedNinja)).toEqual(['n1']);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t2']);
  });

  it('does not trust a serial that appears twice on one side', () => {
    const result = matchDevices(
      [device('n1', 'VM-ONE', { serialNumber: 'CLONED-SERIAL' }), device('n2', 'VM-TWO', { serialNumber: 'CLONED-SERIAL' })],
      [device('t1', 'VM-TWO', { serialNumber: 'CLONED-SERIAL' })],
    );
    expect(pairIds(result)).toEqual([['n2', 't1', 'hostname']]);
    expect(ids(result.unmatchedNinja)).toEqual(['n1']);
  });

  it('matches exact keys across pipes, domains and case', () => {
    const result = matchDevices(
      [device('n1', 'CHI-4YHKJL3.corp.example'), device('n2', 'frontdesk-01')],
      [device('t1', 'chi-4yhkjl3 | Keith Oneil'), device('t2', 'FRONTDESK-01')],
    );
    expect(pairIds(result)).toEqual([
      ['n1', 't1', 'hostname'],
      ['n2', 't2', 'hostname'],
    ]);
    expect(result.pairs[0]!.key).toBe('chi-4yhkjl3');
  });

  it('pairs a 15-character ThreatLocker name with the full NinjaOne name', () => {
    const result = matchDevices([device('n1', 'ACME-ACCT-LAPTOP-07.acme.local')], [device('t1', 'ACME-ACCT-LAPTO')]);
    expect(pairIds(result)).toEqual([['n1', 't1', 'netbios_prefix']]);
    // The pair is reported under the full name.
    expect(result.pairs[0]!.key).toBe('acme-acct-laptop-07');
  });

  it('pairs the truncation the other way round too', () => {
    const result = matchDevices([device('n1', 'ACME-ACCT-LAPTO')], [device('t1', 'ACME-ACCT-LAPTOP-07')]);
    expect(pairIds(result)).toEqual([['n1', 't1', 'netbios_prefix']]);
  });

  it('never merges near-identical full names', () => {
    const result = matchDevices([device('n1', 'ACME-ACCT-LAPTOP-07')], [device('t1', 'ACME-ACCT-LAPTOP-08')]);
    expect(result.pairs).toEqual([]);
    expect(ids(result.unmatchedNinja)).toEqual(['n1']);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t1']);
  });

  it('does not guess when two full names share the truncated prefix', () => {
    const result = matchDevices(
      [device('n7', 'ACME-ACCT-LAPTOP-07'), device('n8', 'ACME-ACCT-LAPTOP-08')],
      [device('t1', 'ACME-ACCT-LAPTO')],
    );
    expect(result.pairs).toEqual([]);
    expect(ids(result.unmatchedNinja)).toEqual(['n7', 'n8']);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t1']);
  });

  it('pairs a truncated name that appears twice with its machine, and reports the spare agent as a duplicate', () => {
    const result = matchDevices(
      [device('n7', 'ACME-ACCT-LAPTOP-07')],
      [
        device('t1', 'ACME-ACCT-LAPTO', { lastSeen: '2026-11-01T00:00:00Z' }),
        device('t2', 'ACME-ACCT-LAPTO', { lastSeen: '2026-11-20T00:00:00Z' }),
      ],
    );
    // One name on each side shares the prefix: the most recently seen agent is the machine's.
    expect(pairIds(result)).toEqual([['n7', 't2', 'netbios_prefix']]);
    expect(ids(result.unmatchedThreatlocker)).toEqual([]);
    expect(ids(result.redundantThreatlocker)).toEqual(['t1']);
    // Duplicates are reported per machine, under its full name.
    expect(result.duplicateThreatlocker.map((g) => [g.key, ids(g.devices)])).toEqual([['acme-acct-laptop-07', ['t1', 't2']]]);
  });

  it('still does not guess when a truncated name and a second full name share the prefix', () => {
    const result = matchDevices(
      [device('n7', 'ACME-ACCT-LAPTOP-07'), device('n8', 'ACME-ACCT-LAPTOP-08')],
      [device('t1', 'ACME-ACCT-LAPTO'), device('t2', 'ACME-ACCT-LAPTO')],
    );
    expect(result.pairs).toEqual([]);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t1', 't2']);
  });

  it('lets a serial settle a shared prefix, and leaves the rest unmatched', () => {
    const result = matchDevices(
      [device('n7', 'ACME-ACCT-LAPTOP-07', { serialNumber: 'PF1ABCDE' }), device('n8', 'ACME-ACCT-LAPTOP-08')],
      [device('t1', 'ACME-ACCT-LAPTO', { serialNumber: 'PF1ABCDE' })],
    );
    expect(pairIds(result)).toEqual([['n7', 't1', 'serial']]);
    expect(ids(result.unmatchedNinja)).toEqual(['n8']);
  });

  it('does not pair a 14-character name by prefix', () => {
    const result = matchDevices([device('n1', 'ACME-ACCT-LAPTOP')], [device('t1', 'ACME-ACCT-LAPT')]);
    expect(result.pairs).toEqual([]);
  });

  it('reports duplicate groups and pairs the most recently seen record', () => {
    const result = matchDevices(
      [device('n1', 'RECEPTION-PC')],
      [
        device('old', 'RECEPTION-PC', { lastSeen: '2025-01-01T00:00:00Z' }),
        device('new', 'reception-pc.acme.local', { lastSeen: '2025-09-01T00:00:00Z' }),
      ],
    );
    expect(pairIds(result)).toEqual([['n1', 'new', 'hostname']]);
    expect(ids(result.redundantThreatlocker)).toEqual(['old']);
    expect(result.unmatchedThreatlocker).toEqual([]);
    expect(result.duplicateThreatlocker.map((g) => [g.key, ids(g.devices)])).toEqual([['reception-pc', ['old', 'new']]]);
  });

  it('prefers a same-organisation partner among same-named records', () => {
    const result = matchDevices(
      [device('nA', 'RECEPTION', { organizationId: 1 }), device('nB', 'RECEPTION', { organizationId: 2 })],
      [
        device('tB', 'RECEPTION', { organizationId: 2, lastSeen: '2025-09-02T00:00:00Z' }),
        device('tA', 'RECEPTION', { organizationId: 1, lastSeen: '2025-09-01T00:00:00Z' }),
      ],
    );
    expect(pairIds(result).sort()).toEqual([
      ['nA', 'tA', 'hostname'],
      ['nB', 'tB', 'hostname'],
    ]);
  });

  it('treats a second agent named like a serial-matched machine as redundant, not missing', () => {
    const result = matchDevices(
      [device('n1', 'PC-1', { serialNumber: 'SER-0001' })],
      [device('t-old', 'PC-1-OLD', { serialNumber: 'SER-0001' }), device('t-new', 'PC-1')],
    );
    expect(pairIds(result)).toEqual([['n1', 't-old', 'serial']]);
    expect(ids(result.redundantThreatlocker)).toEqual(['t-new']);
    expect(result.unmatchedThreatlocker).toEqual([]);
  });

  it('leaves nameless records unmatched unless a serial pairs them', () => {
    const result = matchDevices(
      [device('n1', null), device('n2', '', { serialNumber: 'ABC-1234' })],
      [device('t1', ''), device('t2', 'ANY', { serialNumber: 'abc-1234' })],
    );
    expect(pairIds(result)).toEqual([['n2', 't2', 'serial']]);
    expect(ids(result.unmatchedNinja)).toEqual(['n1']);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t1']);
    expect(result.duplicateNinja).toEqual([]);
  });

  it('puts every record in exactly one place', () => {
    const ninja = [
      device('n1', 'A', { serialNumber: 'S-0001' }),
      device('n2', 'B'),
      device('n3', 'B'),
      device('n4', 'LONG-NAME-ABCDEFGH'),
      device('n5', 'ONLY-NINJA'),
    ];
    const tl = [device('t1', 'Z', { serialNumber: 's-0001' }), device('t2', 'b'), device('t3', 'LONG-NAME-ABCDE'), device('t4', 'ONLY-TL')];
    const result = matchDevices(ninja, tl);
    const placedNinja = [...result.pairs.map((p) => p.ninja), ...result.unmatchedNinja, ...result.redundantNinja];
    const placedTl = [...result.pairs.map((p) => p.threatlocker), ...result.unmatchedThreatlocker, ...result.redundantThreatlocker];
    expect(ids(placedNinja).sort()).toEqual(ids(ninja).sort());
    expect(ids(placedTl).sort()).toEqual(ids(tl).sort());
    expect(ids(result.unmatchedNinja)).toEqual(['n5']);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t4']);
  });
});

describe('areFormsOfOneName', () => {
  it.each([
    [['pc-1', 'pc-1', ''], true],
    [['acme-accounting-laptop', 'acme-accounting'], true],
    [['acme-accounting', 'acme-accounting-laptop', 'acme-accounting'], true],
    [['vm-one', 'vm-two'], false],
    // A 14-character name is not a NetBIOS truncation, nor is a prefix of another length.
    [['acme-accountin', 'acme-accounting-laptop'], false],
    [['acme-accounting-laptop', 'acme-accounting-desktop'], false],
    [['acme-accounting', 'acme-accounting-laptop', 'acme-accounting-desktop'], false],
  ])('%j → %s', (keys, expected) => {
    expect(areFormsOfOneName(keys)).toBe(expected);
  });
});

describe('matchDevices: one machine, several agents in different name forms', () => {
  it('resolves the NetBIOS and the DNS form of one machine to it, and nothing is left over', () => {
    const result = matchDevices(
      [device('n1', 'ACME-ACCOUNTING-LAPTOP')],
      [
        device('t-dns', 'ACME-ACCOUNTING-LAPTOP.corp.local', { lastSeen: '2025-09-01T00:00:00Z' }),
        device('t-netbios', 'ACME-ACCOUNTING', { lastSeen: '2025-09-28T00:00:00Z' }),
      ],
    );
    // The checks read the live (most recent) agent, whichever key found it.
    expect(pairIds(result)).toEqual([['n1', 't-netbios', 'netbios_prefix']]);
    expect(ids(result.pairs[0]!.agents)).toEqual(['t-dns', 't-netbios']);
    expect(ids(result.redundantThreatlocker)).toEqual(['t-dns']);
    expect(result.unmatchedThreatlocker).toEqual([]);
    expect(groupIds(result.duplicateThreatlocker)).toEqual([['acme-accounting-laptop', ['t-dns', 't-netbios']]]);
  });

  it('resolves the full name the other way round when NinjaOne holds the NetBIOS name', () => {
    const result = matchDevices(
      [device('n1', 'ACME-ACCOUNTING')],
      [device('t-full', 'ACME-ACCOUNTING-LAPTOP.corp.local | Keith'), device('t-short', 'acme-accounting')],
    );
    expect(ids(result.pairs[0]!.agents)).toEqual(['t-full', 't-short']);
    expect(result.unmatchedThreatlocker).toEqual([]);
    expect(groupIds(result.duplicateThreatlocker)).toEqual([['acme-accounting', ['t-full', 't-short']]]);
  });

  it('does not resolve a truncation when ThreatLocker knows a second machine under that prefix', () => {
    const result = matchDevices(
      [device('n1', 'ACME-ACCOUNTING-LAPTOP')],
      [device('t-full', 'ACME-ACCOUNTING-LAPTOP'), device('t-other', 'ACME-ACCOUNTING-DESKTOP'), device('t-short', 'ACME-ACCOUNTING')],
    );
    expect(pairIds(result)).toEqual([['n1', 't-full', 'hostname']]);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t-other', 't-short']);
    expect(groupIds(result.unmatchedThreatlockerGroups)).toEqual([
      ['acme-accounting-desktop', ['t-other']],
      ['acme-accounting', ['t-short']],
    ]);
    expect(result.duplicateThreatlocker).toEqual([]);
  });

  it('counts an old long name resolved by serial as its machine, not as a second machine', () => {
    // Renamed from ACME-ACCOUNTING-OLD to ACME-ACCOUNTING-NEW: one machine behind the prefix.
    const result = matchDevices(
      [device('n1', 'ACME-ACCOUNTING-NEW', { serialNumber: 'PF1ABCDE' })],
      [device('t-old', 'ACME-ACCOUNTING-OLD', { serialNumber: 'PF1ABCDE' }), device('t-short', 'ACME-ACCOUNTING')],
    );
    expect(ids(result.pairs[0]!.agents)).toEqual(['t-old', 't-short']);
    expect(result.unmatchedThreatlocker).toEqual([]);
  });

  it('groups the name forms of a machine NinjaOne does not know under its full name', () => {
    const result = matchDevices(
      [device('n1', 'OTHER-PC')],
      [device('t-short', 'GHOST-WORKSTATI'), device('t-full', 'ghost-workstation-9.corp.local'), device('t-pc', 'OTHER-PC')],
    );
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t-short', 't-full']);
    expect(groupIds(result.unmatchedThreatlockerGroups)).toEqual([['ghost-workstation-9', ['t-short', 't-full']]]);
    expect(groupIds(result.duplicateThreatlocker)).toEqual([['ghost-workstation-9', ['t-short', 't-full']]]);
  });

  it('resolves every agent carrying a serial under forms of one name, even where the prefix is shared', () => {
    const result = matchDevices(
      [device('n7', 'ACME-ACCT-LAPTOP-07', { serialNumber: 'PF1ABCDE' }), device('n8', 'ACME-ACCT-LAPTOP-08')],
      [
        device('t-short', 'ACME-ACCT-LAPTO', { serialNumber: 'PF1ABCDE', lastSeen: '2025-09-01T00:00:00Z' }),
        device('t-again', 'acme-acct-lapto | Keith', { serialNumber: 'pf1abcde', lastSeen: '2025-09-02T00:00:00Z' }),
        device('t-8', 'ACME-ACCT-LAPTOP-08'),
      ],
    );
    expect(pairIds(result)).toEqual([
      ['n7', 't-again', 'serial'],
      ['n8', 't-8', 'hostname'],
    ]);
    expect(groupIds(result.duplicateThreatlocker)).toEqual([['acme-acct-laptop-07', ['t-short', 't-again']]]);
  });

  it('resolves a renamed machine\'s agents under its old name through the one that carries the serial', () => {
    const result = matchDevices(
      [device('n1', 'NEW-NAME', { serialNumber: 'PF1ABCDE' })],
      [device('t-old', 'OLD-NAME', { serialNumber: 'PF1ABCDE', lastSeen: '2025-09-28T00:00:00Z' }), device('t-stale', 'old-name.corp.local', { lastSeen: '2025-03-01T00:00:00Z' })],
    );
    expect(pairIds(result)).toEqual([['n1', 't-old', 'serial']]);
    expect(ids(result.redundantThreatlocker)).toEqual(['t-stale']);
    expect(groupIds(result.duplicateThreatlocker)).toEqual([['new-name', ['t-old', 't-stale']]]);
  });

  it('resolves an old full name through its NetBIOS form when that form carries the serial', () => {
    const result = matchDevices(
      [device('n1', 'NEW-NAME', { serialNumber: 'PF1ABCDE' })],
      [device('t-netbios', 'ACME-ACCOUNTING', { serialNumber: 'PF1ABCDE' }), device('t-full', 'ACME-ACCOUNTING-LAPTOP.corp.local')],
    );
    expect(ids(result.pairs[0]!.agents)).toEqual(['t-netbios', 't-full']);
    expect(result.unmatchedThreatlocker).toEqual([]);
  });

  it('does not follow a name whose agents resolved to different machines', () => {
    const result = matchDevices(
      [device('n1', 'PC-B', { serialNumber: 'SERIAL-B1' }), device('n2', 'PC-C', { serialNumber: 'SERIAL-C1' })],
      [device('t1', 'PC-A', { serialNumber: 'SERIAL-B1' }), device('t2', 'PC-A', { serialNumber: 'SERIAL-C1' }), device('t3', 'PC-A')],
    );
    expect(pairIds(result)).toEqual([
      ['n1', 't1', 'serial'],
      ['n2', 't2', 'serial'],
    ]);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t3']);
  });

  it('does not trust a serial that agents with unrelated names share (a cloned image)', () => {
    // NinjaOne knows one clone; ThreatLocker has an agent on each.
    const result = matchDevices(
      [device('n1', 'VM-ONE', { serialNumber: 'VMWARE-42' })],
      [device('t2', 'VM-TWO', { serialNumber: 'VMWARE-42' }), device('t1', 'VM-ONE', { serialNumber: 'VMWARE-42' })],
    );
    expect(pairIds(result)).toEqual([['n1', 't1', 'hostname']]);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t2']);
    expect(result.duplicateThreatlocker).toEqual([]);
  });

  it('never resolves names that only look alike', () => {
    const result = matchDevices([device('n1', 'PC-01')], [device('t1', 'PC-010'), device('t2', 'PC-01X.corp.local')]);
    expect(result.pairs).toEqual([]);
    expect(ids(result.unmatchedThreatlocker)).toEqual(['t1', 't2']);
  });

  it('prefers the NinjaOne record with the same full DNS name among same-named records', () => {
    const result = matchDevices(
      [device('n-acme', 'PC-01.acme.local', { organizationId: 1 }), device('n-branch', 'PC-01.branch.acme.local', { organizationId: 1 })],
      [device('t1', 'pc-01.branch.acme.local | Front desk', { organizationId: 1 })],
    );
    expect(pairIds(result)).toEqual([['n-branch', 't1', 'hostname']]);
    expect(ids(result.redundantNinja)).toEqual(['n-acme']);
  });

  it('leaves a NinjaOne machine unmatched when the agent of its name belongs to another machine by serial', () => {
    // PC-A was renamed PC-B; a new machine took the name PC-A and has no agent yet.
    const result = matchDevices(
      [device('n-new', 'PC-A', { serialNumber: 'NEW-SERIAL-1' }), device('n-renamed', 'PC-B', { serialNumber: 'OLD-SERIAL-1' })],
      [device('t1', 'PC-A', { serialNumber: 'OLD-SERIAL-1' })],
    );
    expect(pairIds(result)).toEqual([['n-renamed', 't1', 'serial']]);
    expect(ids(result.unmatchedNinja)).toEqual(['n-new']);
  });
});
