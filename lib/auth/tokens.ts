import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError } from '@/lib/core/errors';
import { derivedKey, randomToken, sha256 } from './secret';

// API access tokens: short-lived HS256 JWTs naming the user and the session
// (the refresh-token family). Verification pins the algorithm, issuer and
// audience; the session is checked against the database on every request,
// so logout and disabling a user take effect at once.

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
const ISSUER = 'msp-ops-hub';
const AUDIENCE = 'msp-ops-hub:api';

export async function signAccessToken(userId: number, sessionId: string): Promise<string> {
  return new SignJWT({ sid: sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${ACCESS_TOKEN_TTL_SECONDS}s`)
    .setJti(randomToken(12))
    .sign(derivedKey('api-access-token'));
}

export async function verifyAccessToken(token: string): Promise<{ userId: number; sessionId: string }> {
  try {
    const { payload } = await jwtVerify(token, derivedKey('api-access-token'), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      requiredClaims: ['sub', 'exp', 'sid'],
    });
    const userId = Number(payload.sub);
    if (!Number.isSafeInteger(userId) || typeof payload.sid !== 'string') throw new Error('bad claims');
    return { userId, sessionId: payload.sid };
  } catch (error) {
    const expired = error instanceof joseErrors.JWTExpired;
    throw new AppError('unauthorized', expired ? 'Access token has expired' : 'Access token is not valid');
  }
}

export function newRefreshToken(): { token: string; hash: string } {
  const token = `rt_${randomToken(32)}`;
  return { token, hash: sha256(token) };
}
