import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateServiceKey, serviceKeyText } from '@zhongtai/subgraph-kit';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadRouterConfig } from '../src/config.ts';
import { bearer, type Stack, startStack, tokenFor } from './support.ts';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

const rs256Token = (privateKey: KeyPair['privateKey'], userId: string, kid?: string, issuer = 'zhongtai') =>
  new SignJWT({ scope: 'orders:read' })
    .setProtectedHeader({ alg: 'RS256', ...(kid ? { kid } : {}) })
    .setSubject(userId)
    .setIssuedAt()
    .setIssuer(issuer)
    .setExpirationTime('5m')
    .sign(privateKey);

const ME = { query: '{ me { id } }' };

let ours: KeyPair;
let theirs: KeyPair;
beforeAll(async () => {
  [ours, theirs] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
  ]);
});

describe('RS256 with JWT_PUBLIC_KEY', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ JWT_PUBLIC_KEY: await exportSPKI(ours.publicKey) });
  });
  afterAll(() => stack.stop());

  test('a token signed with the matching private key is accepted, its identity forwarded', async () => {
    const { body } = await stack.graphql(ME, bearer(await rs256Token(ours.privateKey, 'u7')));
    expect(body).toEqual({ data: { me: { id: 'u7' } } });
    expect(stack.accounts.seen.at(-1)?.identity).toEqual({
      userId: 'u7',
      scopes: ['orders:read'],
      service: 'router',
    });
  });

  test('a token signed with another key is refused with UNAUTHENTICATED', async () => {
    const { status, body } = await stack.graphql(ME, bearer(await rs256Token(theirs.privateKey, 'u7')));
    expect(status).toBe(401);
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  test('a token from another issuer is refused', async () => {
    const token = await rs256Token(ours.privateKey, 'u7', undefined, 'someone-else');
    expect((await stack.graphql(ME, bearer(token))).status).toBe(401);
  });

  test('HS256 tokens of the users center still work beside it', async () => {
    const { body } = await stack.graphql(ME, bearer(await tokenFor('u1')));
    expect(body).toEqual({ data: { me: { id: 'u1' } } });
  });

  test('a PEM with escaped newlines, as environment variables carry it, is accepted', async () => {
    const escaped = (await exportSPKI(ours.publicKey)).replaceAll('\n', '\\n');
    const other = await startStack({ JWT_PUBLIC_KEY: escaped });
    try {
      const { body } = await other.graphql(ME, bearer(await rs256Token(ours.privateKey, 'u8')));
      expect(body).toEqual({ data: { me: { id: 'u8' } } });
    } finally {
      await other.stop();
    }
  });
});

describe('RS256 with JWKS_URL', () => {
  let stack: Stack;
  let jwks: ReturnType<typeof createServer>;
  let fetches = 0;
  beforeAll(async () => {
    const jwk = { ...(await exportJWK(ours.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    stack = await startStack({ JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` });
  });
  afterAll(async () => {
    await stack.stop();
    await new Promise((resolve) => jwks.close(resolve));
  });

  test('a token whose key is in the JWKS is accepted, and the key set is cached', async () => {
    for (const user of ['u1', 'u2']) {
      const { body } = await stack.graphql(ME, bearer(await rs256Token(ours.privateKey, user, 'key-1')));
      expect(body).toEqual({ data: { me: { id: user } } });
    }
    expect(fetches).toBe(1);
  });

  test('a token signed with a key not in the JWKS is refused with UNAUTHENTICATED', async () => {
    for (const kid of ['key-1', 'key-2']) {
      const { status, body } = await stack.graphql(
        ME,
        bearer(await rs256Token(theirs.privateKey, 'u1', kid)),
      );
      expect(status).toBe(401);
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
  });
});

describe('key configuration', () => {
  test('JWT_PUBLIC_KEY must be a PEM, JWKS_URL a URL, and not both', () => {
    expect(() => loadRouterConfig({ JWT_PUBLIC_KEY: 'not a key' })).toThrow(/JWT_PUBLIC_KEY/);
    expect(() => loadRouterConfig({ JWKS_URL: 'not a url' })).toThrow(/JWKS_URL/);
    expect(() =>
      loadRouterConfig({
        JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
        JWKS_URL: 'https://id.example.com/jwks.json',
      }),
    ).toThrow(/not both/);
  });

  test('a production JWKS_URL must be https', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-real-jwt-secret-for-production',
      SERVICE_KEY: serviceKeyText(generateServiceKey()),
    };
    expect(() => loadRouterConfig({ ...production, JWKS_URL: 'http://id.example.com/jwks.json' })).toThrow(
      /JWKS_URL must be https/,
    );
    expect(loadRouterConfig({ ...production, JWKS_URL: 'https://id.example.com/jwks.json' }).JWKS_URL).toBe(
      'https://id.example.com/jwks.json',
    );
  });
});
