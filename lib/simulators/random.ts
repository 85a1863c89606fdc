// Seeded randomness for generated simulator data (the fleet, ConnectWise and
// QuickBooks records) and for tests that generate their own cases: the same
// seed gives the same data on every machine.

/** xmur3 string hash → 32-bit seed, so a stream can be named (`${seed}:${client}:${month}`). */
export function hashSeed(text: string): number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  h = Math.imul(h ^ (h >>> 16), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return (h ^ (h >>> 16)) >>> 0;
}

export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  uuid(): string;
  hex(length: number): string;
  alnum(length: number): string;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** mulberry32: tiny, fast and good enough for test data. */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const fromAlphabet = (alphabet: string, length: number) => {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(next() * alphabet.length)];
    return out;
  };
  // Eight hex digits per draw through a byte table: uuids are the bulk of a
  // large fleet's randomness, and Number#toString(16) is slow on doubles.
  const hex = (length: number) => {
    let out = '';
    while (out.length < length) {
      const v = (next() * 4294967296) >>> 0;
      out += `${BYTE_HEX[v & 255]}${BYTE_HEX[(v >>> 8) & 255]}${BYTE_HEX[(v >>> 16) & 255]}${BYTE_HEX[v >>> 24]}`;
    }
    return out.length === length ? out : out.slice(0, length);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    hex,
    alnum: (length) => fromAlphabet('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', length),
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[int(0, 3)]}${hex(3)}-${hex(12)}`,
  };
}
