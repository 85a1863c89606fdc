import { z } from 'zod';
import type { Db } from '@/db';
import { findApiKey, findLiveSite, insertApiKey, listApiKeys, listSiteChoices, markApiKeyRevoked, type ApiKeyFilters } from '@/db/queries/admin/api-keys';
import { recordAudit } from '@/lib/core/audit';
import { generateApiKey } from '@/lib/auth/api-keys';
import { authorize, canGrantRole, scopeOf, type Scope } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError, notFound } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';
import { toApiKeyDto, type SiteChoice } from './dto';
import { findOrganizationDto } from './organizations';

export const apiKeyCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  organization_id: z.number().int().positive(),
  role: z.enum(['org_admin', 'developer', 'viewer']),
  site_id: z.number().int().positive().nullish(),
});

async function findApiKeyDto(db: Db, scope: Scope, id: number) {
  const row = await findApiKey(db, scope, id);
  return row ? toApiKeyDto(row) : undefined;
}

export async function listApiKeysFor(ctx: RequestContext, filters: ApiKeyFilters, page: Pagination) {
  authorize(ctx.actor, 'api_key:read');
  const { rows, total } = await listApiKeys(ctx.db, scopeOf(ctx.actor), filters, page);
  return { rows: rows.map(toApiKeyDto), total };
}

/** Sites the caller may bind a new key to. */
export async function listKeySiteChoicesFor(ctx: RequestContext): Promise<SiteChoice[]> {
  authorize(ctx.actor, 'api_key:read');
  return listSiteChoices(ctx.db, scopeOf(ctx.actor));
}

/** Creates a key and returns it with its secret, which is never shown again. */
export async function createApiKey(ctx: RequestContext, input: z.infer<typeof apiKeyCreateSchema>) {
  authorize(ctx.actor, 'api_key:create', { organizationId: input.organization_id }, 'Organisation');
  if (!canGrantRole(ctx.actor, input.role)) throw new AppError('forbidden', `You cannot create keys with role ${input.role}`);
  const scope = scopeOf(ctx.actor);
  if (!(await findOrganizationDto(ctx.db, scope, input.organization_id))) throw notFound('Organisation');
  if (input.site_id) {
    const site = await findLiveSite(ctx.db, scope, input.site_id);
    if (!site || site.organization_id !== input.organization_id) throw notFound('Site');
  }
  const secret = generateApiKey();
  return ctx.db.transaction().execute(async (trx) => {
    const id = await insertApiKey(trx, {
      name: input.name,
      prefix: secret.prefix,
      key_hash: secret.hash,
      organization_id: input.organization_id,
      role: input.role,
      site_id: input.site_id ?? null,
      created_by: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    });
    const key = (await findApiKeyDto(trx, { organizationId: null }, id))!;
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
  const before = await findApiKeyDto(ctx.db, scopeOf(ctx.actor), id);
  if (!before) throw notFound('API key');
  authorize(ctx.actor, 'api_key:revoke', { organizationId: before.organization_id }, 'API key');
  if (before.is_revoked) return before;
  return ctx.db.transaction().execute(async (trx) => {
    await markApiKeyRevoked(trx, id, ctx.actor.kind === 'user' ? ctx.actor.userId : null);
    const after = (await findApiKeyDto(trx, { organizationId: null }, id))!;
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
