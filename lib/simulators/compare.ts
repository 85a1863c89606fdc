/** A value a simulator's query language compares: normalised to a number, a lower-case string or a boolean. */
export type Comparable = number | string | boolean;

const ORDERED = new Set(['=', '!=', '<', '<=', '>', '>=']);

/** `a op b` for the operators ConnectWise's conditions and QuickBooks' queries share; null for any other operator. */
export function compareOrdered(a: Comparable, op: string, b: Comparable): boolean | null {
  if (!ORDERED.has(op)) return null;
  if (op === '=') return a === b;
  if (op === '!=') return a !== b;
  if (op === '<') return a < b;
  if (op === '<=') return a <= b;
  if (op === '>') return a > b;
  return a >= b;
}
