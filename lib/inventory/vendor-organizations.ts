import type { Db } from '@/db';
import { listOrganizationChoices } from '@/db/queries/organizations';
import { listOrganizationNames, listVisibleOrganizations, organizationExists } from '@/db/queries/inventory/organizations';
import { upsertVendorOrganizations } from '@/db/queries/inventory/snapshots';
import {
  getVendorOrganizationRow,
  listVendorOrganizationRows,
  listUnmatchedVendorOrganizations,
  moveSnapshots,
  rebuildVendorCounts,
  remapSnapshots,
  writeProposals,
  writeVendorOrganizationMapping,
} from '@/db/queries/inventory/vendor-organizations';
import { insertOrganization } from '@/lib/admin';
import { recordAudit } from '@/lib/core/audit';
import { actorLabel, authorize } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError, conflict, isUniqueViolation } from '@/lib/core/errors';
import { ninjaOneSource } from '@/lib/vendors/ninjaone/source';
import { threatLockerSource } from '@/lib/vendors/threatlocker/source';
import { vendorOrganizationDto } from './dto';
import { planOrganizationsForUnmatched, type BulkMappingPlan } from './model/bulk-mapping';
import { proposeOrganization } from './model/org-matching';
import { VENDORS } from './vendors';

// The mapping from each vendor's client organisations to ours. Collectors
// record every vendor organisation they meet with a proposal from the names;
// a superuser confirms or changes it, and only confirmed mappings place
// devices (and their exceptions) in a tenant. The cross-vendor checks do not
// wait for this (see org-identity.ts); the mapping only refines them.

export async function listVendorOrganizations(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:operate');
  return { vendor_organizations: (await listVendorOrganizationRows(ctx.db)).map(vendorOrganizationDto) };
}

/** Our organisations a vendor organisation can be mapped to, by name. */
export async function mappingChoices(ctx: RequestContext): Promise<{ id: number; name: string }[]> {
  authorize(ctx.actor, 'inventory:operate');
  return (await listVisibleOrganizations(ctx.db, { organizationId: null })).map(({ id, name }) => ({ id, name }));
}

/** Confirms a vendor organisation as one of ours, or (null) as none of ours. */
export async function setVendorOrganizationMapping(ctx: RequestContext, id: number, organizationId: number | null) {
  authorize(ctx.actor, 'inventory:operate');
  const result = await ctx.db.transaction().execute(async (trx) => {
    const before = await getVendorOrganizationRow(trx, id);
    if (!before) throw new AppError('not_found', 'Vendor organisation not found');
    if (organizationId !== null) {
      if (!(await organizationExists(trx, organizationId))) throw new AppError('validation_failed', 'Request is not valid', [{ path: 'organization_id', code: 'custom', message: 'No such organisation' }]);
    }
    const after = await writeVendorOrganizationMapping(trx, id, organizationId, actorLabel(ctx.actor));
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
  return { vendor_organization: vendorOrganizationDto(row), snapshots_updated: result.remapped };
}

export async function confirmVendorOrganizationProposal(ctx: RequestContext, id: number) {
  authorize(ctx.actor, 'inventory:operate');
  const row = await getVendorOrganizationRow(ctx.db, id);
  if (!row) throw new AppError('not_found', 'Vendor organisation not found');
  if (row.proposed_organization_id === null) throw new AppError('conflict', 'There is no proposal to confirm; choose an organisation instead');
  return setVendorOrganizationMapping(ctx, id, row.proposed_organization_id);
}

/** What the one-click set-up would do now, for the mappings page. */
export async function previewOrganizationsForUnmatched(ctx: RequestContext): Promise<BulkMappingPlan> {
  authorize(ctx.actor, 'inventory:operate');
  const unmatched = await listUnmatchedVendorOrganizations(ctx.db, VENDORS.ninja.id);
  return planOrganizationsForUnmatched(unmatched, await listOrganizationChoices(ctx.db, { organizationId: null }));
}

/**
 * The one-click set-up: an organisation of ours for every NinjaOne
 * organisation that matches none of ours, with those mappings confirmed, in
 * one transaction. Each organisation and mapping is audited as if made by
 * hand; NinjaOne organisations close to one of ours are left for review, and
 * confirmed or ignored ones are never touched, so a second call does nothing.
 * Organisations still awaiting review (ThreatLocker's above all) get fresh
 * proposals, so the new organisations can be confirmed there with one click.
 */
export async function createOrganizationsForUnmatched(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:operate');
  authorize(ctx.actor, 'organization:create');
  const vendorId = VENDORS.ninja.id;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const unmatched = await listUnmatchedVendorOrganizations(trx, vendorId, { lock: true });
      const plan = planOrganizationsForUnmatched(unmatched, await listOrganizationChoices(trx, { organizationId: null }));
      const byId = new Map(unmatched.map((row) => [row.id, row]));
      const created: { id: number; name: string; vendor_organization_ids: number[] }[] = [];
      let snapshotsUpdated = 0;
      for (const planned of plan.create) {
        const org = await insertOrganization(trx, ctx, { name: planned.name });
        created.push({ id: org.id, name: org.name, vendor_organization_ids: planned.vendorOrganizationIds });
        for (const id of planned.vendorOrganizationIds) {
          const before = byId.get(id)!;
          const after = await writeVendorOrganizationMapping(trx, id, org.id, actorLabel(ctx.actor));
          const moved = await moveSnapshots(trx, vendorId, before.vendor_org_id, org.id);
          snapshotsUpdated += moved;
          await recordAudit(trx, ctx, {
            action: 'inventory.vendor_organization.map',
            entityType: 'vendor_organization',
            entityId: id,
            organizationId: org.id,
            before: { organization_id: before.organization_id, status: before.status },
            after: { organization_id: after.organization_id, status: after.status },
            data: { vendor_id: vendorId, vendor_org_id: before.vendor_org_id, snapshots_updated: moved, created_organization: true },
          });
        }
      }
      if (created.length > 0) {
        // Counts once for the whole batch, not once per organisation.
        await rebuildVendorCounts(trx, vendorId);
        // The new organisations are proposals for the ThreatLocker side now, not at the next collection.
        const ours = await listOrganizationChoices(trx, { organizationId: null });
        const pending = [...(await listUnmatchedVendorOrganizations(trx, VENDORS.threatlocker.id)), ...(await listUnmatchedVendorOrganizations(trx, vendorId))];
        await writeProposals(
          trx,
          pending.map((row) => {
            const proposal = proposeOrganization(row.name, ours);
            return { id: row.id, organizationId: proposal?.organizationId ?? null, score: proposal?.score ?? null };
          }),
        );
      }
      return {
        created,
        confirmed: created.reduce((n, c) => n + c.vendor_organization_ids.length, 0),
        skipped: plan.skipped.map((s) => ({ id: s.id, vendor_org_name: s.name, reason: s.reason, closest_organization: s.closest ?? null })),
        snapshots_updated: snapshotsUpdated,
      };
    });
  } catch (error) {
    // Someone created an organisation of the same name meanwhile: nothing was written; try again.
    if (isUniqueViolation(error)) throw conflict('An organisation was created meanwhile under one of these names; reload and try again');
    throw error;
  }
}

/** Asks both vendors for their organisations and records them with proposals. */
export async function syncVendorOrganizations(db: Db): Promise<{ ninja: number; threatlocker: number }> {
  const ours = await listOrganizationNames(db);
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
