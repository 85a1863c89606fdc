import { z } from 'zod';
import type { Db } from '@/db';
import { listOrganizationChoices } from '@/db/queries/organizations';
import {
  countSiteApiKeys,
  findLiveOrganization,
  findSite,
  findSiteOwner,
  insertSite,
  listSites,
  revokeSiteApiKeys,
  updateSiteRow,
  type SiteFilters,
  type SiteScope,
} from '@/db/queries/drupal/sites';
import { recordAudit } from '@/lib/core/audit';
import { authorize, scopeOf, type Action, type Actor } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError, conflict, isUniqueViolation, notFound } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';
import { siteDtoOf, type SiteDto } from './dto';
import { normalizeSiteUrl } from './model/site-url';

const siteUrl = z
  .string()
  .max(2048)
  .transform((value, ctx) => {
    const result = normalizeSiteUrl(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.url;
  });

export const siteCreateSchema = z.strictObject({
  url: siteUrl,
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).nullish(),
  organization_id: z.number().int().positive().optional(),
});

export const siteUpdateSchema = z
  .strictObject({
    url: siteUrl.optional(),
    name: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(2000).nullable().optional(),
    is_active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'Send at least one field to change');

const duplicateUrl = (url: string) => conflict(`A site with the URL ${url} is already registered`, { field: 'url' });

/** The caller's view of sites: its organisation, and only its site for a site-bound key. */
export function siteScopeOf(actor: Actor): SiteScope {
  return { ...scopeOf(actor), siteId: actor.kind === 'api_key' ? actor.siteId : null };
}

/**
 * Loads a live site the caller may see and checks the action on it. Another
 * tenant's site, or one outside a site-bound key, is "not found".
 */
export async function requireSite(ctx: RequestContext, siteId: number, action: Action) {
  const site = await findSiteOwner(ctx.db, siteId);
  if (!site) throw notFound('Site');
  authorize(ctx.actor, action, { organizationId: site.organization_id, siteId: site.id }, 'Site');
  return site;
}

export async function listSitesFor(ctx: RequestContext, filters: SiteFilters, page: Pagination) {
  authorize(ctx.actor, 'site:read');
  const { rows, total } = await listSites(ctx.db, siteScopeOf(ctx.actor), filters, page);
  return { rows: rows.map(siteDtoOf), total };
}

async function siteDto(db: Db, scope: SiteScope, id: number, opts: { includeDeleted?: boolean } = {}): Promise<SiteDto | undefined> {
  const row = await findSite(db, scope, id, opts);
  return row ? siteDtoOf(row) : undefined;
}

export async function getSite(ctx: RequestContext, id: number) {
  await requireSite(ctx, id, 'site:read');
  const site = await siteDto(ctx.db, siteScopeOf(ctx.actor), id);
  if (!site) throw notFound('Site');
  return site;
}

/** Live organisations the caller sees, to pick one for a site or filter sites by. */
export async function listSiteOrganizationsFor(ctx: RequestContext) {
  authorize(ctx.actor, 'site:read');
  return listOrganizationChoices(ctx.db, scopeOf(ctx.actor));
}

/** How many live API keys a site reports with. */
export async function countSiteApiKeysFor(ctx: RequestContext, siteId: number) {
  await requireSite(ctx, siteId, 'site:read');
  return countSiteApiKeys(ctx.db, siteId);
}

export async function createSite(ctx: RequestContext, input: z.infer<typeof siteCreateSchema>) {
  const organizationId = input.organization_id ?? ctx.actor.organizationId;
  authorize(ctx.actor, 'site:create', { organizationId }, 'Organisation');
  const org = await findLiveOrganization(ctx.db, organizationId);
  if (!org) throw notFound('Organisation');
  if (ctx.actor.kind === 'api_key' && ctx.actor.siteId !== null) {
    throw new AppError('forbidden', 'A key bound to one site cannot register sites');
  }
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const id = await insertSite(trx, {
        url: input.url,
        name: input.name,
        description: input.description ?? null,
        organization_id: organizationId,
        created_by: by,
        updated_by: by,
      });
      const site = (await siteDto(trx, { organizationId: null }, id))!;
      await recordAudit(trx, ctx, {
        action: 'site.create',
        entityType: 'site',
        entityId: site.id,
        organizationId,
        siteId: site.id,
        after: site,
      });
      return site;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateUrl(input.url);
    throw error;
  }
}

export async function updateSite(ctx: RequestContext, id: number, input: z.infer<typeof siteUpdateSchema>) {
  await requireSite(ctx, id, 'site:update');
  const before = (await siteDto(ctx.db, { organizationId: null }, id))!;
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      await updateSiteRow(trx, id, { ...input, updated_at: new Date(), updated_by: by });
      const after = (await siteDto(trx, { organizationId: null }, id))!;
      await recordAudit(trx, ctx, {
        action: 'site.update',
        entityType: 'site',
        entityId: id,
        organizationId: after.organization_id,
        siteId: id,
        before,
        after,
      });
      return after;
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.url) throw duplicateUrl(input.url);
    throw error;
  }
}

/** Soft-deletes a site and revokes the API keys bound to it; its URL becomes free again. */
export async function deleteSite(ctx: RequestContext, id: number) {
  await requireSite(ctx, id, 'site:delete');
  const before = (await siteDto(ctx.db, { organizationId: null }, id))!;
  const now = new Date();
  const by = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  return ctx.db.transaction().execute(async (trx) => {
    await updateSiteRow(trx, id, { is_deleted: true, is_active: false, deleted_at: now, updated_at: now, updated_by: by });
    const revoked = await revokeSiteApiKeys(trx, id, by, now);
    const after = (await siteDto(trx, { organizationId: null }, id, { includeDeleted: true }))!;
    await recordAudit(trx, ctx, {
      action: 'site.delete',
      entityType: 'site',
      entityId: id,
      organizationId: before.organization_id,
      siteId: id,
      before,
      after,
      data: { api_keys_revoked: revoked },
    });
    return { ...after, api_keys_revoked: revoked };
  });
}
