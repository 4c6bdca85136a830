import { ANONYMOUS, type Identity } from '@zhongtai/subgraph-kit';
import { GraphQLError } from 'graphql';
import {
  type CryptoKey,
  createRemoteJWKSet,
  decodeProtectedHeader,
  importSPKI,
  type JWTPayload,
  type JWTVerifyGetKey,
  errors as joseErrors,
  jwtVerify,
} from 'jose';

/** The issuer the users center puts in every token it signs. */
export const TOKEN_ISSUER = 'zhongtai';

export type Authenticator = (authorization: string | null | undefined) => Promise<Identity>;

function unauthenticated(message: string): GraphQLError {
  const headers = new Map([['www-authenticate', 'Bearer error="invalid_token"']]);
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers } },
  });
}

/** Where the router finds the keys that verify client tokens. */
export interface AuthenticatorOptions {
  /** HS256: the secret the users center signs its tokens with. Always accepted. */
  jwtSecret: string;
  /** RS256: a PEM public key (SPKI, `-----BEGIN PUBLIC KEY-----`). */
  publicKey?: string | undefined;
  /** RS256: a JWKS endpoint; keys are fetched on demand, cached, and refetched for an unknown `kid`. */
  jwksUrl?: string | undefined;
  /** The `iss` an RS256 token must carry; HS256 tokens always carry the users center's. */
  issuer?: string | undefined;
  /** The `aud` an RS256 token must carry, if any. */
  audience?: string | undefined;
}

/** The asymmetric algorithm accepted next to HS256. */
export const ASYMMETRIC_ALGORITHMS = ['RS256'];

/** JWKS endpoint trouble is ours, not the client's: it must not read as a bad token (and log users out). */
const isKeySourceFailure = (error: unknown) =>
  error instanceof joseErrors.JWKSTimeout ||
  error instanceof joseErrors.JWKSInvalid ||
  !(error instanceof joseErrors.JOSEError);

/** Accepts a PEM as given or with its newlines escaped as `\n`, as environment variables often carry it. */
function pem(text: string): string {
  return text.includes('\\n') ? text.replaceAll('\\n', '\n') : text;
}

/**
 * Verifies the client's bearer token, once, at the edge; subgraphs only ever see the resulting
 * identity, signed by the router. No header means anonymous; a header that does not verify is refused
 * outright rather than downgraded to anonymous, so a client never mistakes an expired session for a
 * public page.
 *
 * HS256 tokens (the users center's) verify with the shared secret; RS256 tokens, when a public key or
 * a JWKS URL is configured, with that. The token's own `alg` header only chooses which of our keys to
 * try: each key accepts only its own algorithm, so a token cannot pick a weaker path.
 */
export function createAuthenticator(options: AuthenticatorOptions | string): Authenticator {
  const { jwtSecret, publicKey, jwksUrl, issuer, audience } =
    typeof options === 'string' ? ({ jwtSecret: options } as AuthenticatorOptions) : options;
  const secret = new TextEncoder().encode(jwtSecret);
  let asymmetricKey: JWTVerifyGetKey | Promise<CryptoKey> | undefined;
  if (jwksUrl) asymmetricKey = createRemoteJWKSet(new URL(jwksUrl));
  else if (publicKey) asymmetricKey = importSPKI(pem(publicKey), 'RS256');
  // A bad PEM is a configuration error: reported at the first request, and logged, not unhandled.
  if (asymmetricKey instanceof Promise) asymmetricKey.catch(() => {});

  const verify = async (token: string): Promise<JWTPayload> => {
    let alg: unknown;
    try {
      ({ alg } = decodeProtectedHeader(token));
    } catch {
      throw unauthenticated('The bearer token is not valid.');
    }
    if (alg === 'HS256') {
      return (await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER })).payload;
    }
    if (asymmetricKey === undefined || !ASYMMETRIC_ALGORITHMS.includes(String(alg))) {
      throw unauthenticated('The bearer token is not valid.');
    }
    const verifyOptions = {
      algorithms: ASYMMETRIC_ALGORITHMS,
      issuer: issuer ?? TOKEN_ISSUER,
      ...(audience ? { audience } : {}),
    };
    if (typeof asymmetricKey === 'function') {
      return (await jwtVerify(token, asymmetricKey, verifyOptions)).payload;
    }
    let key: CryptoKey;
    try {
      key = await asymmetricKey;
    } catch (error) {
      throw new Error('JWT_PUBLIC_KEY is not a valid PEM public key', { cause: error });
    }
    return (await jwtVerify(token, key, verifyOptions)).payload;
  };

  return async (authorization) => {
    if (authorization === undefined || authorization === null || authorization.trim() === '')
      return ANONYMOUS;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
    let payload: JWTPayload;
    try {
      payload = await verify(match[1]!);
    } catch (error) {
      if (error instanceof GraphQLError) throw error;
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated('The session has expired; sign in again.');
      if (isKeySourceFailure(error)) throw error;
      throw unauthenticated('The bearer token is not valid.');
    }
    const { sub, scope } = payload;
    if (typeof sub !== 'string' || sub === '') throw unauthenticated('The bearer token names no user.');
    if (scope !== undefined && typeof scope !== 'string')
      throw unauthenticated('The bearer token is not valid.');
    return { userId: sub, scopes: scope ? scope.split(/\s+/).filter(Boolean) : [] };
  };
}
