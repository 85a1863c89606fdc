import crypto from 'node:crypto';
import type { Db } from '@/db';
import { readVendorToken, writeVendorToken } from '@/db/queries/qbr/vendor-tokens';
import { derivedKey, sha256 } from '@/lib/auth/secret';

// QuickBooks refresh tokens rotate, and a spent one is refused for good, so
// the newest must survive restarts: it is kept in the database, encrypted
// with AES-256-GCM under a key derived from AUTH_SECRET. A connection starts
// from the configured QUICKBOOKS_REFRESH_TOKEN; when an operator sets a new
// one (after reconnecting the app), it replaces the stored chain.

const VERSION = 'v1';
const PURPOSE = 'quickbooks-token';

export function encryptToken(token: string, key: Uint8Array = derivedKey(PURPOSE)): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function decryptToken(stored: string, key: Uint8Array = derivedKey(PURPOSE)): string {
  const [version, iv, tag, body] = stored.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('The stored QuickBooks token has an unknown format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export type TokenStore = {
  /** The refresh token to start with: the stored newest one, or the configured one. */
  load(): Promise<string>;
  /** Stores a rotated token (one atomic upsert); the client awaits it before using the new access token. */
  save(token: string): Promise<void>;
};

/** A store for one QuickBooks connection (realm and app), seeded by the configured token. */
export function quickBooksTokenStore(db: Db, connection: string, configuredToken: string): TokenStore {
  const seedHash = sha256(configuredToken);
  return {
    async load() {
      const row = await readVendorToken(db, connection);
      if (!row || row.seed_hash !== seedHash) return configuredToken;
      try {
        return decryptToken(row.encrypted_token);
      } catch {
        // AUTH_SECRET changed or the row is damaged: the configured token is all we have.
        return configuredToken;
      }
    },
    save: (token) => writeVendorToken(db, connection, seedHash, encryptToken(token)),
  };
}

/** Identifies a connection without naming secrets: the API host, realm and app. */
export function connectionKey(baseUrl: string, realmId: string, clientId: string): string {
  return `quickbooks:${sha256(`${baseUrl}|${realmId}|${clientId}`).slice(0, 24)}`;
}
