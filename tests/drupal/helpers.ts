import { generateApiKey } from '@/lib/auth/api-keys';
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
