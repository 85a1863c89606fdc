// Benchmark: a generated fleet through both vendor simulators, the two
// collectors, and the cross-vendor checks.
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//     sh scripts/with-node.sh node --import tsx bench/inventory-collect.ts [devices per vendor, default 50000]
//
// It prints devices per second collected (fetch + validation + write), the
// check time, and the snapshot write speed as a ratio of a plain COPY of the
// same rows into an unindexed copy of the table, measured in the same run
// (and, for reference, of one INSERT … SELECT FROM unnest). Then the matching
// verdict at the same scale: a generated fleet that knows its truth
// (tests/inventory/truth-fleet.ts) is stored as the next day's snapshots and
// checked, and it prints the missed and false exceptions per type (0 and 0
// is right). Without BENCH_DATABASE_URL it runs on in-memory PGlite (and says so).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { openDatabase, type Database } from '@/db/client';
import { migrateToLatest } from '@/db/migrate';
import { replaceVendorSnapshot } from '@/db/queries/inventory/snapshots';
import { collectNinjaOne, collectThreatLocker } from '@/lib/inventory/collect';
import { runCrossVendorChecks } from '@/lib/inventory/cross-vendor';
import { isNinjaVmGuest, ninjaSnapshotRow } from '@/lib/inventory/snapshot-rows';
import { addDays, VENDORS } from '@/lib/inventory/vendors';
import { createNinjaOneClient } from '@/lib/vendors/ninjaone/client';
import { startNinjaOneSimulator } from '@/lib/simulators/ninjaone';
import { generateFleet } from '@/lib/simulators/fleet/generate';
import { createThreatLockerClient } from '@/lib/vendors/threatlocker/client';
import { startThreatLockerSimulator } from '@/lib/simulators/threatlocker';
import { compareWithTruth, countMisses, generateTruthFleet, type FoundException } from '@/tests/inventory/truth-fleet';
import { storeTruthFleet } from '@/tests/inventory/truth-fleet-store';
import { scratchDatabase } from './support/app';

const size = Number(process.argv[2] ?? 50_000);
const DATE = '2025-09-29';

async function openBenchDatabase(): Promise<Database & { drop: () => Promise<void>; label: string }> {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ kind: 'pglite', dataDir: 'memory://' });
    return { ...database, drop: () => database.close(), label: 'PGlite (in memory; set BENCH_DATABASE_URL for PostgreSQL)' };
  }
  const scratch = await scratchDatabase(url);
  const database = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 4 });
  return {
    ...database,
    label: `PostgreSQL (${new URL(url).host}, scratch database ${scratch.name})`,
    drop: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;
const rate = (n: number, s: number) => `${Math.round(n / s).toLocaleString('en-US')}/s`;

/** The baseline: the rows just written, inserted again with one INSERT … SELECT FROM unnest. */
async function baselineInsert(database: Database): Promise<{ rows: number; seconds: number }> {
  const db = database.db;
  await sql`create table bench_baseline (like device_snapshot)`.execute(db);
  const columns = await sql<{ name: string; type: string }>`
    select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
    where a.attrelid = 'bench_baseline'::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum
  `.execute(db);
  const rows = await sql<Record<string, unknown>>`select * from device_snapshot where vendor_id = ${VENDORS.ninja.id} and snapshot_date = ${DATE}::date`.execute(db);
  const cols = columns.rows;
  const arrays = cols.map((c) =>
    rows.rows.map((r) => {
      const v = r[c.name];
      if (v === null || v === undefined) return null;
      if (c.type === 'jsonb') return JSON.stringify(v);
      return v instanceof Date ? v.toISOString() : v;
    }),
  );
  const unnest = sql.join(cols.map((c, i) => sql`${arrays[i]}::${sql.raw(c.type === 'jsonb' ? 'text' : c.type)}[]`));
  const select = sql.join(cols.map((c, i) => sql.raw(c.type === 'jsonb' ? `u.c${i}::jsonb` : `u.c${i}`)));
  const aliases = sql.raw(cols.map((_, i) => `c${i}`).join(', '));
  const start = process.hrtime.bigint();
  await sql`insert into bench_baseline select ${select} from unnest(${unnest}) as u(${aliases})`.execute(db);
  return { rows: rows.rows.length, seconds: seconds(start) };
}

/** The rows just written, as COPY's text format, ready to load again. */
async function exportRows(database: Database): Promise<Buffer> {
  const query = `copy (select * from device_snapshot where vendor_id = ${VENDORS.ninja.id} and snapshot_date = '${DATE}') to stdout`;
  if (database.kind === 'pglite') {
    const result = await database.pglite!.query(query.replace('to stdout', "to '/dev/blob'"));
    return Buffer.from(await result.blob!.arrayBuffer());
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const chunks: Buffer[] = [];
    const stream = client.query(copyTo(query));
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } finally {
    await client.end();
  }
}

/** The reference: a plain COPY of the same rows into an unindexed copy of the table. */
async function baselineCopy(database: Database, text: Buffer): Promise<{ seconds: number }> {
  await sql`create table bench_copy (like device_snapshot)`.execute(database.db);
  if (database.kind === 'pglite') {
    const start = process.hrtime.bigint();
    await database.pglite!.query("copy bench_copy from '/dev/blob'", [], { blob: new Blob([new Uint8Array(text)]) });
    return { seconds: seconds(start) };
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const start = process.hrtime.bigint();
    await pipeline(Readable.from([text]), client.query(copyFrom('copy bench_copy from stdin')));
    return { seconds: seconds(start) };
  } finally {
    await client.end();
  }
}

/** The matching verdict at fleet scale: a fleet that knows its truth, stored and checked like a collected one. */
async function truthCheck(database: Database, devices: number, date: string) {
  let start = process.hrtime.bigint();
  const fleet = generateTruthFleet({ seed: 20250929, size: devices });
  await storeTruthFleet(database.db, fleet, date);
  console.log(`Truth fleet: ${fleet.ninja.length.toLocaleString('en-US')} NinjaOne and ${fleet.threatlocker.length.toLocaleString('en-US')} ThreatLocker devices generated and stored in ${seconds(start).toFixed(1)} s`);
  start = process.hrtime.bigint();
  const checks = await runCrossVendorChecks(database.db, { checkDate: date });
  console.log(`Cross-vendor checks on it: ${checks.total.toLocaleString('en-US')} exceptions in ${seconds(start).toFixed(2)} s`);
  // The simulator fleet's exceptions were last seen the day before; this run's are seen today.
  const found = await database.db.selectFrom('exceptions').select(['type', 'hostname', 'details']).where('last_seen_date', '=', date).execute();
  const verdict = countMisses(compareWithTruth(found as unknown as FoundException[], fleet.expected));
  for (const [type, v] of Object.entries(verdict)) console.log(`  ${type.padEnd(22)} expected ${String(v.expected).padStart(6)}  missed ${v.missed}  false ${v.false}`);
  const wrong = Object.values(verdict).reduce((sum, v) => sum + v.missed + v.false, 0);
  console.log(wrong === 0 ? 'Truth check: 0 missed and 0 false exceptions of every type' : `Truth check: ${wrong} exceptions wrong (see above)`);
}

async function main() {
  console.log(`Fleet: ${size.toLocaleString('en-US')} devices per vendor`);
  let start = process.hrtime.bigint();
  const fleet = generateFleet({ size, threatLockerSize: size, organizations: Math.max(6, Math.round(size / 50)) });
  console.log(`  generated in ${seconds(start).toFixed(1)} s`);
  const ninjaSim = await startNinjaOneSimulator({ fleet, logLimit: 100 });
  const tlSim = await startThreatLockerSimulator({ fleet, logLimit: 100 });
  const database = await openBenchDatabase();
  console.log(`Database: ${database.label}`);
  try {
    await migrateToLatest(database.db);
    const ninja = createNinjaOneClient({ baseUrl: ninjaSim.url, clientId: ninjaSim.credentials.clientId, clientSecret: ninjaSim.credentials.clientSecret, pageSize: 1000 });
    const tl = createThreatLockerClient({ baseUrl: tlSim.url, apiKey: tlSim.apiKey, organizationId: tlSim.parentOrganizationId, maxConcurrency: 8 });

    start = process.hrtime.bigint();
    const n = await collectNinjaOne(database.db, ninja, { snapshotDate: DATE });
    const ninjaSeconds = seconds(start);
    console.log(`NinjaOne collection: ${n.written.toLocaleString('en-US')} devices stored in ${ninjaSeconds.toFixed(2)} s → ${rate(n.fetched, ninjaSeconds)} devices collected`);

    start = process.hrtime.bigint();
    const t = await collectThreatLocker(database.db, tl, { snapshotDate: DATE });
    const tlSeconds = seconds(start);
    console.log(`ThreatLocker collection: ${t.written.toLocaleString('en-US')} computers stored in ${tlSeconds.toFixed(2)} s → ${rate(t.fetched, tlSeconds)} devices collected`);

    start = process.hrtime.bigint();
    const checks = await runCrossVendorChecks(database.db);
    const checkSeconds = seconds(start);
    console.log(`Cross-vendor checks: ${checks.total.toLocaleString('en-US')} exceptions in ${checkSeconds.toFixed(2)} s (${JSON.stringify(checks.counts)})`);

    // The write phase alone, on rows already fetched: the collector's transaction vs the baseline.
    const devices = await ninja.listDevices();
    const rows = devices.filter((d) => !isNinjaVmGuest(d)).map(ninjaSnapshotRow);
    start = process.hrtime.bigint();
    await replaceVendorSnapshot(database.db, { vendorId: VENDORS.ninja.id, snapshotDate: DATE, rows, sites: [], organizations: [] });
    const writeSeconds = seconds(start);
    const ours = rows.length / writeSeconds;
    const copy = await baselineCopy(database, await exportRows(database));
    const unnest = await baselineInsert(database);
    console.log(`Snapshot write: ${rows.length.toLocaleString('en-US')} rows in ${writeSeconds.toFixed(2)} s → ${rate(rows.length, writeSeconds)} (identities, snapshot, counts and change log in one transaction)`);
    console.log(`Plain COPY of the same rows: ${copy.seconds.toFixed(2)} s → ${rate(rows.length, copy.seconds)}`);
    console.log(`One INSERT … SELECT FROM unnest of the same rows: ${unnest.seconds.toFixed(2)} s → ${rate(unnest.rows, unnest.seconds)}`);
    console.log(`Ratio to COPY: ${(ours / (rows.length / copy.seconds)).toFixed(2)} (to unnest: ${(ours / (unnest.rows / unnest.seconds)).toFixed(2)})`);

    await truthCheck(database, size, addDays(DATE, 1));
  } finally {
    await ninjaSim.close();
    await tlSim.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
