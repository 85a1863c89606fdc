import { generateApiKey } from '@/lib/auth/api-keys';
import { applyPendingReports } from '@/lib/drupal/apply-reports';
import type { Db } from '@/db';
import type { Role } from '@/db/types';

/** Inserts an API key directly and returns its secret, as the key endpoint would. */
export async function apiKeyFor(db: Db, input: { organizationId: number; role?: Exclude<Role, 'superuser'>; siteId?: number | null }) {
  const secret = generateApiKey();
  await db
    .insertInto('api_keys')
    .values({
      name: `test key ${secret.prefix}`,
      prefix: secret.prefix,
      key_hash: secret.hash,
      organization_id: input.organizationId,
      role: input.role ?? 'developer',
      site_id: input.siteId ?? null,
    })
    .execute();
  return secret.key;
}

type ReportedModule = { name: string; version: string | null; type?: string };

/** Stores a canonical module report for a site, as the agent endpoint would, and applies it. */
export async function reportModules(
  db: Db,
  input: { siteId: number; organizationId: number; modules: ReportedModule[]; receivedAt?: string },
) {
  const { modules } = input;
  await db
    .insertInto('module_reports')
    .values({
      site_id: input.siteId,
      organization_id: input.organizationId,
      format: 'canonical',
      payload: JSON.stringify({ modules }),
      payload_sha256: 'x',
      size_bytes: 1,
      entry_count: modules.length,
      received_by: 'test',
      ...(input.receivedAt ? { received_at: input.receivedAt } : {}),
    })
    .execute();
  return applyPendingReports(db, input.siteId);
}
