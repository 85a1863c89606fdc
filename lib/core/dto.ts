// What every row→DTO mapper does: dates become ISO strings, and the fields a
// DTO passes through unchanged are copied by name, so a mapper spells out
// only what it renames or converts.

/** A date as an ISO string, or null. */
export const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The named fields of a row, as they are. */
export function pick<T extends object, K extends keyof T>(row: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) out[key] = row[key];
  return out;
}
