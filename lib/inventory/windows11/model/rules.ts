// Windows 11 24H2 readiness of one device from what NinjaOne reports (TPM and
// Secure Boot come from custom fields, since its API has none).
//
// Outcomes, worst first: 'incompatible' (a requirement fails on known data),
// 'unknown' (something needed was not reported: missing data never makes a
// device incompatible), 'remediable' (fails only on settings a technician can
// change), 'compatible'. 'excluded' devices are not assessed.

import type { DeviceType } from '@/lib/inventory/model/device-classes';
import { assessCpu, type CpuAssessment, type CpuSupport } from './cpu';

export interface Windows11Device {
  /** e.g. "Windows 10 Pro Edition"; null when not reported. */
  osName: string | null;
  /** DisplayVersion, e.g. "23H2" (or the older "2009" form). */
  osReleaseId?: string | null;
  /** e.g. "22631", "10.0.22631" or "22631.4317". */
  osBuild?: string | number | null;
  /** e.g. "64-bit", "32-bit", "ARM 64-bit Processor". */
  osArchitecture: string | null;
  deviceType?: DeviceType | null;
  /** NinjaOne processors[0].name. */
  cpuName: string | null;
  /** Only a few collectors know these; a supported processor implies both. */
  cpuSupportsSse42?: boolean | null;
  cpuSupportsPopcnt?: boolean | null;
  /** system.model; decides the i7-7820HQ exception. */
  systemModel?: string | null;
  /** Memory the OS sees, in bytes (NinjaOne memory.capacity). */
  memoryBytes: number | null;
  /** Size of the system (C:) volume in bytes; see getSystemDriveBytes. */
  systemDriveBytes: number | null;
  tpmPresent: boolean | null;
  tpmEnabled: boolean | null;
  /** Win32_Tpm SpecVersion, e.g. "2.0, 0, 1.38", "1.2", "No TPM". */
  tpmVersion: string | null;
  secureBootCapable: boolean | null;
  secureBootEnabled: boolean | null;
}

export type Windows11Outcome = 'compatible' | 'remediable' | 'incompatible' | 'unknown' | 'excluded';
export type ExclusionReason = 'not_windows' | 'server' | 'already_24h2_or_newer';
export type Windows11Requirement =
  | 'architecture'
  | 'memory'
  | 'storage'
  | 'tpm'
  | 'secure_boot'
  | 'processor'
  | 'instruction_set';
export type DeficiencyStatus = 'incompatible' | 'remediable' | 'unknown';

export interface Windows11Deficiency {
  requirement: Windows11Requirement;
  status: DeficiencyStatus;
  current_value: string | null;
  required_value: string;
  remediation: string;
}

export interface Windows11Assessment {
  outcome: Windows11Outcome;
  excluded_reason: ExclusionReason | null;
  /** Failed or unverifiable requirements, in a fixed order. */
  deficiencies: Windows11Deficiency[];
  passed_requirements: Windows11Requirement[];
  cpu: CpuAssessment;
}

/** Build 26100 is 24H2; 25H2 and Insider builds are above it. */
export const WINDOWS_11_24H2_BUILD = 26100;

// Microsoft's readiness script floors the size in GiB and asks for 64.
const MIN_SYSTEM_DRIVE_GIB = 64;
// "4 GB" means installed RAM, but the OS reports what it can use, after
// firmware and integrated graphics take their share: a 4 GB machine shows
// 3.7 to 3.9 GiB. Anything from 3.5 GiB up is a 4 GB machine.
const MIN_REPORTED_MEMORY_GIB = 3.5;
const GIB = 1024 ** 3;

/** Assesses one device against the Windows 11 24H2 requirements. */
export function assessWindows11(device: Windows11Device): Windows11Assessment {
  const cpu = assessCpu(device.cpuName, { systemModel: device.systemModel });
  const excluded = findExclusion(device);
  if (excluded) {
    return { outcome: 'excluded', excluded_reason: excluded, deficiencies: [], passed_requirements: [], cpu };
  }

  const deficiencies: Windows11Deficiency[] = [];
  const passed: Windows11Requirement[] = [];
  const checks: [Windows11Requirement, Omit<Windows11Deficiency, 'requirement'> | 'pass' | 'skip'][] = [
    ['architecture', checkArchitecture(device.osArchitecture, cpu.support)],
    ['memory', checkMemory(device.memoryBytes)],
    ['storage', checkStorage(device.systemDriveBytes)],
    ['tpm', checkTpm(device, cpu.support)],
    ['secure_boot', checkSecureBoot(device, cpu.support)],
    ['processor', checkProcessor(cpu)],
    ['instruction_set', checkInstructionSet(device, cpu.support)],
  ];
  for (const [requirement, result] of checks) {
    if (result === 'pass') passed.push(requirement);
    else if (result !== 'skip') deficiencies.push({ requirement, ...result });
  }
  return { outcome: decideOutcome(deficiencies), excluded_reason: null, deficiencies, passed_requirements: passed, cpu };
}

function decideOutcome(deficiencies: readonly Windows11Deficiency[]): Windows11Outcome {
  const has = (status: DeficiencyStatus) => deficiencies.some((d) => d.status === status);
  if (has('incompatible')) return 'incompatible';
  // A device that is remediable on what we know may still fail on what we don't.
  if (has('unknown')) return 'unknown';
  if (has('remediable')) return 'remediable';
  return 'compatible';
}

function findExclusion(device: Windows11Device): ExclusionReason | null {
  const os = device.osName?.toLowerCase() ?? '';
  if (os !== '' && !os.includes('windows')) return 'not_windows';
  if (device.deviceType === 'server' || os.includes('server')) return 'server';
  if (isWindows24H2OrNewer(device.osReleaseId ?? null, device.osBuild ?? null)) return 'already_24h2_or_newer';
  return null;
}

/** True when either the release id (24H2, 25H2…) or the build (≥ 26100) says 24H2 or newer. */
export function isWindows24H2OrNewer(releaseId: string | null, build: string | number | null): boolean {
  const buildNumber = parseBuildNumber(build);
  if (buildNumber !== null && buildNumber >= WINDOWS_11_24H2_BUILD) return true;
  const release = parseReleaseId(releaseId);
  return release !== null && (release.year > 24 || (release.year === 24 && release.half >= 2));
}

/** "22631", "10.0.22631", "22631.4317" → 22631. */
export function parseBuildNumber(build: string | number | null): number | null {
  if (build === null) return null;
  if (typeof build === 'number') return Number.isFinite(build) ? Math.trunc(build) : null;
  const parts = build.trim().split('.');
  const candidate = parts[0] === '10' && parts[1] === '0' ? parts[2] : parts[0];
  return candidate && /^\d+$/.test(candidate) ? Number(candidate) : null;
}

/** "24H2" → {24, 2}; the old "2009"/"1909" (YYMM) form → {20, 2}/{19, 2}. */
export function parseReleaseId(releaseId: string | null): { year: number; half: 1 | 2 } | null {
  const text = releaseId?.trim().toUpperCase() ?? '';
  const halves = /^(\d{2})H([12])$/.exec(text);
  if (halves) return { year: Number(halves[1]), half: halves[2] === '1' ? 1 : 2 };
  const yymm = /^(\d{2})(\d{2})$/.exec(text);
  if (yymm) return { year: Number(yymm[1]), half: Number(yymm[2]) >= 7 ? 2 : 1 };
  return null;
}

type CheckResult = Omit<Windows11Deficiency, 'requirement'> | 'pass' | 'skip';

// Settings such as legacy boot or a firmware TPM switched off are fixable on
// any machine whose processor is on the list (all of them are UEFI platforms
// with a firmware TPM); on an unlisted processor the processor fails anyway.
function statusFromCpu(cpu: CpuSupport): DeficiencyStatus {
  return cpu === 'supported' ? 'remediable' : cpu === 'unsupported' ? 'incompatible' : 'unknown';
}

function checkArchitecture(architecture: string | null, cpu: CpuSupport): CheckResult {
  const text = architecture?.toLowerCase() ?? '';
  if (/64/.test(text)) return 'pass';
  const required_value = '64-bit';
  if (/32|x86/.test(text)) {
    return {
      status: statusFromCpu(cpu),
      current_value: architecture,
      required_value,
      remediation: 'Clean-install 64-bit Windows 11; a 32-bit Windows cannot be upgraded in place.',
    };
  }
  return {
    status: 'unknown',
    current_value: architecture,
    required_value,
    remediation: 'OS architecture was not reported; check the device in NinjaOne.',
  };
}

function checkMemory(memoryBytes: number | null): CheckResult {
  const required_value = '4 GB';
  if (memoryBytes === null || !(memoryBytes > 0)) {
    return { status: 'unknown', current_value: null, required_value, remediation: 'Memory was not reported; check the device in NinjaOne.' };
  }
  const gib = memoryBytes / GIB;
  if (gib >= MIN_REPORTED_MEMORY_GIB) return 'pass';
  return {
    status: 'incompatible',
    current_value: `${gib.toFixed(1)} GB`,
    required_value,
    remediation: 'Add memory to at least 4 GB where the board allows, or replace the device.',
  };
}

function checkStorage(systemDriveBytes: number | null): CheckResult {
  const required_value = `${MIN_SYSTEM_DRIVE_GIB} GB`;
  if (systemDriveBytes === null || !(systemDriveBytes > 0)) {
    return { status: 'unknown', current_value: null, required_value, remediation: 'System drive size was not reported; check the device in NinjaOne.' };
  }
  const gib = Math.floor(systemDriveBytes / GIB);
  if (gib >= MIN_SYSTEM_DRIVE_GIB) return 'pass';
  return {
    status: 'incompatible',
    current_value: `${gib} GB`,
    required_value,
    remediation: 'Extend the system partition if the disk has room, otherwise replace the drive with 64 GB or more.',
  };
}

/** The TPM spec version's major.minor as a number: "2.0, 0, 1.38" → 2, "1.2" → 1.2; "No TPM", "0.0" → 0. */
export function parseTpmVersion(version: string | null): number | null {
  if (version === null) return null;
  if (/no tpm|not present|none/i.test(version)) return 0;
  const first = /\d+(?:\.\d+)?/.exec(version);
  return first ? Number(first[0]) : null;
}

function checkTpm(device: Windows11Device, cpu: CpuSupport): CheckResult {
  const required_value = 'TPM 2.0, enabled';
  const version = parseTpmVersion(device.tpmVersion);
  const present = device.tpmPresent ?? (version === null ? null : version > 0);
  if (present === false) {
    return {
      status: statusFromCpu(cpu),
      current_value: 'No TPM',
      required_value,
      remediation: 'Turn on the firmware TPM (Intel PTT / AMD fTPM / Pluton) in UEFI setup, or fit a TPM 2.0 module.',
    };
  }
  if (present === null || version === null || version === 0) {
    return {
      status: 'unknown',
      current_value: device.tpmVersion,
      required_value,
      remediation: 'TPM presence and version were not reported; check the TPM custom fields in NinjaOne.',
    };
  }
  if (version < 2) {
    return {
      status: 'incompatible',
      current_value: `TPM ${device.tpmVersion?.split(',')[0]?.trim() ?? version}`,
      required_value,
      remediation: 'TPM 1.2 does not qualify; some OEMs ship a firmware update to TPM 2.0, otherwise replace the device.',
    };
  }
  if (device.tpmEnabled === true) return 'pass';
  if (device.tpmEnabled === false) {
    return {
      status: 'remediable',
      current_value: 'TPM 2.0, disabled',
      required_value,
      remediation: 'Enable and activate the TPM in UEFI setup.',
    };
  }
  return {
    status: 'unknown',
    current_value: 'TPM 2.0, state not reported',
    required_value,
    remediation: 'Whether the TPM is enabled was not reported; check the TPM custom fields in NinjaOne.',
  };
}

function checkSecureBoot(device: Windows11Device, cpu: CpuSupport): CheckResult {
  const required_value = 'UEFI with Secure Boot on';
  const { secureBootCapable: capable, secureBootEnabled: enabled } = device;
  if (enabled === true) return 'pass';
  if (capable === true && enabled === false) {
    return { status: 'remediable', current_value: 'Capable, off', required_value, remediation: 'Turn on Secure Boot in UEFI setup.' };
  }
  if (capable === false || enabled === false) {
    return {
      status: statusFromCpu(cpu),
      current_value: capable === false ? 'Not capable (legacy BIOS boot)' : 'Off',
      required_value,
      remediation: 'Convert the system disk to GPT (MBR2GPT), switch the firmware from Legacy/CSM to UEFI, then turn on Secure Boot.',
    };
  }
  return {
    status: 'unknown',
    current_value: null,
    required_value,
    remediation: 'Secure Boot state was not reported; check the Secure Boot custom fields in NinjaOne.',
  };
}

function checkProcessor(cpu: CpuAssessment): CheckResult {
  const required_value = 'On Microsoft’s Windows 11 24H2 processor list';
  if (cpu.support === 'supported') return 'pass';
  if (cpu.support === 'unsupported') {
    return { status: 'incompatible', current_value: cpu.name, required_value, remediation: `${cpu.reason} Plan a replacement.` };
  }
  return { status: 'unknown', current_value: cpu.name, required_value, remediation: cpu.reason };
}

function checkInstructionSet(device: Windows11Device, cpu: CpuSupport): CheckResult {
  const required_value = 'SSE4.2 and POPCNT';
  if (device.cpuSupportsSse42 === false || device.cpuSupportsPopcnt === false) {
    const missing = [device.cpuSupportsSse42 === false && 'SSE4.2', device.cpuSupportsPopcnt === false && 'POPCNT'].filter(Boolean);
    return {
      status: 'incompatible',
      current_value: `Missing ${missing.join(' and ')}`,
      required_value,
      remediation: '24H2 will not install or boot without these instructions; replace the device.',
    };
  }
  // Every listed processor has both, so a supported processor settles it.
  if (cpu === 'supported' || (device.cpuSupportsSse42 === true && device.cpuSupportsPopcnt === true)) return 'pass';
  // Otherwise the processor requirement already reports the doubt or the failure.
  return 'skip';
}

/**
 * The size of the system volume from NinjaOne's volume list: the one named or
 * lettered C:. Null when there is no C: (the OS could be anywhere).
 */
export function getSystemDriveBytes(
  volumes: readonly { name?: string | null; driveLetter?: string | null; capacity?: number | null }[] | null | undefined,
): number | null {
  const isSystem = (label: string | null | undefined) => /^c:?\\?$/i.test(label?.trim() ?? '');
  const system = volumes?.find((v) => isSystem(v.driveLetter) || isSystem(v.name));
  return typeof system?.capacity === 'number' && system.capacity > 0 ? system.capacity : null;
}
