import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import {
  createRequestSigner,
  createRequestVerifier,
  generateServiceKey,
  parseServiceKey,
  parseTrustedKeys,
  serviceKeyText,
  TOKEN_HEADER,
  trustedKeyText,
  trustKeys,
} from '../src/trust.ts';

const headersOf = (record: Record<string, string>) => ({ get: (name: string) => record[name] ?? null });
const router = generateServiceKey();
const fresh = generateServiceKey();
const body = JSON.stringify({ query: '{ me { id } }' });
const user = { userId: 'u1', scopes: ['orders:read'] };

function setup(now = () => Date.now(), replayCapacity?: number) {
  const signer = createRequestSigner({ service: 'router', key: router, now });
  const verifier = createRequestVerifier({
    audience: 'orders',
    trustedKeys: trustKeys({ router, fresh }),
    now,
    ...(replayCapacity ? { replayCapacity } : {}),
  });
  const check = (headers: Record<string, string>, sentBody = body, method = 'POST') =>
    verifier.verify({ method, headers: headersOf(headers), body: sentBody });
  return { signer, check };
}

describe('per-request tokens', () => {
  test('a token verifies once for its audience and body, naming the service and the user', () => {
    const { signer, check } = setup();
    const headers = signer.sign({ identity: user, audience: 'orders', method: 'POST', body });
    expect(check(headers)).toEqual({
      ok: true,
      identity: { userId: 'u1', scopes: ['orders:read'], service: 'router' },
    });
    expect(check(headers)).toEqual({ ok: false, reason: 'token already used' });
  });

  test('another body, another method, another audience or a tampered payload is refused', () => {
    const { signer, check } = setup();
    const sign = () => signer.sign({ identity: user, audience: 'orders', method: 'POST', body });
    expect(check(sign(), '{"query":"{ orders { id } }"}').ok).toBe(false);
    expect(check(sign(), body, 'GET').ok).toBe(false);
    const forFresh = signer.sign({ identity: user, audience: 'fresh', method: 'POST', body });
    expect(check(forFresh)).toEqual({ ok: false, reason: 'token is for another service' });
    const [h, p, s] = sign()[TOKEN_HEADER]!.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url');
    expect(check({ [TOKEN_HEADER]: `${h}.${forged}.${s}` })).toEqual({ ok: false, reason: 'bad signature' });
  });

  test('a token past its 30 s life, or dated beyond the clock skew in the future, is refused', () => {
    let now = Date.now();
    const { signer, check } = setup(() => now);
    const headers = signer.sign({ identity: user, audience: 'orders', method: 'POST', body });
    now += 30_000;
    expect(check(headers)).toEqual({ ok: false, reason: 'token expired' });
    const future = createRequestSigner({ service: 'router', key: router, now: () => now + 60_000 });
    expect(check(future.sign({ identity: user, audience: 'orders', method: 'POST', body }))).toEqual({
      ok: false,
      reason: 'token is dated in the future',
    });
    const slightlyAhead = createRequestSigner({ service: 'router', key: router, now: () => now + 3_000 });
    expect(check(slightlyAhead.sign({ identity: user, audience: 'orders', method: 'POST', body })).ok).toBe(
      true,
    );
  });

  test('a key claims only its own service, and an unknown key is refused', () => {
    const { check } = setup();
    const impostor = createRequestSigner({ service: 'router', key: fresh });
    expect(check(impostor.sign({ identity: user, audience: 'orders', method: 'POST', body }))).toEqual({
      ok: false,
      reason: 'issuer does not own the signing key',
    });
    const stranger = createRequestSigner({ service: 'router', key: generateServiceKey() });
    expect(check(stranger.sign({ identity: user, audience: 'orders', method: 'POST', body }))).toEqual({
      ok: false,
      reason: 'unknown signing key',
    });
  });

  test('an HS256 token made with a shared secret, and the old identity headers, are refused', () => {
    const { check } = setup();
    const secret = 'zhongtai-dev-gateway-secret-change-me';
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'HS256', kid: router.keyId })}.${part({ iss: 'router', aud: 'orders' })}`;
    const mac = createHmac('sha256', secret).update(input).digest('base64url');
    expect(check({ [TOKEN_HEADER]: `${input}.${mac}` })).toEqual({ ok: false, reason: 'unsupported token' });
    expect(check({ 'x-zhongtai-identity': part({ sub: 'u1' }), 'x-zhongtai-signature': mac })).toEqual({
      ok: false,
      reason: 'no token',
    });
  });

  test('when the replay memory is full, new tokens are refused rather than ids forgotten', () => {
    const { signer, check } = setup(Date.now, 2);
    const sign = () => signer.sign({ identity: user, audience: 'orders', method: 'POST', body });
    expect(check(sign()).ok).toBe(true);
    expect(check(sign()).ok).toBe(true);
    expect(check(sign())).toEqual({ ok: false, reason: 'token already used' });
  });

  test('ids are forgotten only after every token that could carry them has expired', () => {
    let now = Date.now();
    const { signer, check } = setup(() => now, 10);
    const first = signer.sign({ identity: user, audience: 'orders', method: 'POST', body });
    expect(check(first).ok).toBe(true);
    now += 29_000;
    expect(check(first).ok).toBe(false);
    for (let i = 0; i < 4; i++) {
      now += 20_000;
      expect(check(signer.sign({ identity: user, audience: 'orders', method: 'POST', body })).ok).toBe(true);
    }
  });
});

describe('keys', () => {
  test('keys round-trip through their text forms, and a center accepts current and previous keys', () => {
    const current = parseServiceKey(serviceKeyText(router));
    expect(current.keyId).toBe(router.keyId);
    const previous = generateServiceKey();
    const trusted = parseTrustedKeys(
      `${trustedKeyText('router', current)},${trustedKeyText('router', previous)}`,
    );
    const verifier = createRequestVerifier({ audience: 'orders', trustedKeys: trusted });
    for (const key of [current, previous]) {
      const signer = createRequestSigner({ service: 'router', key });
      const headers = signer.sign({ identity: user, audience: 'orders', method: 'POST', body });
      expect(verifier.verify({ method: 'POST', headers: headersOf(headers), body }).ok).toBe(true);
    }
  });

  test('development keys keep their mark through the text forms; malformed keys are refused', () => {
    const dev = generateServiceKey(true);
    expect(parseServiceKey(serviceKeyText(dev)).dev).toBe(true);
    expect([...parseTrustedKeys(trustedKeyText('router', dev)).values()][0]?.dev).toBe(true);
    expect(() => parseTrustedKeys('router=abc')).toThrow(/not of the form/);
    expect(() => parseServiceKey('not a key')).toThrow();
  });
});
