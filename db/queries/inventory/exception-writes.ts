import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '@/db/types';
import type { ExceptionChange, FoundException, HistoryEntry, StoredException, VarianceStatus } from '@/db/types-domain/inventory';

// Writes to exceptions: the cross-vendor run's, set-based (one statement per
// kind of change, rows as JSON), and a person's action on one exception.

type Trx = Transaction<DB>;

/** Exceptions a run may change: every one not verified gone, plus those matching what was found. */
export async function lockExceptionsForRun(trx: Trx, found: readonly FoundException[], hostnames?: readonly string[]): Promise<StoredException[]> {
  const keys = JSON.stringify(found.map((f) => ({ type: f.type, hostname: f.hostname })));
  const scope = hostnames ? sql`and e.hostname in (select jsonb_array_elements_text(${JSON.stringify(hostnames)}::jsonb))` : sql``;
  const rows = await sql<StoredException & { last_seen_date: string }>`
    select e.id, e.type, e.hostname, e.resolved, e.variance_status, e.resolved_at, e.resolved_by, e.manually_updated_at, e.last_seen_date
    from exceptions e
    where (e.variance_status <> 'collector_verified'
       or exists (select 1 from jsonb_to_recordset(${keys}::jsonb) as f(type text, hostname text) where f.type = e.type and f.hostname = e.hostname))
    ${scope}
    order by e.id
    for update
  `.execute(trx);
  return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
}

export async function insertExceptions(trx: Trx, date: string, inserts: readonly (FoundException & { history: HistoryEntry })[]): Promise<void> {
  if (inserts.length === 0) return;
  const payload = JSON.stringify(
    inserts.map((f) => ({ type: f.type, hostname: f.hostname, details: f.details, organization_id: f.organizationId, history: [f.history] })),
  );
  await sql`
    insert into exceptions (type, hostname, details, organization_id, date_found, first_seen_date, last_seen_date, history)
    select u.type, u.hostname, u.details, u.organization_id, ${date}::date, ${date}::date, ${date}::date, u.history
    from jsonb_to_recordset(${payload}::jsonb) as u(type text, hostname text, details jsonb, organization_id integer, history jsonb)
  `.execute(trx);
}

export async function applyExceptionChanges(trx: Trx, changes: readonly ExceptionChange[]): Promise<void> {
  if (changes.length === 0) return;
  const payload = JSON.stringify(
    changes.map((c) => ({
      id: c.id,
      has_found: c.found !== null,
      details: c.found?.details ?? null,
      organization_id: c.found?.organizationId ?? null,
      last_seen_date: c.last_seen_date,
      resolved: c.resolved,
      variance_status: c.variance_status,
      resolved_at: c.resolved_at,
      resolved_by: c.resolved_by,
      history: c.history,
    })),
  );
  // Only a change of state bumps the version: a caller holding the old one is told it moved.
  await sql`
    update exceptions e set
      details = case when u.has_found then u.details else e.details end,
      organization_id = case when u.has_found then u.organization_id else e.organization_id end,
      last_seen_date = u.last_seen_date,
      resolved = u.resolved,
      variance_status = u.variance_status,
      resolved_at = u.resolved_at,
      resolved_by = u.resolved_by,
      history = case when u.history is null then e.history else e.history || jsonb_build_array(u.history) end,
      version = case when u.history is null then e.version else e.version + 1 end,
      updated_at = case when u.history is null then e.updated_at else now() end
    from jsonb_to_recordset(${payload}::jsonb) as u(
      id bigint, has_found boolean, details jsonb, organization_id integer, last_seen_date date,
      resolved boolean, variance_status text, resolved_at timestamptz, resolved_by text, history jsonb)
    where e.id = u.id
  `.execute(trx);
}

/** Rebuilds the day's observations for what was found (optionally only among some hostnames). */
export async function recordObservations(trx: Trx, date: string, found: readonly FoundException[], hostnames?: readonly string[]): Promise<void> {
  const scope = hostnames
    ? sql`and exception_id in (select id from exceptions where hostname in (select jsonb_array_elements_text(${JSON.stringify(hostnames)}::jsonb)))`
    : sql``;
  await sql`delete from exception_observations where observed_date = ${date}::date ${scope}`.execute(trx);
  if (found.length === 0) return;
  const keys = JSON.stringify(found.map((f) => ({ type: f.type, hostname: f.hostname })));
  await sql`
    insert into exception_observations (exception_id, observed_date)
    select e.id, ${date}::date from exceptions e
    join jsonb_to_recordset(${keys}::jsonb) as f(type text, hostname text) on f.type = e.type and f.hostname = e.hostname
    on conflict do nothing
  `.execute(trx);
}

export interface VarianceCheckWrite {
  check_date: string;
  ninja_snapshot_date: string;
  threatlocker_snapshot_date: string;
  counts: unknown;
  data_quality: unknown;
  checked_at: Date;
}

/** Records (or replaces) the day's check: which snapshots it compared and what it counted. */
export async function recordVarianceCheck(trx: Trx, check: VarianceCheckWrite): Promise<void> {
  await trx
    .insertInto('variance_checks')
    .values({ ...check, counts: JSON.stringify(check.counts), data_quality: JSON.stringify(check.data_quality) })
    .onConflict((oc) =>
      oc.column('check_date').doUpdateSet((eb) => ({
        ninja_snapshot_date: eb.ref('excluded.ninja_snapshot_date'),
        threatlocker_snapshot_date: eb.ref('excluded.threatlocker_snapshot_date'),
        counts: eb.ref('excluded.counts'),
        data_quality: eb.ref('excluded.data_quality'),
        checked_at: eb.ref('excluded.checked_at'),
      })),
    )
    .execute();
}

export interface ExceptionActionWrite {
  resolved: boolean;
  variance_status: VarianceStatus;
  resolved_at: Date | null;
  resolved_by: string | null;
  notes: string | null;
  /** Set by a manual fix only. */
  manual: { manually_updated_at: Date; manually_updated_by: string; update_type: string; old_value: string | null; new_value: string | null } | null;
}

/** A person's action on one exception: the new state, one history entry, and a new version. */
export async function writeExceptionAction(trx: Kysely<DB>, id: number, next: ExceptionActionWrite, entry: HistoryEntry, now: Date): Promise<void> {
  await trx
    .updateTable('exceptions')
    .set({
      resolved: next.resolved,
      variance_status: next.variance_status,
      resolved_at: next.resolved_at,
      resolved_by: next.resolved_by,
      notes: next.notes,
      ...(next.manual ?? {}),
      history: sql`history || jsonb_build_array(${JSON.stringify(entry)}::jsonb)`,
      version: sql`version + 1`,
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
