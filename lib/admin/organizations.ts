import { z } from 'zod';
import type { Db } from '@/db';
import {
  findOrganization,
  insertOrganization as insertOrganizationRow,
  insertOrganizationRevision,
  listOrganizations,
  softDeleteOrganizationCascade,
  updateOrganizationRow,
  type OrganizationFilters,
} from '@/db/queries/admin/organizations';
import { listOrganizationChoices } from '@/db/queries/organizations';
import { recordAudit } from '@/lib/core/audit';
import { authorize, isSuperuser, scopeOf, type Scope } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError, conflict, isUniqueViolation, notFound } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';
import { toOrganizationDto, type OrganizationChoice, type OrganizationDto } from './dto';

export const organizationCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  tax_id: z.string().trim().max(64).nullish(),
});

export const organizationUpdateSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).optional(),
    tax_id: z.string().trim().max(64).nullable().optional(),
    is_active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change');

const duplicateName = (name: string) => conflict(`An organisation named "${name}" already exists`, { field: 'name' });

/** An organisation as the admin slice shows it (within scope; deleted ones only when asked). */
export async function findOrganizationDto(db: Db, scope: Scope, id: number, opts: { includeDeleted?: boolean } = {}) {
  const row = await findOrganization(db, scope, id, opts);
  return row ? toOrganizationDto(row) : undefined;
}

export async function listOrganizationsFor(ctx: RequestContext, filters: OrganizationFilters, page: Pagination) {
  authorize(ctx.actor, 'organization:read');
  if (filters.include_deleted && !isSuperuser(ctx.actor)) filters = { ...filters, include_deleted: false };
  const { rows, total } = await listOrganizations(ctx.db, scopeOf(ctx.actor), filters, page);
  return { rows: rows.map(toOrganizationDto), total };
}

/** Live organisations the caller may pick (its own, or every one for superusers). */
export async function listOrganizationChoicesFor(ctx: RequestContext): Promise<OrganizationChoice[]> {
  authorize(ctx.actor, 'organization:read');
  return listOrganizationChoices(ctx.db, scopeOf(ctx.actor));
}

export async function getOrganization(ctx: RequestContext, id: number) {
  const org = await findOrganizationDto(ctx.db, scopeOf(ctx.actor), id);
  if (!org) throw notFound('Organisation');
  authorize(ctx.actor, 'organization:read', { organizationId: id }, 'Organisation');
  return org;
}

/** The caller's own organisation (every caller may see its own). */
export async function getOwnOrganization(ctx: RequestContext): Promise<OrganizationDto | undefined> {
  return findOrganizationDto(ctx.db, { organizationId: null }, ctx.actor.organizationId);
}

export async function createOrganization(ctx: RequestContext, input: z.infer<typeof organizationCreateSchema>) {
  authorize(ctx.actor, 'organization:create');
  try {
    return await ctx.db.transaction().execute((trx) => insertOrganization(trx, ctx, input));
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(input.name);
    throw error;
  }
}

/**
 * Creates an organisation with its first revision and audit entry, inside the
 * caller's transaction. The caller has authorised 'organization:create'.
 */
export async function insertOrganization(trx: Db, ctx: RequestContext, input: z.infer<typeof organizationCreateSchema>) {
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const id = await insertOrganizationRow(trx, { name: input.name, tax_id: input.tax_id ?? null, created_by: by });
  const org = (await findOrganizationDto(trx, { organizationId: null }, id))!;
  await insertOrganizationRevision(trx, { organization_id: org.id, created_by: by, modified_by: by, snapshot: org });
  await recordAudit(trx, ctx, {
    action: 'organization.create',
    entityType: 'organization',
    entityId: org.id,
    organizationId: org.id,
    after: org,
  });
  return org;
}

export async function updateOrganization(ctx: RequestContext, id: number, input: z.infer<typeof organizationUpdateSchema>) {
  const before = await findOrganizationDto(ctx.db, scopeOf(ctx.actor), id);
  if (!before) throw notFound('Organisation');
  authorize(ctx.actor, 'organization:update', { organizationId: id }, 'Organisation');
  if (input.is_active !== undefined && !isSuperuser(ctx.actor)) {
    throw new AppError('forbidden', 'Only superusers can activate or deactivate organisations');
  }
  if (before.is_home && input.is_active === false) {
    throw new AppError('conflict', 'The home organisation cannot be deactivated');
  }
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await updateOrganizationRow(trx, id, { ...input, updated_at: new Date(), updated_by: by });
      const after = (await findOrganizationDto(trx, { organizationId: null }, id))!;
      await insertOrganizationRevision(trx, { organization_id: id, created_by: before.created_by, modified_by: by, snapshot: after });
      await recordAudit(trx, ctx, {
        action: 'organization.update',
        entityType: 'organization',
        entityId: id,
        organizationId: id,
        before,
        after,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name) throw duplicateName(input.name);
    throw error;
  }
}

/**
 * Soft-deletes an organisation and, in the same transaction, deactivates its
 * users, sites and API keys and ends its users' sessions.
 */
export async function deleteOrganization(ctx: RequestContext, id: number) {
  const before = await findOrganizationDto(ctx.db, scopeOf(ctx.actor), id);
  if (!before) throw notFound('Organisation');
  authorize(ctx.actor, 'organization:delete', { organizationId: id }, 'Organisation');
  if (before.is_home) throw new AppError('conflict', 'The home organisation cannot be deleted');
  const now = new Date();
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    const counts = await softDeleteOrganizationCascade(trx, id, by, now);
    const after = (await findOrganizationDto(trx, { organizationId: null }, id, { includeDeleted: true }))!;
    await insertOrganizationRevision(trx, { organization_id: id, created_by: before.created_by, modified_by: by, snapshot: after });
    const cascade = { users_deactivated: counts.users, sites_deactivated: counts.sites, api_keys_revoked: counts.apiKeys };
    await recordAudit(trx, ctx, {
      action: 'organization.delete',
      entityType: 'organization',
      entityId: id,
      organizationId: id,
      before,
      after,
      data: cascade,
    });
    return { ...after, ...cascade };
  });
}
