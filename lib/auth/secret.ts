import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { env } from '@/lib/core/env';

// AUTH_SECRET signs every token. In embedded mode without one, a secret is
// generated once and kept in DATA_DIR so that sessions survive restarts.
let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  const e = env();
  if (e.AUTH_SECRET) return (cached = e.AUTH_SECRET);
  if (!e.isEmbedded && e.NODE_ENV === 'production') {
    throw new Error('AUTH_SECRET is required when DATABASE_URL is set');
  }
  const file = path.join(e.dataDir, 'auth-secret');
  try {
    cached = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(e.dataDir, { recursive: true });
    const generated = crypto.randomBytes(48).toString('base64url');
    try {
      fs.writeFileSync(file, generated, { mode: 0o600, flag: 'wx' });
      cached = generated;
    } catch {
      // Another process won the race: use its secret.
      cached = fs.readFileSync(file, 'utf8').trim();
    }
  }
  return cached;
}

/** A key for one purpose, derived from AUTH_SECRET, so purposes never share a key. */
export function derivedKey(purpose: string): Uint8Array {
  return new Uint8Array(crypto.hkdfSync('sha256', authSecret(), 'msp-ops-hub', purpose, 32));
}

export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
