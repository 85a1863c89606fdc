import type { Db } from '@/db';
import { upsertVendorOrganizations } from '@/db/queries/inventory/snapshots';
import { getVendorOrganizationRow, listVendorOrganizationRows, remapSnapshots } from '@/db/queries/inventory/vendor-organizations';
import { recordAudit } from '@/lib/core/audit';
import { actorLabel, authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import { ninjaOneSource } from '@/lib/vendors/ninjaone/source';
import { threatLockerSource } from '@/lib/vendors/threatlocker/source';
import { proposeOrganization } from './org-matching';
import { VENDORS } from './vendors';

// The mapping from each vendor's client organisations to ours. Collectors
// record every vendor organisation they meet with a proposal from the names;
// a superuser confirms or changes it, and only confirmed mappings place
// devices (and their exceptions) in a tenant.

export async function listVendorOrganizations(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:operate');
  return { vendor_organizations: await listVendorOrganizationRows(ctx.db) };
}

/** Confirms a vendor organisation as one of ours, or (null) as none of ours. */
export async function setVendorOrganizationMapping(ctx: RequestContext, id: number, organizationId: number | null) {
  authorize(ctx.actor, 'inventory:operate');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await getVendorOrganizationRow(trx, id);
    if (!before) throw new AppError('not_found', 'Vendor organisation not found');
    if (organizationId !== null) {
      const org = await trx.selectFrom('organizations').select('id').where('id', '=', organizationId).where('is_deleted', '=', false).executeTakeFirst();
      if (!org) throw new AppError('validation_failed', 'Request is not valid', [{ path: 'organization_id', code: 'custom', message: 'No such organisation' }]);
    }
    const after = await trx
      .updateTable('vendor_organizations')
      .set({
        organization_id: organizationId,
        status: organizationId === null ? 'ignored' : 'confirmed',
        confirmed_by: actorLabel(ctx.actor),
        confirmed_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const remapped = await remapSnapshots(trx, before.vendor_id, before.vendor_org_id, organizationId);
    await recordAudit(trx, ctx, {
      action: 'inventory.vendor_organization.map',
      entityType: 'vendor_organization',
      entityId: id,
      organizationId,
      before: { organization_id: before.organization_id, status: before.status },
      after: { organization_id: after.organization_id, status: after.status },
      data: { vendor_id: before.vendor_id, vendor_org_id: before.vendor_org_id, snapshots_updated: remapped },
    });
    return { remapped };
  });
  const row = (await listVendorOrganizationRows(ctx.db)).find((r) => r.id === id)!;
  return { vendor_organization: row, snapshots_updated: result.remapped };
}

export async function confirmVendorOrganizationProposal(ctx: RequestContext, id: number) {
  authorize(ctx.actor, 'inventory:operate');
  const row = await getVendorOrganizationRow(ctx.db, id);
  if (!row) throw new AppError('not_found', 'Vendor organisation not found');
  if (row.proposed_organization_id === null) throw new AppError('conflict', 'There is no proposal to confirm; choose an organisation instead');
  return setVendorOrganizationMapping(ctx, id, row.proposed_organization_id);
}

/** Asks both vendors for their organisations and records them with proposals. */
export async function syncVendorOrganizations(db: Db): Promise<{ ninja: number; threatlocker: number }> {
  const ours = await db.selectFrom('organizations').select(['id', 'name']).where('is_deleted', '=', false).execute();
  const counts = { ninja: 0, threatlocker: 0 };
  const ninja = await ninjaOneSource(db);
  if (ninja.client) {
    const orgs = await ninja.client.listOrganizations();
    await upsertVendorOrganizations(db, VENDORS.ninja.id, orgs.map((o) => ({ vendorOrgId: String(o.id), name: o.name, proposal: proposeOrganization(o.name, ours) })));
    counts.ninja = orgs.length;
  }
  const tl = await threatLockerSource(db);
  if (tl.client) {
    const orgs = await tl.client.listChildOrganizations();
    await upsertVendorOrganizations(db, VENDORS.threatlocker.id, orgs.map((o) => ({ vendorOrgId: o.id.toLowerCase(), name: o.name, proposal: proposeOrganization(o.name, ours) })));
    counts.threatlocker = orgs.length;
  }
  return counts;
}

export async function syncVendorOrganizationsFor(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:operate');
  const counts = await syncVendorOrganizations(ctx.db);
  return { synced: counts, ...(await listVendorOrganizations(ctx)) };
}
