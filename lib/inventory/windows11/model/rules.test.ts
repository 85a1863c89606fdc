import { describe, it, expect } from 'vitest';
import {
  assessWindows11,
  getSystemDriveBytes,
  isWindows24H2OrNewer,
  parseBuildNumber,
  parseReleaseId,
  parseTpmVersion,
  type Windows11Device,
} from './rules';

const GIB = 1024 ** 3;

// A ready Windows 10 workstation (NinjaOne fixture device 1042's hardware).
function device(extra: Partial<Windows11Device> = {}): Windows11Device {
  return {
    osName: 'Windows 10 Pro Edition',
    osReleaseId: '22H2',
    osBuild: '19045',
    osArchitecture: '64-bit',
    deviceType: 'workstation',
    cpuName: 'Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz',
    systemModel: '20L5CTO1WW',
    memoryBytes: 17014484992,
    systemDriveBytes: 254721126400,
    tpmPresent: true,
    tpmEnabled: true,
    tpmVersion: '2.0, 0, 1.38',
    secureBootCapable: true,
    secureBootEnabled: true,
    ...extra,
  };
}

const statuses = (d: Partial<Windows11Device>) =>
  Object.fromEntries(assessWindows11(device(d)).deficiencies.map((x) => [x.requirement, x.status]));

describe('assessWindows11: outcomes', () => {
  it('passes a ready device on every requirement', () => {
    const result = assessWindows11(device());
    expect(result.outcome).toBe('compatible');
    expect(result.deficiencies).toEqual([]);
    expect(result.passed_requirements).toEqual([
      'architecture',
      'memory',
      'storage',
      'tpm',
      'secure_boot',
      'processor',
      'instruction_set',
    ]);
  });

  it.each<[string, Partial<Windows11Device>, string]>([
    // Missing data is unknown, never incompatible.
    ['missing RAM', { memoryBytes: null }, 'unknown'],
    ['zero RAM', { memoryBytes: 0 }, 'unknown'],
    ['missing system drive', { systemDriveBytes: null }, 'unknown'],
    ['missing TPM data', { tpmPresent: null, tpmEnabled: null, tpmVersion: null }, 'unknown'],
    ['TPM 2.0 with unknown state', { tpmEnabled: null }, 'unknown'],
    ['missing Secure Boot data', { secureBootCapable: null, secureBootEnabled: null }, 'unknown'],
    ['missing processor name', { cpuName: null }, 'unknown'],
    ['unrecognised processor', { cpuName: 'Common KVM processor' }, 'unknown'],
    ['missing architecture', { osArchitecture: null }, 'unknown'],
    // Settings a technician can change.
    ['TPM 2.0 disabled', { tpmEnabled: false }, 'remediable'],
    ['Secure Boot capable but off', { secureBootEnabled: false }, 'remediable'],
    ['firmware TPM switched off on a supported CPU', { tpmPresent: false, tpmEnabled: false, tpmVersion: 'No TPM' }, 'remediable'],
    ['legacy BIOS boot on a supported CPU', { secureBootCapable: false, secureBootEnabled: false }, 'remediable'],
    ['32-bit Windows on a supported CPU', { osArchitecture: '32-bit' }, 'remediable'],
    // Hard failures.
    ['TPM 1.2', { tpmVersion: '1.2, 2, 3' }, 'incompatible'],
    ['TPM 1.2 disabled', { tpmVersion: '1.2', tpmEnabled: false }, 'incompatible'],
    ['2 GB of RAM', { memoryBytes: 2 * GIB }, 'incompatible'],
    ['3 GB of RAM', { memoryBytes: 3 * GIB }, 'incompatible'],
    ['32 GB system drive', { systemDriveBytes: 32 * GIB }, 'incompatible'],
    ['6th-gen Intel', { cpuName: 'Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz' }, 'incompatible'],
    ['Ryzen 1000', { cpuName: 'AMD Ryzen 7 1700 Eight-Core Processor' }, 'incompatible'],
    ['no POPCNT reported', { cpuSupportsPopcnt: false }, 'incompatible'],
    ['no TPM on an unsupported CPU', { cpuName: 'Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz', tpmPresent: false, tpmVersion: null }, 'incompatible'],
    // The worst outcome wins.
    ['disabled TPM and missing RAM', { tpmEnabled: false, memoryBytes: null }, 'unknown'],
    ['unsupported CPU and missing RAM', { cpuName: 'Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz', memoryBytes: null }, 'incompatible'],
    // Fine as they are.
    ['4 GB installed, 3.8 GiB visible', { memoryBytes: Math.round(3.8 * GIB) }, 'compatible'],
    ['exactly 64 GiB system drive', { systemDriveBytes: 64 * GIB }, 'compatible'],
    ['ARM64 Windows on Snapdragon', { osArchitecture: 'ARM 64-bit Processor', cpuName: 'Snapdragon (TM) 8cx Gen 3 @ 3.0 GHz' }, 'compatible'],
    ['TPM version reported without the presence flag', { tpmPresent: null, tpmVersion: '2.0' }, 'compatible'],
    ['Secure Boot on without the capability flag', { secureBootCapable: null, secureBootEnabled: true }, 'compatible'],
    ['i7-10700 (the original failed it)', { cpuName: 'Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz' }, 'compatible'],
    ['Ryzen 5 5600X (the original failed it)', { cpuName: 'AMD Ryzen 5 5600X 6-Core Processor' }, 'compatible'],
  ])('%s → %s', (_label, extra, outcome) => {
    expect(assessWindows11(device(extra)).outcome).toBe(outcome);
  });

  it('explains each failed requirement', () => {
    const result = assessWindows11(device({ tpmEnabled: false, memoryBytes: 2 * GIB }));
    expect(result.deficiencies).toEqual([
      {
        requirement: 'memory',
        status: 'incompatible',
        current_value: '2.0 GB',
        required_value: '4 GB',
        remediation: expect.stringMatching(/memory/i),
      },
      {
        requirement: 'tpm',
        status: 'remediable',
        current_value: 'TPM 2.0, disabled',
        required_value: 'TPM 2.0, enabled',
        remediation: expect.stringMatching(/enable/i),
      },
    ]);
    expect(result.passed_requirements).not.toContain('memory');
    expect(result.passed_requirements).not.toContain('tpm');
  });

  it('reports the processor with the reason from the CPU rules', () => {
    const result = assessWindows11(device({ cpuName: 'AMD Ryzen 5 2400G with Radeon Vega Graphics' }));
    const processor = result.deficiencies.find((d) => d.requirement === 'processor');
    expect(processor).toMatchObject({ status: 'incompatible', current_value: 'AMD Ryzen 5 2400G with Radeon Vega Graphics' });
    expect(processor?.remediation).toMatch(/Zen/);
    // SSE4.2/POPCNT is left to the processor verdict rather than reported twice.
    expect(statuses({ cpuName: 'AMD Ryzen 5 2400G with Radeon Vega Graphics' })).toEqual({ processor: 'incompatible' });
  });

  it('keeps switched-off settings remediable whatever the processor', () => {
    expect(statuses({ secureBootEnabled: false, tpmEnabled: false, cpuName: 'Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz' })).toEqual({
      tpm: 'remediable',
      secure_boot: 'remediable',
      processor: 'incompatible',
    });
    const secureBoot = assessWindows11(device({ secureBootEnabled: false })).deficiencies[0];
    expect(secureBoot).toMatchObject({ requirement: 'secure_boot', current_value: 'Capable, off' });
  });

  it('counts SSE4.2/POPCNT as passed only when known', () => {
    expect(assessWindows11(device({ cpuName: null })).passed_requirements).not.toContain('instruction_set');
    const reported = assessWindows11(device({ cpuName: null, cpuSupportsSse42: true, cpuSupportsPopcnt: true }));
    expect(reported.passed_requirements).toContain('instruction_set');
  });

  it('uses the processor to judge fixable settings', () => {
    expect(statuses({ secureBootCapable: false, secureBootEnabled: false })).toEqual({ secure_boot: 'remediable' });
    expect(statuses({ secureBootCapable: false, secureBootEnabled: false, cpuName: 'Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz' })).toEqual({
      secure_boot: 'incompatible',
      processor: 'incompatible',
    });
    expect(statuses({ secureBootCapable: false, secureBootEnabled: false, cpuName: null })).toEqual({
      secure_boot: 'unknown',
      processor: 'unknown',
    });
  });
});

describe('assessWindows11: exclusions', () => {
  it.each<[string, Partial<Windows11Device>, string]>([
    ['Windows 11 24H2 by release id', { osName: 'Windows 11 Pro', osReleaseId: '24H2', osBuild: null }, 'already_24h2_or_newer'],
    ['Windows 11 by build 26100', { osName: 'Windows 11 Pro', osReleaseId: null, osBuild: '26100' }, 'already_24h2_or_newer'],
    ['Windows 11 25H2', { osName: 'Windows 11 Pro', osReleaseId: '25H2', osBuild: '26200' }, 'already_24h2_or_newer'],
    ['server by device type', { deviceType: 'server' }, 'server'],
    ['server by OS name', { osName: 'Windows Server 2022 Standard Edition', deviceType: 'unknown' }, 'server'],
    ['Windows Server 2025 (build 26100)', { osName: 'Windows Server 2025 Standard', osBuild: '26100' }, 'server'],
    ['macOS', { osName: 'macOS Sonoma' }, 'not_windows'],
  ])('%s → excluded (%s)', (_label, extra, reason) => {
    const result = assessWindows11(device({ ...extra, memoryBytes: null, cpuName: 'Intel(R) Core(TM) i5-6500' }));
    expect(result.outcome).toBe('excluded');
    expect(result.excluded_reason).toBe(reason);
    expect(result.deficiencies).toEqual([]);
  });

  it('assesses Windows 11 23H2 and Windows 10', () => {
    expect(assessWindows11(device({ osName: 'Windows 11 Pro', osReleaseId: '23H2', osBuild: '22631' })).outcome).toBe('compatible');
    expect(assessWindows11(device({ osName: null, osReleaseId: null, osBuild: null })).outcome).toBe('compatible');
  });
});

describe('version and size parsing', () => {
  it.each([
    ['24H2', null, true],
    ['25H2', null, true],
    ['26H1', null, true],
    ['23H2', '22631', false],
    ['23H2', '26100.1742', true],
    [null, '10.0.26100', true],
    [null, 26200, true],
    ['2009', '19042', false],
    [null, null, false],
  ] as const)('release %j build %j → 24H2 or newer: %s', (release, build, expected) => {
    expect(isWindows24H2OrNewer(release, build)).toBe(expected);
  });

  it('parses builds and release ids', () => {
    expect(parseBuildNumber('10.0.22631')).toBe(22631);
    expect(parseBuildNumber('22631.4317')).toBe(22631);
    expect(parseBuildNumber('not a build')).toBeNull();
    expect(parseReleaseId('24h2')).toEqual({ year: 24, half: 2 });
    expect(parseReleaseId('1903')).toEqual({ year: 19, half: 1 });
    expect(parseReleaseId('')).toBeNull();
  });

  it.each([
    ['2.0, 0, 1.38', 2],
    ['2.0', 2],
    ['1.2, 2, 3', 1.2],
    ['No TPM', 0],
    ['0.0', 0],
    [null, null],
    ['garbage', null],
  ] as const)('TPM version %j → %j', (version, expected) => {
    expect(parseTpmVersion(version)).toBe(expected);
  });

  it('takes the C: volume as the system drive', () => {
    const volumes = [
      { name: 'D:', capacity: 2_000_000_000_000 },
      { name: 'C:', driveLetter: '', capacity: 254721126400 },
    ];
    expect(getSystemDriveBytes(volumes)).toBe(254721126400);
    expect(getSystemDriveBytes([{ driveLetter: 'C:\\', name: 'Windows', capacity: 100 }])).toBe(100);
    expect(getSystemDriveBytes([{ name: 'D:', capacity: 100 }])).toBeNull();
    expect(getSystemDriveBytes(null)).toBeNull();
  });
});
