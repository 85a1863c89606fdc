import { sql } from 'kysely';
import type { Db } from '@/db';
import { randomToken, sha256 } from './secret';
import type { Actor } from './policy';

// API keys: `msp_<prefix>_<secret>`. The prefix identifies a key in lists
// and logs; only a SHA-256 of the whole key is stored (keys carry 256 bits of
// randomness, so a slow hash adds nothing).

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomToken(6).replace(/[-_]/g, 'x').slice(0, 8);
  const key = `msp_${prefix}_${randomToken(32)}`;
  return { key, prefix, hash: sha256(key) };
}

const KEY_SHAPE = /^msp_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;

/** The actor for a presented key, or null when it is unknown, revoked or orphaned. */
export async function loadApiKeyActor(db: Db, presented: string): Promise<Actor | null> {
  if (!KEY_SHAPE.test(presented)) return null;
  const row = await db
    .selectFrom('api_keys')
    .innerJoin('organizations', 'organizations.id', 'api_keys.organization_id')
    .leftJoin('sites', 'sites.id', 'api_keys.site_id')
    .select([
      'api_keys.id',
      'api_keys.name',
      'api_keys.organization_id',
      'api_keys.role',
      'api_keys.site_id',
      'api_keys.last_used_at',
      'sites.is_deleted as site_deleted',
    ])
    .where('api_keys.key_hash', '=', sha256(presented))
    .where('api_keys.revoked_at', 'is', null)
    .where('organizations.is_deleted', '=', false)
    .where('organizations.is_active', '=', true)
    .executeTakeFirst();
  if (!row || row.site_deleted === true) return null;
  // Recorded at most once a minute: a busy key must not turn every read into a write.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    kind: 'api_key',
    apiKeyId: row.id,
    organizationId: row.organization_id,
    role: row.role,
    siteId: row.site_id,
    name: row.name,
  };
}
