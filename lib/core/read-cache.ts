import crypto from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Db } from '@/db';
import { dataRevision, type TrackedTable } from '@/db/queries/revisions';

// Dashboard reads whose inputs change only when a collector, a check or a
// person writes (the variance report, /api/status, the QBR pages) are
// computed once per change and then served from memory. Each request still
// reads one counter (the data_revisions row of every table the read
// depends on), so a change committed by any process (web, jobs worker) is
// seen by the next request; `maxAgeMs` bounds what depends on the clock
// alone ("failed in the last 24 hours", "3 days old").
//
// Entries are keyed by the read's name and the caller's scope and filters
// (the caller builds the key: it must hold everything the answer depends
// on besides the tables, the tenant first). Values are frozen: every caller
// shares them. Routes answer them as their stored JSON with an ETag
// (`cacheTagOf`), and a matching If-None-Match gets a 304.

export interface CachedReadSpec {
  /** What is read, e.g. 'inventory.variance-report'. */
  name: string;
  /** Every table the answer is computed from. */
  tables: readonly TrackedTable[];
  /** Everything else the answer depends on: scope, filters, the day. */
  key: readonly unknown[];
  /** How long an answer may be served while the tables stand still. */
  maxAgeMs?: number;
}

export interface CacheTag {
  etag: string;
  json: string;
  /** The JSON compressed once, for every caller that accepts gzip. */
  gzip: () => Promise<Uint8Array<ArrayBuffer>>;
}

const gzip = promisify(zlib.gzip);

function tagOf(json: string): CacheTag {
  const etag = `W/"${crypto.createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
  let compressed: Promise<Uint8Array<ArrayBuffer>> | undefined;
  return { etag, json, gzip: () => (compressed ??= gzip(json).then((buffer) => new Uint8Array(buffer))) };
}

type Entry = { revision: string; storedAt: number; value: object; tag: CacheTag };

const MAX_ENTRIES = 200;
const MAX_BYTES = 128 * 1024 * 1024;
const DEFAULT_MAX_AGE_MS = 60_000;

type Cache = { entries: Map<string, Entry>; bytes: number; pending: Map<string, Promise<Entry>> };

// On globalThis: pages and route handlers are separate module graphs in one
// process. One cache per database handle, since counters are per database.
const store = globalThis as unknown as { __mspReadCache?: { byDatabase: WeakMap<Db, Cache>; tags: WeakMap<object, CacheTag> } };

function caches() {
  return (store.__mspReadCache ??= { byDatabase: new WeakMap(), tags: new WeakMap() });
}

function cacheOf(db: Db): Cache {
  const all = caches().byDatabase;
  let c = all.get(db);
  if (!c) all.set(db, (c = { entries: new Map(), bytes: 0, pending: new Map() }));
  return c;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function remember(c: Cache, key: string, entry: Entry) {
  const previous = c.entries.get(key);
  if (previous) {
    c.bytes -= previous.tag.json.length;
    c.entries.delete(key);
  }
  // Larger than an eighth of the budget: served, not kept.
  if (entry.tag.json.length > MAX_BYTES / 8) return;
  c.entries.set(key, entry);
  c.bytes += entry.tag.json.length;
  for (const [oldest, old] of c.entries) {
    if (c.entries.size <= MAX_ENTRIES && c.bytes <= MAX_BYTES) break;
    c.entries.delete(oldest);
    c.bytes -= old.tag.json.length;
  }
}

/** The answer of `compute`, from memory while none of `spec.tables` has changed. */
export async function cachedRead<T extends object>(db: Db, spec: CachedReadSpec, compute: () => Promise<T>): Promise<T> {
  const c = cacheOf(db);
  const key = `${spec.name}\u0000${JSON.stringify(spec.key)}`;
  const revision = await dataRevision(db, spec.tables);
  const found = c.entries.get(key);
  if (found && found.revision === revision && Date.now() - found.storedAt < (spec.maxAgeMs ?? DEFAULT_MAX_AGE_MS)) {
    // Most recently used last: eviction takes the oldest first.
    c.entries.delete(key);
    c.entries.set(key, found);
    return found.value as T;
  }
  // Callers arriving while the same answer is computed share that computation.
  const pendingKey = `${key}\u0000${revision}`;
  let pending = c.pending.get(pendingKey);
  if (!pending) {
    pending = (async () => {
      const value = deepFreeze(await compute());
      const entry: Entry = { revision, storedAt: Date.now(), value, tag: tagOf(JSON.stringify(value)) };
      caches().tags.set(value, entry.tag);
      remember(c, key, entry);
      return entry;
    })();
    c.pending.set(pendingKey, pending);
    void pending.then(
      () => c.pending.delete(pendingKey),
      () => c.pending.delete(pendingKey),
    );
  }
  return (await pending).value as T;
}

/** The stored JSON and ETag of a value `cachedRead` returned, for the route wrapper. */
export function cacheTagOf(value: unknown): CacheTag | undefined {
  return value !== null && typeof value === 'object' ? caches().tags.get(value) : undefined;
}
