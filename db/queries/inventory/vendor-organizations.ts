import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '@/db';
import type { DB } from '@/db/types';

type Executor = Kysely<DB> | Transaction<DB>;

export async function listVendorOrganizationRows(db: Db) {
  const rows = await db
    .selectFrom('vendor_organizations as vo')
    .innerJoin('vendor as v', 'v.id', 'vo.vendor_id')
    .leftJoin('organizations as o', 'o.id', 'vo.organization_id')
    .leftJoin('organizations as p', 'p.id', 'vo.proposed_organization_id')
    .select([
      'vo.id',
      'vo.vendor_id',
      'v.name as vendor',
      'vo.vendor_org_id',
      'vo.vendor_org_name',
      'vo.status',
      'vo.organization_id',
      'o.name as organization_name',
      'vo.proposed_organization_id',
      'p.name as proposed_organization_name',
      'vo.proposal_score',
      'vo.confirmed_by',
      'vo.confirmed_at',
      'vo.last_seen_at',
      'vo.updated_at',
      (eb) =>
        eb
          .selectFrom('device_snapshot as d')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('d.vendor_id', '=', 'vo.vendor_id')
          .whereRef('d.vendor_organization_id', '=', 'vo.vendor_org_id')
          .where('d.snapshot_date', '=', (e) => e.selectFrom('device_snapshot as l').select((x) => x.fn.max('l.snapshot_date').as('m')).whereRef('l.vendor_id', '=', 'vo.vendor_id'))
          .as('device_count'),
    ])
    .orderBy('v.name')
    .orderBy('vo.vendor_org_name')
    .execute();
  return rows.map((r) => ({ ...r, device_count: Number(r.device_count ?? 0) }));
}
export type VendorOrganizationRow = Awaited<ReturnType<typeof listVendorOrganizationRows>>[number];

export async function getVendorOrganizationRow(db: Executor, id: number) {
  return db.selectFrom('vendor_organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A vendor's organisations nobody has confirmed or ignored yet; locked when a bulk mapping is about to change them. */
export async function listUnmatchedVendorOrganizations(db: Executor, vendorId: number, options: { lock?: boolean } = {}) {
  return db
    .selectFrom('vendor_organizations')
    .select(['id', 'vendor_org_id', 'vendor_org_name as name', 'status', 'organization_id'])
    .where('vendor_id', '=', vendorId)
    .where('status', '=', 'proposed')
    .orderBy('id')
    .$if(options.lock === true, (q) => q.forUpdate())
    .execute();
}

/** Replaces the proposals of organisations still awaiting review (after our organisations changed). */
export async function writeProposals(trx: Executor, proposals: readonly { id: number; organizationId: number | null; score: number | null }[]): Promise<void> {
  if (proposals.length === 0) return;
  const payload = JSON.stringify(proposals.map((p) => ({ id: p.id, organization_id: p.organizationId, score: p.score })));
  await sql`
    update vendor_organizations vo set proposed_organization_id = u.organization_id, proposal_score = u.score, updated_at = now()
    from jsonb_to_recordset(${payload}::jsonb) as u(id integer, organization_id integer, score double precision)
    where vo.id = u.id and vo.status = 'proposed' and vo.proposed_organization_id is distinct from u.organization_id
  `.execute(trx);
}

/** Records a superuser's decision: one of ours (confirmed) or none of ours (ignored). */
export async function writeVendorOrganizationMapping(trx: Executor, id: number, organizationId: number | null, confirmedBy: string) {
  return trx
    .updateTable('vendor_organizations')
    .set({
      organization_id: organizationId,
      status: organizationId === null ? 'ignored' : 'confirmed',
      confirmed_by: confirmedBy,
      confirmed_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Applies a mapping change to the stored snapshots and the counts derived from them. */
export async function remapSnapshots(trx: Executor, vendorId: number, vendorOrgId: string, organizationId: number | null): Promise<number> {
  const updated = await moveSnapshots(trx, vendorId, vendorOrgId, organizationId);
  await rebuildVendorCounts(trx, vendorId);
  return updated;
}

/** Puts one vendor organisation's stored devices in a tenant (or none); counts are rebuilt separately. */
export async function moveSnapshots(trx: Executor, vendorId: number, vendorOrgId: string, organizationId: number | null): Promise<number> {
  const updated = await trx
    .updateTable('device_snapshot')
    .set({ organization_id: organizationId })
    .where('vendor_id', '=', vendorId)
    .where('vendor_organization_id', '=', vendorOrgId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** Rebuilds a vendor's daily and month-end counts from its stored snapshots. */
export async function rebuildVendorCounts(trx: Executor, vendorId: number): Promise<void> {
  await trx.deleteFrom('daily_counts').where('vendor_id', '=', vendorId).execute();
  await sql`
    insert into daily_counts (snapshot_date, vendor_id, organization_id, site_id, device_type_id, billing_status_id, cnt)
    select snapshot_date, vendor_id, organization_id, site_id, device_type_id, billing_status_id, count(*)::int
    from device_snapshot where vendor_id = ${vendorId}
    group by snapshot_date, vendor_id, organization_id, site_id, device_type_id, billing_status_id
  `.execute(trx);
  await trx.deleteFrom('month_end_counts').where('vendor_id', '=', vendorId).execute();
  await sql`
    insert into month_end_counts (month_end_date, vendor_id, organization_id, site_id, device_type_id, billing_status_id, cnt)
    select (date_trunc('month', snapshot_date) + interval '1 month - 1 day')::date, vendor_id, organization_id, site_id, device_type_id, billing_status_id, count(*)::int
    from device_snapshot
    where vendor_id = ${vendorId}
      and snapshot_date in (select max(snapshot_date) from device_snapshot where vendor_id = ${vendorId} group by date_trunc('month', snapshot_date))
    group by snapshot_date, vendor_id, organization_id, site_id, device_type_id, billing_status_id
  `.execute(trx);
}

/** Confirms every proposal that points at one of these organisations (the demo's set-up); returns how many. */
export async function confirmProposalsFor(db: Executor, organizationIds: readonly number[], confirmedBy: string): Promise<number> {
  const confirmed = await db
    .updateTable('vendor_organizations')
    .set((eb) => ({ organization_id: eb.ref('proposed_organization_id'), status: 'confirmed', confirmed_by: confirmedBy, confirmed_at: new Date(), updated_at: new Date() }))
    .where('status', '=', 'proposed')
    .where('proposed_organization_id', 'in', organizationIds.length > 0 ? [...organizationIds] : [-1])
    .executeTakeFirst();
  return Number(confirmed.numUpdatedRows);
}
