import { z } from 'zod';
import { devicesWithHostnameKey } from '@/db/queries/inventory/devices';
import { replaceSnapshotRow, latestSnapshotDate } from '@/db/queries/inventory/snapshots';
import { listExceptionRows } from '@/db/queries/inventory/exceptions';
import { recordAudit } from '@/lib/core/audit';
import { actorLabel, authorize, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { env } from '@/lib/core/env';
import { AppError } from '@/lib/core/errors';
import { isVendorError } from '@/lib/vendors/http/errors';
import type { ThreatLockerClient, ThreatLockerComputer } from '@/lib/vendors/threatlocker/client';
import { threatLockerSource } from '@/lib/vendors/threatlocker/source';
import { recheckHostnames } from './cross-vendor';
import { exceptionDto } from './dto';
import { getHostnameKey } from './model/hostname';
import { threatLockerSnapshotRow } from './snapshot-rows';
import { inventoryDate, VENDORS } from './vendors';

// Acting on one ThreatLocker computer: rename it (the usual fix for a
// DISPLAY_NAME_MISMATCH) or re-read it, then refresh its row in our latest
// snapshot and re-check that device, so the exception list follows at once.

const target = {
  computer_id: z.string().trim().min(1).max(100).optional(),
  hostname: z.string().trim().min(1).max(255).optional(),
};
const needsTarget = (v: { computer_id?: string; hostname?: string }) => Boolean(v.computer_id ?? v.hostname);

export const updateNameBodySchema = z
  .strictObject({
    ...target,
    new_name: z.string().trim().min(1).max(255),
    /** When given, the rename is refused (409) if ThreatLocker's current name differs. */
    old_name: z.string().trim().max(255).optional(),
    updated_by: z.string().trim().max(200).optional(),
  })
  .refine(needsTarget, { message: 'Give computer_id or hostname', path: ['computer_id'] });

export const syncBodySchema = z.strictObject(target).refine(needsTarget, { message: 'Give computer_id or hostname', path: ['computer_id'] });

async function clientFor(ctx: RequestContext): Promise<ThreatLockerClient> {
  const source = await threatLockerSource(ctx.db);
  if (!source.client) throw new AppError('service_unavailable', 'ThreatLocker is not configured', null, { 'Retry-After': '3600' });
  return source.client;
}

/** The computer id: given, or looked up by hostname in the latest ThreatLocker snapshot. */
async function resolveComputerId(ctx: RequestContext, input: { computer_id?: string; hostname?: string }): Promise<string> {
  if (input.computer_id) return input.computer_id.toLowerCase();
  const date = await latestSnapshotDate(ctx.db, VENDORS.threatlocker.id);
  const key = getHostnameKey(input.hostname);
  const rows = date ? await devicesWithHostnameKey(ctx.db, VENDORS.threatlocker.id, date, key) : [];
  if (rows.length === 0) throw new AppError('not_found', `No ThreatLocker computer named ${input.hostname}`);
  if (rows.length > 1) {
    throw new AppError('conflict', `${rows.length} ThreatLocker computers are named ${input.hostname}; give computer_id`, {
      computer_ids: rows.map((r) => r.vendor_device_key),
    });
  }
  return rows[0]!.vendor_device_key;
}

function vendorFailure(error: unknown): never {
  if (isVendorError(error)) {
    if (error.status === 404) throw new AppError('not_found', 'ThreatLocker does not know that computer');
    throw new AppError('service_unavailable', `ThreatLocker did not complete the request: ${error.message}`, { kind: error.kind }, { 'Retry-After': '60' });
  }
  throw error;
}

async function refresh(ctx: RequestContext, computer: ThreatLockerComputer) {
  const date = (await latestSnapshotDate(ctx.db, VENDORS.threatlocker.id)) ?? inventoryDate(new Date(), env().SCHEDULE_TZ);
  await replaceSnapshotRow(ctx.db, VENDORS.threatlocker.id, date, threatLockerSnapshotRow(computer, date));
  const hasNinja = await latestSnapshotDate(ctx.db, VENDORS.ninja.id);
  if (hasNinja) await recheckHostnames(ctx.db, [computer.hostname]);
  const { rows } = await listExceptionRows(ctx.db, scopeOf(ctx.actor), { hostname: getHostnameKey(computer.hostname), limit: 50, offset: 0 });
  return { date, exceptions: rows.map((r) => exceptionDto(r)) };
}

function deviceDto(computer: ThreatLockerComputer) {
  return {
    computer_id: computer.computerId,
    hostname: computer.hostname,
    computer_name: computer.computerName,
    organization: computer.organizationName,
    group: computer.group,
    mode: computer.mode,
    last_checkin: computer.lastCheckinAt,
    operating_system: computer.operatingSystem,
  };
}

export async function updateThreatLockerName(ctx: RequestContext, body: z.infer<typeof updateNameBodySchema>) {
  authorize(ctx.actor, 'inventory:operate');
  const computerId = await resolveComputerId(ctx, body);
  const client = await clientFor(ctx);
  const current = await client.getComputer(computerId).catch(vendorFailure);
  if (!current) throw new AppError('not_found', 'ThreatLocker does not know that computer');
  const oldName = current.computerName ?? current.hostname;
  if (body.old_name !== undefined && body.old_name !== oldName) {
    throw new AppError('conflict', 'The computer was renamed meanwhile; reload and try again', { current_name: oldName });
  }
  const updated = await client.updateComputerName(computerId, body.new_name).catch(vendorFailure);
  const { date, exceptions } = await refresh(ctx, updated);
  const by = actorLabel(ctx.actor);
  await ctx.db.transaction().execute((trx) =>
    recordAudit(trx, ctx, {
      action: 'inventory.threatlocker.rename',
      entityType: 'threatlocker_computer',
      entityId: computerId,
      before: { computer_name: oldName },
      after: { computer_name: updated.computerName },
      data: { hostname: updated.hostname, reported_by: body.updated_by ?? null },
    }),
  );
  return {
    success: true,
    message: `Renamed ${updated.hostname} in ThreatLocker to "${updated.computerName ?? body.new_name}" and refreshed the ${date} snapshot`,
    device: deviceDto(updated),
    threatlocker_update: { computer_id: computerId, old_name: oldName, new_name: updated.computerName ?? body.new_name },
    exceptions,
    updated_by: by,
    updated_at: new Date().toISOString(),
  };
}

export async function syncThreatLockerDevice(ctx: RequestContext, body: z.infer<typeof syncBodySchema>) {
  authorize(ctx.actor, 'inventory:operate');
  const computerId = await resolveComputerId(ctx, body);
  const client = await clientFor(ctx);
  const computer = await client.getComputer(computerId).catch(vendorFailure);
  if (!computer) throw new AppError('not_found', 'ThreatLocker does not know that computer');
  const { date, exceptions } = await refresh(ctx, computer);
  return {
    success: true,
    message: `Refreshed ${computer.hostname} from ThreatLocker into the ${date} snapshot`,
    device: deviceDto(computer),
    exceptions,
    updated_by: actorLabel(ctx.actor),
    updated_at: new Date().toISOString(),
  };
}
