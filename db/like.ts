/** A value for LIKE/ILIKE that matches itself literally (%, _ and \ escaped). */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
