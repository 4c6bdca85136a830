import { SignJWT } from 'jose';

export const TOKEN_ISSUER = 'zhongtai';

/** A JWT the router verifies: `sub` is the user id, `scope` the space-separated scopes. */
export async function issueToken(
  userId: string,
  settings: { secret: string; ttl: string },
  scopes: string[] = [],
): Promise<string> {
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt()
    .setExpirationTime(settings.ttl)
    .sign(new TextEncoder().encode(settings.secret));
}
