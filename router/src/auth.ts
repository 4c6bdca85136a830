import { ANONYMOUS, type Identity } from '@zhongtai/subgraph-kit';
import { GraphQLError } from 'graphql';
import { errors as joseErrors, jwtVerify } from 'jose';

/** The issuer the users center puts in every token it signs. */
export const TOKEN_ISSUER = 'zhongtai';

export type Authenticator = (authorization: string | null | undefined) => Promise<Identity>;

function unauthenticated(message: string): GraphQLError {
  const headers = new Map([['www-authenticate', 'Bearer error="invalid_token"']]);
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers } },
  });
}

/**
 * Verifies the client's bearer token, once, at the edge; subgraphs only ever see the resulting
 * identity, signed by the router. No header means anonymous; a header that does not verify is refused
 * outright rather than downgraded to anonymous, so a client never mistakes an expired session for a
 * public page.
 */
export function createAuthenticator(jwtSecret: string): Authenticator {
  const key = new TextEncoder().encode(jwtSecret);
  return async (authorization) => {
    if (authorization === undefined || authorization === null || authorization.trim() === '')
      return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
    try {
      ({ payload } = await jwtVerify(match[1]!, key, { algorithms: ['HS256'], issuer: TOKEN_ISSUER }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated('The session has expired; sign in again.');
      throw unauthenticated('The bearer token is not valid.');
    }
    const { sub, scope } = payload;
    if (typeof sub !== 'string' || sub === '') throw unauthenticated('The bearer token names no user.');
    if (scope !== undefined && typeof scope !== 'string')
      throw unauthenticated('The bearer token is not valid.');
    return { userId: sub, scopes: scope ? scope.split(/\s+/).filter(Boolean) : [] };
  };
}
