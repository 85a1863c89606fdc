import { sql } from 'kysely';
import type { Db } from '@/db';

// The QuickBooks connection's rotating refresh token, encrypted at rest.

export async function readVendorToken(db: Db, connection: string) {
  return db.selectFrom('qbr_vendor_tokens').select(['seed_hash', 'encrypted_token', 'rotated_at']).where('connection', '=', connection).executeTakeFirst();
}

/** One statement, so a rotated token is either wholly stored or not at all. */
export async function writeVendorToken(db: Db, connection: string, seedHash: string, encryptedToken: string): Promise<void> {
  await db
    .insertInto('qbr_vendor_tokens')
    .values({ connection, seed_hash: seedHash, encrypted_token: encryptedToken })
    .onConflict((oc) => oc.column('connection').doUpdateSet({ seed_hash: seedHash, encrypted_token: encryptedToken, rotated_at: sql`now()` }))
    .execute();
}
