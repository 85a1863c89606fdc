// Does an installed Drupal core version satisfy a release's <core_compatibility>?
//
// Core asks composer/semver (`Semver::satisfies`) in ProjectCoreCompatibility.
// This is the subset of Composer's constraint grammar drupal.org emits:
// `||`, AND by space or comma, `^`, `~`, `>=`, `>`, `<=`, `<`, `!=`, `=`,
// exact versions, wildcards (`8.*`, `8.x`, `*`) and hyphen ranges.

type Tuple = readonly [number, number, number, number, number, number];

interface Bound {
  operator: '>=' | '>' | '<=' | '<' | '==' | '!=';
  version: Tuple;
}

const STABILITY_RANK: Record<string, number> = { dev: 0, alpha: 1, a: 1, beta: 2, b: 2, rc: 3, stable: 4 };
const DEV_BRANCH = 9_999_999;
const MAX_CONSTRAINT_LENGTH = 512;

/**
 * True/false when the version satisfies the constraint; null when either
 * cannot be read (core then shows no compatibility message).
 */
export function satisfiesCoreConstraint(version: string, constraint: string): boolean | null {
  const installed = readVersion(version);
  const alternatives = readConstraint(constraint);
  if (installed === null || alternatives === null) return null;
  return alternatives.some((bounds) => bounds.every((bound) => holds(installed, bound)));
}

function readConstraint(constraint: string): Bound[][] | null {
  const text = constraint.trim();
  if (text === '' || text.length > MAX_CONSTRAINT_LENGTH) return null;
  const alternatives: Bound[][] = [];
  for (const group of text.split(/\s*\|\|?\s*/)) {
    const bounds = readAndGroup(group);
    if (bounds === null) return null;
    alternatives.push(bounds);
  }
  return alternatives;
}

function readAndGroup(group: string): Bound[] | null {
  const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(group);
  if (hyphen) return readHyphenRange(hyphen[1] ?? '', hyphen[2] ?? '');
  // `>= 8.1` and `>=8.1` mean the same; glue operators to their versions.
  const atoms = group.replace(/(>=|<=|!=|==|>|<|=|\^|~)\s+/g, '$1').split(/[\s,]+/).filter(Boolean);
  if (atoms.length === 0) return null;
  const bounds: Bound[] = [];
  for (const atom of atoms) {
    const atomBounds = readAtom(atom);
    if (atomBounds === null) return null;
    bounds.push(...atomBounds);
  }
  return bounds;
}

function readAtom(atom: string): Bound[] | null {
  const match = /^(>=|<=|!=|==|>|<|=|\^|~)?(.+)$/.exec(atom);
  if (!match) return null;
  const operator = match[1] ?? '';
  const text = stripFlags(match[2] ?? '');

  if (operator === '' && /^[*xX]$/.test(text)) return [];
  if (operator === '' && /[.][*xX]$/.test(text)) return readWildcard(text);
  if (operator === '^') return readCaret(text);
  if (operator === '~') return readTilde(text);

  const parts = splitVersion(text);
  if (parts === null) return null;
  // Composer lowers `>=` and `<` bounds to -dev so pre-releases count.
  const lowered = (operator === '>=' || operator === '<') && !parts.hasStability;
  const version = toTuple(parts.numbers, lowered ? 'dev' : parts.stability, parts.stabilityNumber);
  switch (operator) {
    case '':
    case '=':
    case '==':
      return [{ operator: '==', version }];
    case '!=':
      return [{ operator: '!=', version }];
    case '>=':
    case '>':
    case '<=':
    case '<':
      return [{ operator, version }];
    default:
      return null;
  }
}

function readCaret(text: string): Bound[] | null {
  const parts = splitVersion(text);
  if (parts === null) return null;
  const [major = 0, minor = 0] = parts.numbers;
  const firstNonZero = major !== 0 || parts.numbers.length === 1 ? 0 : minor !== 0 || parts.numbers.length === 2 ? 1 : 2;
  return rangeBounds(parts, bump(parts.numbers.slice(0, 3), firstNonZero));
}

function readTilde(text: string): Bound[] | null {
  const parts = splitVersion(text);
  if (parts === null) return null;
  // ~1.2 allows <2.0, ~1.2.3 allows <1.3, ~1 allows <2.
  const position = Math.max(0, parts.numbers.length - 2);
  return rangeBounds(parts, bump(parts.numbers, position));
}

function readWildcard(text: string): Bound[] | null {
  const parts = splitVersion(text.replace(/[.][*xX]$/, ''));
  if (parts === null || parts.hasStability) return null;
  return rangeBounds(parts, bump(parts.numbers, parts.numbers.length - 1));
}

function readHyphenRange(from: string, to: string): Bound[] | null {
  const low = splitVersion(stripFlags(from));
  const high = splitVersion(stripFlags(to));
  if (low === null || high === null) return null;
  const lower: Bound = { operator: '>=', version: toTuple(low.numbers, low.hasStability ? low.stability : 'dev', low.stabilityNumber) };
  // A partial upper end (`- 2.1`) includes the whole 2.1 line.
  const upper: Bound =
    high.numbers.length < 3
      ? { operator: '<', version: toTuple(bump(high.numbers, high.numbers.length - 1), 'dev', 0) }
      : { operator: '<=', version: toTuple(high.numbers, high.stability, high.stabilityNumber) };
  return [lower, upper];
}

function rangeBounds(parts: VersionParts, upperNumbers: number[]): Bound[] {
  return [
    { operator: '>=', version: toTuple(parts.numbers, parts.hasStability ? parts.stability : 'dev', parts.stabilityNumber) },
    { operator: '<', version: toTuple(upperNumbers, 'dev', 0) },
  ];
}

function bump(numbers: number[], position: number): number[] {
  const bumped = numbers.slice(0, position + 1);
  bumped[position] = (bumped[position] ?? 0) + 1;
  return bumped;
}

interface VersionParts {
  numbers: number[];
  stability: string;
  stabilityNumber: number;
  hasStability: boolean;
}

function splitVersion(text: string): VersionParts | null {
  const match = /^v?(\d+(?:\.(?:\d+|x)){0,3})(?:[-.]?(dev|alpha|beta|rc|a|b)(\d*))?$/i.exec(text.trim());
  if (!match || match[1] === undefined) return null;
  const numbers = match[1].split('.').map((part) => (part === 'x' ? DEV_BRANCH : Number(part)));
  if (numbers.some((n) => !Number.isSafeInteger(n))) return null;
  const stability = (match[2] ?? 'stable').toLowerCase();
  return { numbers, stability, stabilityNumber: match[3] ? Number(match[3]) : 0, hasStability: match[2] !== undefined };
}

// Reads the installed core version: plain (`10.3.10`, `8.1.0-beta1`) or a dev
// branch (`10.3.x-dev`), which sits above every 10.3 release as in Composer.
function readVersion(version: string): Tuple | null {
  const text = version.trim().toLowerCase();
  const isDev = text.endsWith('-dev');
  const parts = splitVersion(isDev ? text.slice(0, -'-dev'.length) : text);
  if (parts === null) return null;
  return toTuple(parts.numbers, isDev ? 'dev' : parts.stability, parts.stabilityNumber);
}

function toTuple(numbers: readonly number[], stability: string, stabilityNumber: number): Tuple {
  return [numbers[0] ?? 0, numbers[1] ?? 0, numbers[2] ?? 0, numbers[3] ?? 0, STABILITY_RANK[stability] ?? 0, stabilityNumber];
}

function stripFlags(text: string): string {
  return text.replace(/@(dev|alpha|beta|rc|stable)$/i, '');
}

function holds(version: Tuple, bound: Bound): boolean {
  const order = compareTuples(version, bound.version);
  switch (bound.operator) {
    case '>=':
      return order >= 0;
    case '>':
      return order > 0;
    case '<=':
      return order <= 0;
    case '<':
      return order < 0;
    case '==':
      return order === 0;
    case '!=':
      return order !== 0;
  }
}

function compareTuples(a: Tuple, b: Tuple): number {
  for (let i = 0; i < a.length; i += 1) {
    const l = a[i] ?? 0;
    const r = b[i] ?? 0;
    if (l !== r) return l < r ? -1 : 1;
  }
  return 0;
}
