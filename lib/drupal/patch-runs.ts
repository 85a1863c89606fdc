import { z } from 'zod';
import {
  findSiteModuleIds,
  insertPatchRun,
  latestPatchRunDate,
  listKnownReleases,
  listPatchRuns,
  listVersionChanges,
  type PatchRunFilters,
} from '@/db/queries/drupal/patch-runs';
import { recordAudit } from '@/lib/core/audit';
import type { Db } from '@/db';
import { actorLabel, type Actor } from '@/lib/auth/policy';
import type { RequestContext } from '@/lib/core/context';
import { AppError } from '@/lib/core/errors';
import type { Pagination } from '@/lib/http/pagination';
import { patchRunDtosOf } from './dto';
import { isSecurityUpdate, lagSeconds } from './model/patch-math';
import { requireSite } from './sites';
import { normalizeVersion, toLegacyVersion } from './model/versions';

// A patch run records which modules a maintenance cycle moved from which
// version to which. Items are given explicitly, or taken from the version
// changes the site's reports showed since its previous patch run.

const version = z
  .string()
  .trim()
  .max(128)
  .transform((value, ctx) => {
    const normalized = normalizeVersion(value);
    if (normalized === null) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a Drupal version` });
      return z.NEVER;
    }
    return normalized;
  });

export const patchRunCreateSchema = z.strictObject({
  run_date: z.iso.datetime({ offset: true }).optional(),
  notes: z.string().trim().max(2000).nullish(),
  items: z
    .array(
      z.strictObject({
        project: z.string().regex(/^[a-z0-9_]{1,128}$/),
        from_version: version.nullish(),
        to_version: version,
        applied_at: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .max(2000)
    .optional(),
});

export async function listPatchRunsFor(ctx: RequestContext, siteId: number, filters: PatchRunFilters, page: Pagination) {
  await requireSite(ctx, siteId, 'site:read');
  const { total, ...rows } = await listPatchRuns(ctx.db, siteId, filters, page);
  return { rows: patchRunDtosOf(rows), total };
}

type PlannedItem = { module_id: number; from_version: string | null; to_version: string; applied_at: Date };
type Origin = { actor: Actor | null; requestId: string | null; ip: string | null };

export async function recordPatchRun(ctx: RequestContext, siteId: number, input: z.infer<typeof patchRunCreateSchema>) {
  const site = await requireSite(ctx, siteId, 'site:report');
  return createPatchRun(ctx.db, ctx, site, input);
}

/** Records a patch run for a site the caller was already allowed to report on (or the system). */
export async function createPatchRun(
  db: Db,
  origin: Origin,
  site: { id: number; organization_id: number },
  input: z.infer<typeof patchRunCreateSchema>,
) {
  const siteId = site.id;
  const runDate = input.run_date ? new Date(input.run_date) : new Date();
  let planned: PlannedItem[];
  let source: 'manual' | 'history';
  if (input.items) {
    source = 'manual';
    const ids = await findSiteModuleIds(db, siteId, [...new Set(input.items.map((i) => i.project))]);
    const unknown = input.items.filter((i) => !ids.has(i.project));
    if (unknown.length > 0) {
      throw new AppError(
        'validation_failed',
        'Patch-run items name projects this site has never reported',
        unknown.map((i) => ({ path: 'items.project', code: 'unknown_project', message: `${i.project} is not a module of this site` })),
      );
    }
    planned = input.items.map((i) => ({
      module_id: ids.get(i.project)!,
      from_version: i.from_version ?? null,
      to_version: i.to_version,
      applied_at: i.applied_at ? new Date(i.applied_at) : runDate,
    }));
  } else {
    source = 'history';
    const since = await latestPatchRunDate(db, siteId);
    const changes = await listVersionChanges(db, siteId, since, runDate);
    planned = changes.map((c) => ({ module_id: c.module_id, from_version: c.previous_version, to_version: c.version!, applied_at: c.first_seen }));
  }

  const releases = await listKnownReleases(db, [...new Set(planned.map((p) => p.module_id))]);
  const items = planned.map((p) => {
    const known = releases.filter((r) => r.module_id === p.module_id);
    const target =
      known.find((r) => r.version_number === p.to_version) ?? known.find((r) => r.version_number === toLegacyVersion(p.to_version));
    const releaseDate = target?.release_date ?? null;
    return {
      ...p,
      release_date: releaseDate,
      lag_seconds: lagSeconds(releaseDate, p.applied_at),
      is_security: isSecurityUpdate(
        p.from_version,
        p.to_version,
        known.map((r) => ({ version: r.version_number, isSecurity: r.is_security_release })),
      ),
    };
  });

  const runId = await db.transaction().execute(async (trx) => {
    const id = await insertPatchRun(
      trx,
      { site_id: siteId, run_date: runDate, notes: input.notes ?? null, source, created_by: origin.actor ? actorLabel(origin.actor) : 'system' },
      items,
    );
    await recordAudit(trx, origin, {
      action: 'patch_run.create',
      entityType: 'patch_run',
      entityId: id,
      organizationId: site.organization_id,
      siteId,
      after: { run_date: runDate.toISOString(), source, items: items.length },
    });
    return id;
  });
  const stored = await listPatchRuns(db, siteId, { from: runDate, to: new Date(runDate.getTime() + 1) }, { page: 1, per_page: 100 });
  return patchRunDtosOf(stored).find((r) => r.id === runId)!;
}
