import { z } from 'zod';
import { findApiKey, findLiveSite, findOrganization, listApiKeys } from '@/db/queries/admin';
import { recordAudit } from '@/lib/core/audit';
import { generateApiKey } from '@/lib/auth/api-keys';
import { authorize, canGrantRole, scopeOf } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError, notFound } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';

export const apiKeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  organization_id: z.number().int().positive(),
  role: z.enum(['org_admin', 'developer', 'viewer']),
  site_id: z.number().int().positive().nullish(),
});

export async function listApiKeysFor(
  ctx: RequestContext,
  filters: { include_revoked?: boolean; organization_id?: number; site_id?: number },
  page: Pagination,
) {
  authorize(ctx.actor, 'api_key:read');
  return listApiKeys(ctx.db, scopeOf(ctx.actor), filters, page);
}

/** Creates a key and returns it with its secret, which is never shown again. */
export async function createApiKey(ctx: RequestContext, input: z.infer<typeof apiKeyCreateSchema>) {
  authorize(ctx.actor, 'api_key:create', { organizationId: input.organization_id }, 'Organisation');
  if (!canGrantRole(ctx.actor, input.role)) throw new AppError('forbidden', `You cannot create keys with role ${input.role}`);
  const scope = scopeOf(ctx.actor);
  if (!(await findOrganization(ctx.db, scope, input.organization_id))) throw notFound('Organisation');
  if (input.site_id) {
    const site = await findLiveSite(ctx.db, scope, input.site_id);
    if (!site || site.organization_id !== input.organization_id) throw notFound('Site');
  }
  const secret = generateApiKey();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('api_keys')
      .values({
        name: input.name,
        prefix: secret.prefix,
        key_hash: secret.hash,
        organization_id: input.organization_id,
        role: input.role,
        site_id: input.site_id ?? null,
        created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const key = (await findApiKey(trx, { organizationId: null }, row.id))!;
    await recordAudit(trx, ctx, {
      action: 'api_key.create',
      entityType: 'api_key',
      entityId: key.id,
      organizationId: key.organization_id,
      siteId: key.site_id,
      after: key,
    });
    return { ...key, key: secret.key };
  });
}

export async function revokeApiKey(ctx: RequestContext, id: number) {
  const before = await findApiKey(ctx.db, scopeOf(ctx.actor), id);
  if (!before) throw notFound('API key');
  authorize(ctx.actor, 'api_key:revoke', { organizationId: before.organization_id }, 'API key');
  if (before.is_revoked) return before;
  return ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: new Date(), revoked_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null })
      .where('id', '=', id)
      .execute();
    const after = (await findApiKey(trx, { organizationId: null }, id))!;
    await recordAudit(trx, ctx, {
      action: 'api_key.revoke',
      entityType: 'api_key',
      entityId: id,
      organizationId: after.organization_id,
      siteId: after.site_id,
      before,
      after,
    });
    return after;
  });
}
