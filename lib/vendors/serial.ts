// Serial numbers are the strongest cross-vendor key, but OEM boards and
// virtual machines often report filler text. Such values must never match
// two different machines, so they are treated as "no serial".

const PLACEHOLDERS = new Set([
  'to be filled by o.e.m.',
  'to be filled by oem',
  'default string',
  'system serial number',
  'chassis serial number',
  'base board serial number',
  'serial number',
  'not specified',
  'not applicable',
  'not available',
  'none',
  'null',
  'n/a',
  'na',
  'unknown',
  'invalid',
  'oem',
  '0123456789',
  '123456789',
  '1234567890',
]);

export function isPlaceholderSerial(raw: string | null | undefined): boolean {
  if (raw == null) return true;
  const value = raw.trim().toLowerCase();
  if (value === '') return true;
  if (PLACEHOLDERS.has(value)) return true;
  // One character repeated ("0000000", "XXXXXXXX", "-------") carries no identity.
  return /^(.)\1*$/.test(value.replace(/[\s-]/g, '') || '-');
}

/** Trimmed serial, or null when it is absent or a known placeholder. */
export function normaliseSerialNumber(raw: string | null | undefined): string | null {
  if (isPlaceholderSerial(raw)) return null;
  return (raw as string).trim();
}
