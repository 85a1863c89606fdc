import { sql } from 'kysely';
import type { Db } from '@/db';
import { inScope } from '@/db/scope';
import type { Windows11OutcomeColumn } from '@/db/types-domain/windows11';
import type { Scope } from '@/db/scope';

// Windows 11 24H2 assessments: the NinjaOne devices the job reads, the
// results it writes, and the readiness reads of the pages and API.

/** One NinjaOne device of a snapshot with what the assessment needs. */
export async function loadAssessmentDevices(db: Db, vendorId: number, date: string, afterId: number, limit: number) {
  return db
    .selectFrom('device_snapshot as d')
    .select([
      'd.id',
      'd.device_identity_id',
      'd.organization_id',
      'd.organization_name',
      'd.hostname',
      'd.display_name',
      'd.location_name',
      'd.device_type_name',
      'd.os_name',
      'd.os_release_id',
      'd.os_build',
      'd.os_architecture',
      'd.cpu_model',
      'd.system_model',
      'd.memory_bytes',
      'd.system_drive_bytes',
      'd.has_tpm',
      'd.tpm_enabled',
      'd.tpm_version',
      'd.secure_boot_available',
      'd.secure_boot_enabled',
    ])
    .where('d.vendor_id', '=', vendorId)
    .where('d.snapshot_date', '=', date)
    .where('d.id', '>', afterId)
    .orderBy('d.id')
    .limit(limit)
    .execute();
}
export type AssessmentDevice = Awaited<ReturnType<typeof loadAssessmentDevices>>[number];

export interface AssessmentWrite {
  device_identity_id: number;
  snapshot_date: string;
  organization_id: number | null;
  vendor_organization_name: string | null;
  hostname: string | null;
  display_name: string | null;
  location_name: string | null;
  device_type: string | null;
  os_name: string | null;
  outcome: Windows11OutcomeColumn;
  excluded_reason: string | null;
  deficiencies: string;
  passed_requirements: string;
  cpu: string;
  hardware: string;
  assessed_at: Date;
}

const CHUNK = 1000;

/** Replaces every stored assessment with this run's, in one transaction: readers never see half a run. */
export async function replaceAssessments(db: Db, rows: readonly AssessmentWrite[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('windows11_assessments').execute();
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx.insertInto('windows11_assessments').values(rows.slice(i, i + CHUNK)).execute();
    }
  });
}

/** Whether any assessment is stored. */
export async function hasAssessments(db: Db): Promise<boolean> {
  return (await db.selectFrom('windows11_assessments').select('id').limit(1).executeTakeFirst()) !== undefined;
}

export interface ReadinessFilter {
  organizationId?: number;
}

/** Assessments by outcome (and exclusion reason), within scope. */
export async function readinessCounts(db: Db, scope: Scope, filter: ReadinessFilter = {}) {
  let q = db
    .selectFrom('windows11_assessments as w')
    .select(['w.outcome', 'w.excluded_reason', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('w.assessed_at').as('last'), (eb) => eb.fn.max('w.snapshot_date').as('snapshot_date')])
    .where(inScope(scope, 'w.organization_id'))
    .groupBy(['w.outcome', 'w.excluded_reason']);
  if (filter.organizationId !== undefined) q = q.where('w.organization_id', '=', filter.organizationId);
  const rows = await q.execute();
  return rows.map((r) => ({ outcome: r.outcome, excluded_reason: r.excluded_reason, n: Number(r.n), last: r.last as Date | null, snapshot_date: r.snapshot_date as string | null }));
}

/** Devices of the latest NinjaOne snapshot that no assessment covers yet (collected after the last run). */
export async function countNotAssessed(db: Db, scope: Scope, vendorId: number, date: string | null, filter: ReadinessFilter = {}) {
  if (!date) return 0;
  let q = db
    .selectFrom('device_snapshot as d')
    .leftJoin('windows11_assessments as w', (j) => j.onRef('w.device_identity_id', '=', 'd.device_identity_id').onRef('w.snapshot_date', '=', 'd.snapshot_date'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.vendor_id', '=', vendorId)
    .where('d.snapshot_date', '=', date)
    .where('w.id', 'is', null)
    .where(inScope(scope, 'd.organization_id'))
    .where((eb) => eb.or([eb('d.device_type_name', 'is', null), eb('d.device_type_name', '!=', 'server')]))
    .where((eb) => eb.or([eb('d.os_name', 'is', null), eb.and([eb('d.os_name', 'ilike', '%windows%'), eb('d.os_name', 'not ilike', '%server%')])]));
  if (filter.organizationId !== undefined) q = q.where('d.organization_id', '=', filter.organizationId);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export interface AssessmentListFilter extends ReadinessFilter {
  outcomes: readonly Windows11OutcomeColumn[];
  /** Only excluded devices already on 24H2 or newer (the "already compatible" ones). */
  alreadyOn24H2?: boolean;
  limit: number;
  offset: number;
}

function listQuery(db: Db, scope: Scope, f: Omit<AssessmentListFilter, 'limit' | 'offset'>) {
  let q = db
    .selectFrom('windows11_assessments as w')
    .leftJoin('organizations as o', 'o.id', 'w.organization_id')
    .innerJoin('device_identity as i', 'i.id', 'w.device_identity_id')
    .where(inScope(scope, 'w.organization_id'))
    .where((eb) => {
      const outcomes = eb('w.outcome', 'in', f.outcomes.length > 0 ? [...f.outcomes] : ['compatible']);
      return f.alreadyOn24H2 ? eb.or([outcomes, eb('w.excluded_reason', '=', 'already_24h2_or_newer')]) : outcomes;
    });
  if (f.organizationId !== undefined) q = q.where('w.organization_id', '=', f.organizationId);
  return q;
}

export async function listAssessments(db: Db, scope: Scope, f: AssessmentListFilter) {
  const base = listQuery(db, scope, f);
  const [rows, count] = await Promise.all([
    base
      .selectAll('w')
      .select(['o.name as organization', 'i.vendor_device_key'])
      .orderBy(sql`coalesce(o.name, w.vendor_organization_name)`)
      .orderBy('w.hostname')
      .orderBy('w.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type AssessmentRow = Awaited<ReturnType<typeof listAssessments>>['rows'][number];

/** Readiness per organisation (mapped or by the vendor's name), for the readiness page. */
export async function readinessByOrganization(db: Db, scope: Scope) {
  const rows = await db
    .selectFrom('windows11_assessments as w')
    .leftJoin('organizations as o', 'o.id', 'w.organization_id')
    .select([
      'w.organization_id',
      sql<string>`coalesce(o.name, w.vendor_organization_name, 'Unmapped')`.as('organization'),
      'w.outcome',
      'w.excluded_reason',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where(inScope(scope, 'w.organization_id'))
    .groupBy(['w.organization_id', sql`coalesce(o.name, w.vendor_organization_name, 'Unmapped')`, 'w.outcome', 'w.excluded_reason'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The most common failed requirements, for the readiness page. */
export async function deficiencyCounts(db: Db, scope: Scope, filter: ReadinessFilter = {}) {
  const orgFilter = scope.organizationId === null ? sql`true` : sql`w.organization_id = ${scope.organizationId}`;
  const only = filter.organizationId === undefined ? sql`true` : sql`w.organization_id = ${filter.organizationId}`;
  const rows = await sql<{ requirement: string; status: string; n: number }>`
    select d->>'requirement' as requirement, d->>'status' as status, count(*)::int as n
    from windows11_assessments w, jsonb_array_elements(w.deficiencies) d
    where ${orgFilter} and ${only}
    group by 1, 2 order by 3 desc, 1
  `.execute(db);
  return rows.rows;
}
