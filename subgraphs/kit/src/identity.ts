import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Who is calling, as the router established it. Centers never see the client's token: the router
 * verifies it once and forwards this identity in headers signed with the shared gateway secret.
 */
export interface Identity {
  userId: string | null;
  scopes: string[];
}

export const ANONYMOUS: Identity = Object.freeze({ userId: null, scopes: [] }) as Identity;

export const IDENTITY_HEADER = 'x-zhongtai-identity';
export const SIGNATURE_HEADER = 'x-zhongtai-signature';

// A signed identity is valid for this long, which bounds the replay of a captured header pair.
const MAX_AGE_SECONDS = 300;

interface Claims {
  sub: string | null;
  scopes: string[];
  iat: number;
}

const hmac = (secret: string, value: string) =>
  createHmac('sha256', secret).update(value).digest('base64url');

export function signIdentity(identity: Identity, secret: string, now = Date.now()): Record<string, string> {
  const claims: Claims = { sub: identity.userId, scopes: identity.scopes, iat: Math.floor(now / 1000) };
  const value = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return { [IDENTITY_HEADER]: value, [SIGNATURE_HEADER]: hmac(secret, value) };
}

export type IdentityCheck = { ok: true; identity: Identity } | { ok: false; reason: string };

/** Checks the signed identity headers of an incoming request. */
export function verifyIdentity(
  headers: { get(name: string): string | undefined | null },
  secret: string,
  now = Date.now(),
): IdentityCheck {
  const value = headers.get(IDENTITY_HEADER);
  const signature = headers.get(SIGNATURE_HEADER);
  if (!value || !signature) return { ok: false, reason: 'missing signed identity' };
  const expected = Buffer.from(hmac(secret, value));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad identity signature' };
  }
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Claims;
  } catch {
    return { ok: false, reason: 'malformed identity' };
  }
  const age = Math.floor(now / 1000) - claims.iat;
  if (!Number.isFinite(age) || age > MAX_AGE_SECONDS || age < -MAX_AGE_SECONDS) {
    return { ok: false, reason: 'expired identity' };
  }
  return {
    ok: true,
    identity: {
      userId: typeof claims.sub === 'string' ? claims.sub : null,
      scopes: Array.isArray(claims.scopes) ? claims.scopes.filter((s) => typeof s === 'string') : [],
    },
  };
}
