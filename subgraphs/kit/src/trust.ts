import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomUUID,
  sign,
  verify,
} from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Identity } from './identity.ts';

/**
 * Trust between processes: every request to a center carries one token, an Ed25519-signed JWS
 * (compact form, `alg: EdDSA`), made by the calling service for that request alone. It names the
 * caller (`iss`) and the end user it acts for (`sub`, `scopes`), the one center it is for (`aud`),
 * a hash of the method and exact body (`bh`), a life of at most 30 s (`iat`, `exp`) and a unique
 * `jti`, so a captured token is worth nothing with another body, at another center, later, or twice.
 * Each service holds its own private key; centers hold the public keys of the services they trust.
 */
export const TOKEN_HEADER = 'x-zhongtai-token';

/** The longest life a center accepts (`exp - iat`); the signer's default. */
export const MAX_TOKEN_LIFE_SECONDS = 30;
/** How far in the future `iat` may be: clocks of different machines differ a little, never by more. */
export const CLOCK_SKEW_SECONDS = 5;
/**
 * Token ids remembered per generation (two are kept); beyond it a center refuses new tokens rather
 * than forget ones still alive. At 30 s lives that is over 5,000 requests a second to one center.
 */
const REPLAY_GENERATION_CAPACITY = 200_000;

// Development keys are marked, so that production can refuse them (config.ts).
const DEV_PREFIX = 'dev:';

/** A service's own signing key. */
export interface ServiceKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Made by `npm start` on this machine, never fit for production. */
  dev: boolean;
}

/** A public key a center accepts, and the one service whose key it is. */
export interface TrustedKey {
  service: string;
  publicKey: KeyObject;
  dev: boolean;
}

/** Trusted public keys by key id: a service may have several (the current one and the previous). */
export type TrustedKeys = ReadonlyMap<string, TrustedKey>;

const rawPublicKey = (publicKey: KeyObject) =>
  Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');

/** A key's id: derived from the public key, so no one has to keep the two in step. */
const keyIdOf = (publicKey: KeyObject) =>
  createHash('sha256').update(rawPublicKey(publicKey)).digest('base64url').slice(0, 16);

function unmarked(text: string): { dev: boolean; value: string } {
  const trimmed = text.trim();
  return trimmed.startsWith(DEV_PREFIX)
    ? { dev: true, value: trimmed.slice(DEV_PREFIX.length) }
    : { dev: false, value: trimmed };
}

/** A private Ed25519 key from PEM (PKCS#8) or the base64 of its DER; throws on anything else. */
export function parseServiceKey(text: string): ServiceKey {
  const { dev, value } = unmarked(text);
  const privateKey = value.startsWith('-----BEGIN')
    ? createPrivateKey(value)
    : createPrivateKey({ key: Buffer.from(value, 'base64'), format: 'der', type: 'pkcs8' });
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the key is not an Ed25519 private key');
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey, dev };
}

/** The text form of a private key, as SERVICE_KEY takes it. */
export function serviceKeyText(key: ServiceKey): string {
  const der = key.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  return `${key.dev ? DEV_PREFIX : ''}${der}`;
}

/** The text form of a public key, as TRUSTED_KEYS takes it: `service=<base64url of the 32 bytes>`. */
export function trustedKeyText(service: string, key: Pick<ServiceKey, 'publicKey' | 'dev'>): string {
  return `${service}=${key.dev ? DEV_PREFIX : ''}${rawPublicKey(key.publicKey).toString('base64url')}`;
}

/**
 * `TRUSTED_KEYS=router=<key>,router=<previous key>,orders=<key>,...`: the public keys a center
 * accepts and whose they are. Throws with the entry at fault.
 */
export function parseTrustedKeys(text: string): TrustedKeys {
  const keys = new Map<string, TrustedKey>();
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const at = entry.indexOf('=');
    const service = entry.slice(0, at).trim();
    const { dev, value } = unmarked(entry.slice(at + 1));
    const raw = Buffer.from(value, 'base64url');
    if (at < 1 || !/^[a-z][a-z0-9-]*$/.test(service) || raw.length !== 32) {
      throw new Error(`"${entry.trim()}" is not of the form service=<base64url Ed25519 public key>`);
    }
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: value }, format: 'jwk' });
    keys.set(keyIdOf(publicKey), { service, publicKey, dev });
  }
  return keys;
}

export function generateServiceKey(dev = false): ServiceKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { keyId: keyIdOf(publicKey), privateKey, publicKey, dev };
}

/** Trusted keys from services' own keys (tests, development). */
export function trustKeys(keys: Readonly<Record<string, ServiceKey | readonly ServiceKey[]>>): TrustedKeys {
  const trusted = new Map<string, TrustedKey>();
  for (const [service, own] of Object.entries(keys)) {
    for (const key of Array.isArray(own) ? own : [own as ServiceKey]) {
      trusted.set(key.keyId, { service, publicKey: key.publicKey, dev: key.dev });
    }
  }
  return trusted;
}

const bodyHash = (method: string, body: string) =>
  createHash('sha256').update(`${method.toUpperCase()}\n`).update(body).digest('base64url');

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface SignOptions {
  /** The end user the call is for (anonymous: no `sub`). */
  identity: Pick<Identity, 'userId' | 'scopes'>;
  /** The name of the center the request goes to. */
  audience: string;
  method: string;
  /** The exact body sent (for GET, the query string). */
  body: string;
}

export interface RequestSigner {
  readonly service: string;
  /** The headers to add to one request: a new token each time (a retry signs again). */
  sign(options: SignOptions): Record<string, string>;
}

/**
 * Signs each outgoing request of `service` with its key. Synchronous and cheap (an Ed25519 signature
 * and a SHA-256 of the body): the router calls it for every subgraph fetch.
 */
export function createRequestSigner(options: {
  service: string;
  key: ServiceKey;
  lifeSeconds?: number;
  now?: () => number;
}): RequestSigner {
  const { service, key } = options;
  const life = Math.min(options.lifeSeconds ?? MAX_TOKEN_LIFE_SECONDS, MAX_TOKEN_LIFE_SECONDS);
  const now = options.now ?? Date.now;
  const header = base64url({ alg: 'EdDSA', typ: 'JWT', kid: key.keyId });
  return {
    service,
    sign({ identity, audience, method, body }) {
      const iat = Math.floor(now() / 1000);
      const payload = base64url({
        iss: service,
        ...(identity.userId !== null ? { sub: identity.userId } : {}),
        scopes: identity.scopes,
        aud: audience,
        iat,
        exp: iat + life,
        bh: bodyHash(method, body),
        jti: randomUUID(),
      });
      const input = `${header}.${payload}`;
      const signature = sign(null, Buffer.from(input), key.privateKey).toString('base64url');
      return { [TOKEN_HEADER]: `${input}.${signature}` };
    },
  };
}

/**
 * Token ids seen while they can still be valid, in two generations swapped every `spanSeconds`: an
 * id stays at least that long, and memory is bounded by what arrives in two spans.
 */
class ReplayGuard {
  private current = new Set<string>();
  private previous = new Set<string>();
  private swappedAt: number;

  constructor(
    private readonly spanSeconds: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.swappedAt = now;
  }

  /** Records the id; false when it was seen already, or when there is no room to remember it. */
  firstSighting(jti: string, now: number): boolean {
    if (now - this.swappedAt >= this.spanSeconds) {
      // Two spans with nothing new: both generations are past remembering.
      this.previous = now - this.swappedAt >= 2 * this.spanSeconds ? new Set() : this.current;
      this.current = new Set();
      this.swappedAt = now;
    }
    if (this.current.has(jti) || this.previous.has(jti)) return false;
    if (this.current.size >= this.capacity) return false;
    this.current.add(jti);
    return true;
  }
}

export type IdentityCheck = { ok: true; identity: Identity } | { ok: false; reason: string };

export interface RequestToCheck {
  method: string;
  headers: { get(name: string): string | undefined | null };
  /** The exact body received (for GET, the query string). */
  body: string;
}

export interface RequestVerifier {
  verify(request: RequestToCheck): IdentityCheck;
}

interface Claims {
  iss?: unknown;
  sub?: unknown;
  scopes?: unknown;
  aud?: unknown;
  iat?: unknown;
  exp?: unknown;
  bh?: unknown;
  jti?: unknown;
}

const refused = (reason: string): IdentityCheck => ({ ok: false, reason });

/** Checks the tokens of requests to the center `audience`, each accepted once. */
export function createRequestVerifier(options: {
  audience: string;
  trustedKeys: TrustedKeys;
  now?: () => number;
  replayCapacity?: number;
}): RequestVerifier {
  const { audience, trustedKeys } = options;
  // Read at each check (not bound once), so a test that moves the clock moves it here too.
  const clock = options.now ?? (() => Date.now());
  const replays = new ReplayGuard(
    MAX_TOKEN_LIFE_SECONDS + CLOCK_SKEW_SECONDS,
    options.replayCapacity ?? REPLAY_GENERATION_CAPACITY,
    Math.floor(clock() / 1000),
  );
  return {
    verify({ method, headers, body }) {
      const token = headers.get(TOKEN_HEADER);
      if (!token) return refused('no token');
      const [headerPart, payloadPart, signaturePart, ...rest] = token.split('.');
      if (!headerPart || !payloadPart || !signaturePart || rest.length > 0) return refused('malformed token');
      let header: { alg?: unknown; kid?: unknown };
      let claims: Claims;
      try {
        header = JSON.parse(Buffer.from(headerPart, 'base64url').toString('utf8'));
        claims = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
      } catch {
        return refused('malformed token');
      }
      // Only EdDSA: a token "signed" with a shared secret (HS256) or none is never looked at further.
      if (header?.alg !== 'EdDSA' || typeof header.kid !== 'string') return refused('unsupported token');
      const key = trustedKeys.get(header.kid);
      if (!key) return refused('unknown signing key');
      const input = Buffer.from(`${headerPart}.${payloadPart}`);
      if (!verify(null, input, key.publicKey, Buffer.from(signaturePart, 'base64url'))) {
        return refused('bad signature');
      }
      if (claims?.iss !== key.service) return refused('issuer does not own the signing key');
      if (claims.aud !== audience) return refused('token is for another service');
      const now = Math.floor(clock() / 1000);
      const { iat, exp, jti } = claims;
      if (typeof iat !== 'number' || typeof exp !== 'number' || !(exp > iat))
        return refused('malformed token');
      if (exp - iat > MAX_TOKEN_LIFE_SECONDS) return refused('token lives too long');
      if (iat > now + CLOCK_SKEW_SECONDS) return refused('token is dated in the future');
      if (now >= exp) return refused('token expired');
      if (claims.bh !== bodyHash(method, body)) return refused('token is for another request body');
      if (typeof jti !== 'string' || jti.length === 0 || jti.length > 64) return refused('malformed token');
      if (!replays.firstSighting(jti, now)) return refused('token already used');
      return {
        ok: true,
        identity: {
          userId: typeof claims.sub === 'string' ? claims.sub : null,
          scopes: Array.isArray(claims.scopes) ? claims.scopes.filter((s) => typeof s === 'string') : [],
          service: key.service,
        },
      };
    },
  };
}

/**
 * Where `npm start` keeps this machine's development keys: in node_modules/.cache of the install
 * (never in the repository), or `dir`.
 */
export function devKeyDir(dir?: string): string {
  if (dir) return dir;
  const here = createRequire(import.meta.url).resolve('pino');
  const modules = here.slice(0, here.lastIndexOf('/node_modules/') + '/node_modules'.length);
  return join(modules, '.cache', 'zhongtai', 'keys');
}

/**
 * The development key of `service` on this machine, made the first time it is asked for. Several
 * processes may ask at once: the file is written aside and linked into place, so one key wins.
 */
export function devServiceKey(service: string, dir = devKeyDir()): ServiceKey {
  if (!/^[a-z][a-z0-9-]*$/.test(service)) throw new Error(`"${service}" is not a service name`);
  const file = join(dir, `${service}.key`);
  try {
    return parseServiceKey(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const aside = `${file}.${process.pid}.${randomUUID()}`;
  writeFileSync(aside, serviceKeyText(generateServiceKey(true)), { mode: 0o600 });
  try {
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(aside, { force: true });
  }
  return parseServiceKey(readFileSync(file, 'utf8'));
}
