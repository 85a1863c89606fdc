import { defaultReadinessFieldNames } from '@/lib/vendors/ninjaone/custom-fields';
import type { Rng } from '../random';
import type { FleetCpu, FleetNinjaDevice } from './types';

// What generated machines are made of: organisation and site names, people,
// hardware, CPUs, operating systems, ThreatLocker modes and the readiness
// custom fields, each drawn from the fleet's seeded stream.


export const ORGANIZATIONS = [
  ['Acme Dental', 'ACME'],
  ['Bluebird Logistics', 'BLUE'],
  ['Cedar Family Law', 'CEDR'],
  ['Driftwood Veterinary', 'DRFT'],
  ['Evergreen Accounting', 'EVGR'],
  ['Foxglove Architects', 'FOXG'],
  ['Granite Builders', 'GRAN'],
  ['Harbor Pediatrics', 'HRBR'],
  ['Ironwood Manufacturing', 'IRON'],
  ['Juniper Realty', 'JUNI'],
  ['Kestrel Insurance', 'KEST'],
  ['Lakeside Clinic', 'LAKE'],
  ['Maple Street Bakery', 'MAPL'],
  ['Northgate Engineering', 'NRTH'],
  ['Oakridge Schools', 'OAKR'],
  ['Pinecrest Dental', 'PINE'],
  ['Quarry Hill Farms', 'QUAR'],
  ['Redwood Credit Union', 'REDW'],
  ['Silverline Travel', 'SILV'],
  ['Tidewater Marine', 'TIDE'],
] as const;

export const SITES = ['Main Office', 'Downtown', 'Warehouse', 'North Branch', 'South Clinic', 'Remote Staff'] as const;
export const SITE_RENAMES: Record<string, string> = {
  'Main Office': 'Head Office',
  Downtown: 'City Centre',
  Warehouse: 'Distribution Center',
  'North Branch': 'Northside',
  'South Clinic': 'Southside Clinic',
  'Remote Staff': 'Home Workers',
};
export const ORG_SUFFIXES = ['LLC', 'Inc.', 'PLLC', 'Ltd'] as const;
export const ROLE_WORDS = ['ACCOUNTING', 'RECEPTION', 'FRONTDESK', 'WAREHOUSE', 'CONFERENCE', 'LABTECH', 'DISPATCH', 'PAYROLL'] as const;
export const FIRST_NAMES = ['Keith', 'Maria', 'Priya', 'Tom', 'Aisha', 'Chen', 'Olga', 'Diego', 'Sam', 'Hannah', 'Ravi', 'Zoe'] as const;
export const LAST_NAMES = ['Oneil', 'Garcia', 'Patel', 'Smith', 'Khan', 'Wei', 'Novak', 'Ramos', 'Lee', 'Brown', 'Iyer', 'Clarke'] as const;
export const PLACEHOLDER_SERIALS = ['To Be Filled By O.E.M.', 'Default string', 'System Serial Number', '0', ''] as const;
const TL_MODES = [
  ['Secure', 0.8],
  ['Application Control Learning Mode', 0.1],
  ['Installation Mode', 0.05],
  ['Monitor Only', 0.05],
] as const;

interface CpuModel {
  cpu: FleetCpu;
  /** Rough age: old parts stay on Windows 10. */
  modern: boolean;
}

const cpu = (name: string, cores: number, logicalCores: number, ghz: number, modern: boolean, architecture = 'x64'): CpuModel => ({
  cpu: { name, cores, logicalCores, clockHz: Math.round(ghz * 1e9), architecture },
  modern,
});

export const WORKSTATION_CPUS: CpuModel[] = [
  cpu('Intel(R) Core(TM) i3-4130 CPU @ 3.40GHz', 2, 4, 3.4, false),
  cpu('Intel(R) Core(TM) i5-6500 CPU @ 3.20GHz', 4, 4, 3.2, false),
  cpu('Intel(R) Core(TM) i7-7700 CPU @ 3.60GHz', 4, 8, 3.6, false),
  cpu('Intel(R) Core(TM) i5-8350U CPU @ 1.70GHz', 4, 8, 1.9, true),
  cpu('Intel(R) Core(TM) i5-8500 CPU @ 3.00GHz', 6, 6, 3.0, true),
  cpu('Intel(R) Core(TM) i7-10700 CPU @ 2.90GHz', 8, 16, 2.9, true),
  cpu('11th Gen Intel(R) Core(TM) i5-1135G7 @ 2.40GHz', 4, 8, 2.4, true),
  cpu('12th Gen Intel(R) Core(TM) i7-1255U', 10, 12, 1.7, true),
  cpu('13th Gen Intel(R) Core(TM) i5-1345U', 10, 12, 1.6, true),
  cpu('Intel(R) Core(TM) Ultra 7 155H', 16, 22, 1.4, true),
  cpu('AMD Ryzen 5 2400G with Radeon Vega Graphics', 4, 8, 3.6, false),
  cpu('AMD Ryzen 7 PRO 4750U with Radeon Graphics', 8, 16, 1.7, true),
  cpu('AMD Ryzen 5 5600X 6-Core Processor', 6, 12, 3.7, true),
];
export const SERVER_CPUS: CpuModel[] = [
  cpu('Intel(R) Xeon(R) Gold 6258R CPU @ 2.70GHz', 7, 14, 2.7, true),
  cpu('Intel(R) Xeon(R) E-2224 CPU @ 3.40GHz', 4, 4, 3.4, true),
  cpu('Intel(R) Xeon(R) CPU E5-2620 v4 @ 2.10GHz', 8, 16, 2.1, false),
];
export const MAC_CPUS: CpuModel[] = [cpu('Apple M1', 8, 8, 3.2, true, 'arm64'), cpu('Apple M2 Pro', 10, 10, 3.5, true, 'arm64')];

export const HARDWARE = [
  { manufacturer: 'Dell Inc.', models: ['OptiPlex 7040', 'OptiPlex 7090', 'Latitude 5420', 'Latitude 7440'], serial: (r: Rng) => r.alnum(7) },
  { manufacturer: 'LENOVO', models: ['20L5CTO1WW', '20XW004GUS', '21HD003AUS'], serial: (r: Rng) => `PF${r.alnum(6)}` },
  { manufacturer: 'HP', models: ['HP EliteBook 840 G8', 'HP ProDesk 400 G7', 'HP Elite Mini 800 G9'], serial: (r: Rng) => `CZC${r.alnum(7)}` },
] as const;

export const GIB = 1024 ** 3;

export function pickMode(rng: Rng): string {
  let roll = rng.next();
  for (const [mode, weight] of TL_MODES) {
    if (roll < weight) return mode;
    roll -= weight;
  }
  return 'Secure';
}

export function nodeClassFor(kind: string): string {
  if (kind === 'server') return 'WINDOWS_SERVER';
  if (kind === 'mac') return 'MAC';
  if (kind === 'linux') return 'LINUX_WORKSTATION';
  return 'WINDOWS_WORKSTATION';
}

export function pickOs(rng: Rng, kind: string, modern: boolean): Omit<FleetNinjaDevice['os'], 'lastBootTime' | 'needsReboot' | 'locale'> {
  const windows = (name: string, buildNumber: string, releaseId: string) => ({
    name,
    manufacturer: 'Microsoft Corporation',
    architecture: '64-bit',
    buildNumber,
    releaseId,
  });
  if (kind === 'server') {
    return rng.pick([
      windows('Windows Server 2016 Standard Edition', '14393', '1607'),
      windows('Windows Server 2019 Standard Edition', '17763', '1809'),
      windows('Windows Server 2022 Standard Edition', '20348', '21H2'),
    ]);
  }
  if (kind === 'mac') {
    return { name: 'macOS Sonoma', manufacturer: 'Apple Inc.', architecture: 'ARM 64-bit', buildNumber: '23G93', releaseId: '14.6.1' };
  }
  if (kind === 'linux') {
    return { name: 'Ubuntu 22.04.4 LTS', manufacturer: 'Canonical', architecture: '64-bit', buildNumber: '5.15.0-119-generic', releaseId: '22.04' };
  }
  const edition = rng.chance(0.85) ? 'Pro' : 'Enterprise';
  if (!modern) return windows(`Windows 10 ${edition} Edition`, '19045', '22H2');
  const roll = rng.next();
  if (roll < 0.3) return windows(`Windows 10 ${edition} Edition`, '19045', '22H2');
  if (roll < 0.7) return windows(`Windows 11 ${edition} Edition`, '22631', '23H2');
  return windows(`Windows 11 ${edition} Edition`, '26100', '24H2');
}

export function readinessFor(rng: Rng, kind: string, osName: string): Record<string, string | boolean> | null {
  if ((kind !== 'windows' && kind !== 'server') || rng.chance(0.1)) return null;
  const names = defaultReadinessFieldNames;
  const roll = rng.next();
  const tpm = roll < 0.04 ? null : roll < 0.12 ? '1.2, 2, 3' : '2.0, 0, 1.38';
  const secureBootAvailable = osName.includes('Windows 11') || rng.chance(0.85);
  const secureBootEnabled = secureBootAvailable && rng.chance(0.9);
  // Half the tenants use checkbox fields (booleans), half text fields written by a script.
  const asText = rng.chance(0.5);
  const flag = (value: boolean) => (asText ? String(value) : value);
  return {
    [names.hasTpm]: flag(tpm !== null),
    [names.tpmEnabled]: flag(tpm !== null && rng.chance(0.95)),
    [names.tpmVersion]: tpm ?? '0.0',
    [names.secureBootAvailable]: flag(secureBootAvailable),
    [names.secureBootEnabled]: flag(secureBootEnabled),
  };
}
