import type { Transaction } from 'kysely';
import { z } from 'zod';
import { findOrganization, listOrganizations, type OrganizationFilters } from '@/db/queries/admin';
import type { DB } from '@/db/types';
import { recordAudit } from '@/lib/core/audit';
import { authorize, isSuperuser, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError, conflict, isUniqueViolation, notFound } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';

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

export async function listOrganizationsFor(ctx: RequestContext, filters: OrganizationFilters, page: Pagination) {
  authorize(ctx.actor, 'organization:read');
  if (filters.include_deleted && !isSuperuser(ctx.actor)) filters = { ...filters, include_deleted: false };
  return listOrganizations(ctx.db, scopeOf(ctx.actor), filters, page);
}

export async function getOrganization(ctx: RequestContext, id: number) {
  const org = await findOrganization(ctx.db, scopeOf(ctx.actor), id);
  if (!org) throw notFound('Organisation');
  authorize(ctx.actor, 'organization:read', { organizationId: id }, 'Organisation');
  return org;
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
export async function insertOrganization(trx: Transaction<DB>, ctx: RequestContext, input: z.infer<typeof organizationCreateSchema>) {
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  const row = await trx
    .insertInto('organizations')
    .values({ name: input.name, tax_id: input.tax_id ?? null, created_by: by, updated_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  const org = (await findOrganization(trx, { organizationId: null }, row.id))!;
  await trx
    .insertInto('organization_revisions')
    .values({ organization_id: org.id, created_by: by, modified_by: by, snapshot: JSON.stringify(org) })
    .execute();
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
  const before = await findOrganization(ctx.db, scopeOf(ctx.actor), id);
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
      await trx
        .updateTable('organizations')
        .set({ ...input, updated_at: new Date(), updated_by: by })
        .where('id', '=', id)
        .execute();
      const after = (await findOrganization(trx, { organizationId: null }, id))!;
      await trx
        .insertInto('organization_revisions')
        .values({ organization_id: id, created_by: before.created_by, modified_by: by, snapshot: JSON.stringify(after) })
        .execute();
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
  const before = await findOrganization(ctx.db, scopeOf(ctx.actor), id);
  if (!before) throw notFound('Organisation');
  authorize(ctx.actor, 'organization:delete', { organizationId: id }, 'Organisation');
  if (before.is_home) throw new AppError('conflict', 'The home organisation cannot be deleted');
  const now = new Date();
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('organizations')
      .set({ is_deleted: true, is_active: false, deleted_at: now, updated_at: now, updated_by: by })
      .where('id', '=', id)
      .execute();
    const users = await trx
      .updateTable('users')
      .set({ is_active: false, updated_at: now })
      .where('organization_id', '=', id)
      .where('is_active', '=', true)
      .returning('id')
      .execute();
    await trx
      .updateTable('auth_sessions')
      .set({ revoked_at: now, revoked_reason: 'organization_deleted' })
      .where('revoked_at', 'is', null)
      .where('user_id', 'in', (eb) => eb.selectFrom('users').select('users.id').where('users.organization_id', '=', id))
      .execute();
    const sites = await trx
      .updateTable('sites')
      .set({ is_active: false, updated_at: now })
      .where('organization_id', '=', id)
      .where('is_active', '=', true)
      .returning('id')
      .execute();
    const keys = await trx
      .updateTable('api_keys')
      .set({ revoked_at: now, revoked_by: by })
      .where('organization_id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .execute();
    const after = (await findOrganization(trx, { organizationId: null }, id, { includeDeleted: true }))!;
    await trx
      .insertInto('organization_revisions')
      .values({ organization_id: id, created_by: before.created_by, modified_by: by, snapshot: JSON.stringify(after) })
      .execute();
    const cascade = { users_deactivated: users.length, sites_deactivated: sites.length, api_keys_revoked: keys.length };
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
