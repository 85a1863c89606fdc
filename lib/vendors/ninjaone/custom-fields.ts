// NinjaOne has no TPM or Secure Boot fields of its own: a script writes them
// into device custom fields, read back in bulk through
// /v2/queries/custom-fields. The names below are the ones the original
// collector read; a tenant that named them differently passes its own.

export interface ReadinessFieldNames {
  hasTpm: string;
  tpmEnabled: string;
  /** Win32_Tpm SpecVersion, e.g. `2.0, 0, 1.38`. */
  tpmVersion: string;
  secureBootAvailable: string;
  secureBootEnabled: string;
}

export const defaultReadinessFieldNames: ReadinessFieldNames = {
  hasTpm: 'hastpm',
  tpmEnabled: 'tpmenabled',
  tpmVersion: 'tpmversion',
  secureBootAvailable: 'securebootavailable',
  secureBootEnabled: 'securebootenabled',
};

export interface Readiness {
  hasTpm: boolean | null;
  tpmEnabled: boolean | null;
  /** Highest spec version the TPM reports, e.g. `2.0`; null without a TPM or data. */
  tpmVersion: string | null;
  secureBootAvailable: boolean | null;
  secureBootEnabled: boolean | null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'disabled']);

/** Checkbox fields arrive as booleans, script-written text fields as words. Anything else is unknown. */
export function parseFlag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null;
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

/**
 * SpecVersion lists the spec version first, then revision numbers
 * (`2.0, 0, 1.38`; `1.2, 2, 3`). `0.0`, `0` or text like `No TPM` means none.
 */
export function parseTpmVersion(value: unknown): string | null {
  if (typeof value === 'number') value = value.toFixed(1);
  if (typeof value !== 'string') return null;
  const first = value.split(',')[0]?.trim() ?? '';
  const match = /^(\d+)\.(\d+)$/.exec(first) ?? /^(\d+)$/.exec(first);
  if (!match) return null;
  const major = Number(match[1]);
  if (major === 0) return null;
  return `${major}.${match[2] ?? '0'}`;
}

function pick(fields: Record<string, unknown>, name: string): unknown {
  if (name in fields) return fields[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(fields)) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

export function readReadiness(fields: Record<string, unknown> | null | undefined, names: ReadinessFieldNames): Readiness {
  if (!fields) {
    return { hasTpm: null, tpmEnabled: null, tpmVersion: null, secureBootAvailable: null, secureBootEnabled: null };
  }
  const tpmVersion = parseTpmVersion(pick(fields, names.tpmVersion));
  let hasTpm = parseFlag(pick(fields, names.hasTpm));
  // A script that found no TPM often writes only the version "0.0".
  const rawVersion = pick(fields, names.tpmVersion);
  if (hasTpm === null && rawVersion !== undefined && rawVersion !== null) hasTpm = tpmVersion !== null;
  return {
    hasTpm,
    tpmEnabled: parseFlag(pick(fields, names.tpmEnabled)),
    tpmVersion,
    secureBootAvailable: parseFlag(pick(fields, names.secureBootAvailable)),
    secureBootEnabled: parseFlag(pick(fields, names.secureBootEnabled)),
  };
}
