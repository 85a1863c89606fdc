import type { Db } from '@/db';
import { findApiKeyByHash, recordApiKeyUse } from '@/db/queries/auth/api-keys';
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
  const row = await findApiKeyByHash(db, sha256(presented));
  if (!row || row.site_deleted === true) return null;
  // Recorded at most once a minute: a busy key must not turn every read into a write.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await recordApiKeyUse(db, row.id);
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
