// The simulator's side of QuickBooks' query language: the subset the client
// sends (`select * | count(*) from Customer|Invoice where … startposition …
// maxresults …`), parsed and matched against the simulator's records.

type Clause = { field: string[]; op: string; value: string | number | boolean | (string | number)[] };
import { compareOrdered } from './compare';

export type ParsedQuery = { count: boolean; entity: string; where: Clause[]; start: number; max: number };

export class QuerySyntaxError extends Error {}

function parseValue(raw: string): string | number | boolean {
  if (raw.startsWith("'")) return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  if (/^(true|false)$/i.test(raw)) return raw.toLowerCase() === 'true';
  return Number(raw);
}

export function parseQbQuery(text: string): ParsedQuery {
  const m = /^\s*select\s+(\*|count\(\*\))\s+from\s+(\w+)(?:\s+where\s+(.+?))?(?:\s+orderby\s+[\w.]+(?:\s+(?:asc|desc))?)?(?:\s+startposition\s+(\d+))?(?:\s+maxresults\s+(\d+))?\s*$/i.exec(text);
  if (!m) throw new QuerySyntaxError(`Error parsing query: ${text}`);
  const where: Clause[] = [];
  if (m[3]) {
    const clause = /^\s*([\w.]+)\s*(>=|<=|!=|=|<|>|\bin\b|\blike\b)\s*('(?:[^'\\]|\\.)*'|\([^)]*\)|true|false|-?\d+(?:\.\d+)?)\s*(?:\band\b|$)/i;
    let rest = m[3];
    while (rest.trim() !== '') {
      const c = clause.exec(rest);
      if (!c) throw new QuerySyntaxError(`Error parsing query near: ${rest.trim()}`);
      const rawValue = c[3]!;
      const value = rawValue.startsWith('(')
        ? rawValue
            .slice(1, -1)
            .split(',')
            .map((v) => parseValue(v.trim()))
            .filter((v): v is string | number => typeof v !== 'boolean')
        : parseValue(rawValue);
      where.push({ field: c[1]!.split('.'), op: c[2]!.toLowerCase(), value });
      rest = rest.slice(c[0].length);
    }
  }
  const start = Math.max(1, Number(m[4] ?? 1));
  const max = Math.min(1000, Math.max(1, Number(m[5] ?? 100)));
  return { count: m[1] !== '*', entity: m[2]!, where, start, max };
}

function resolve(record: unknown, path: readonly string[]): unknown {
  let cur: unknown = record;
  for (const part of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    const key = Object.keys(cur).find((k) => k.toLowerCase() === part.toLowerCase());
    cur = key === undefined ? undefined : (cur as Record<string, unknown>)[key];
  }
  // References (CustomerRef) compare by their value.
  if (cur && typeof cur === 'object' && 'value' in cur) return (cur as { value: unknown }).value;
  return cur;
}

export function matchesClause(record: unknown, c: Clause): boolean {
  const actual = resolve(record, c.field);
  if (actual === undefined || actual === null) return false;
  const norm = (v: unknown): number | string | boolean => {
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
      const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v);
      if (!Number.isNaN(ms)) return ms;
    }
    if (typeof v === 'string' && typeof actual === 'number') return Number(v);
    return typeof v === 'string' ? v.toLowerCase() : (v as number | boolean);
  };
  if (Array.isArray(c.value)) return c.value.some((v) => norm(v) === norm(actual));
  const a = norm(actual);
  const b = norm(c.value);
  const ordered = compareOrdered(a, c.op, b);
  if (ordered !== null) return ordered;
  switch (c.op) {
    case 'like': {
      const pattern = String(c.value).toLowerCase().replace(/[.+?^${}()|[\]\\*]/g, '\\$&').replace(/%/g, '.*');
      return new RegExp(`^${pattern}$`).test(String(actual).toLowerCase());
    }
    default:
      return false;
  }
}
