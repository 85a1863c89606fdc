import { listOrganizationDevices } from '@/db/queries/inventory/devices';
import { findVisibleOrganization, listVisibleOrganizations } from '@/db/queries/inventory/organizations';
import { monthEndDeviceCounts } from '@/db/queries/inventory/reports';
import { authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { deviceDto } from './dto';
import { VENDORS } from './vendors';
import { cachedInventoryRead } from './cached';

// The client pages: our organisations the caller may see, and each one's
// devices and month-end counts. Another tenant's organisation does not exist
// for the caller.

export async function visibleOrganizations(ctx: RequestContext) {
  authorize(ctx.actor, 'inventory:read');
  return listVisibleOrganizations(ctx.db, scopeOf(ctx.actor));
}

/** The organisation, or null when it does not exist or the caller may not see it. */
export async function visibleOrganization(ctx: RequestContext, id: number): Promise<{ id: number; name: string; is_home: boolean } | null> {
  authorize(ctx.actor, 'inventory:read');
  const row = await findVisibleOrganization(ctx.db, scopeOf(ctx.actor), id);
  return row ? { id: Number(row.id), name: row.name, is_home: row.is_home } : null;
}

/** The organisation's devices in each vendor's latest snapshot, a page at a time, optionally filtered by name. */
export async function organizationDevices(ctx: RequestContext, organizationId: number, page: { limit: number; offset: number; text?: string }) {
  authorize(ctx.actor, 'inventory:read');
  return cachedInventoryRead(ctx, 'organization-devices', [organizationId, page], async () => {
    const result = await listOrganizationDevices(ctx.db, scopeOf(ctx.actor), organizationId, [VENDORS.ninja.id, VENDORS.threatlocker.id], page);
    return { ...result, devices: result.devices.map(deviceDto) };
  });
}

/** Month-end device counts per vendor, oldest first. */
export async function monthEndCounts(ctx: RequestContext, organizationId: number | null) {
  authorize(ctx.actor, 'inventory:read');
  return cachedInventoryRead(ctx, 'month-end-counts', [organizationId], () => monthEndDeviceCounts(ctx.db, scopeOf(ctx.actor), organizationId));
}
