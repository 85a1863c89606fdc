import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectionKey, decryptToken, encryptToken } from './token-store';

describe('QuickBooks token encryption', () => {
  const key = new Uint8Array(crypto.randomBytes(32));

  it('round-trips with a fresh IV each time and never holds the plaintext', () => {
    const a = encryptToken('AB11-refresh-token', key);
    const b = encryptToken('AB11-refresh-token', key);
    expect(a).not.toBe(b);
    expect(a).not.toContain('AB11');
    expect(a.startsWith('v1.')).toBe(true);
    expect(decryptToken(a, key)).toBe('AB11-refresh-token');
  });

  it('refuses a tampered ciphertext or another key (GCM authentication)', () => {
    const stored = encryptToken('secret', key);
    const parts = stored.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(() => decryptToken([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), key)).toThrow();
    expect(() => decryptToken(stored, new Uint8Array(crypto.randomBytes(32)))).toThrow();
    expect(() => decryptToken('plain-token', key)).toThrow(/unknown format/);
  });

  it('names a connection without revealing its settings', () => {
    const k = connectionKey('https://quickbooks.api.intuit.com', '123', 'client');
    expect(k).toMatch(/^quickbooks:[0-9a-f]{24}$/);
    expect(k).not.toBe(connectionKey('https://quickbooks.api.intuit.com', '124', 'client'));
  });
});
