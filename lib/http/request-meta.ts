import crypto from 'node:crypto';
import { env } from '@/lib/core/env';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's request id when it is sane (so traces join up), else a new one. */
export function requestIdOf(headers: Headers): string {
  const given = headers.get('x-request-id');
  return given && SANE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * The client address. The server (scripts/serve.ts) overwrites
 * x-msp-client-ip with the socket's address, so it cannot be spoofed;
 * X-Forwarded-For is believed only behind a trusted proxy (TRUST_PROXY=1).
 */
export function clientIpOf(headers: Headers): string | null {
  if (env().TRUST_PROXY) {
    const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
  }
  return headers.get('x-msp-client-ip')?.slice(0, 64) ?? null;
}
