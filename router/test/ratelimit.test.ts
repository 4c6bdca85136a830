import type { IncomingMessage } from 'node:http';
import { HeaderMap } from '@apollo/server';
import { ANONYMOUS, createLogger, type Logger } from '@zhongtai/subgraph-kit';
import { test as base, describe, expect, vi } from 'vitest';
import {
  createRateLimiter,
  MemoryRateLimitStore,
  RateLimiter,
  RedisRateLimitStore,
} from '../src/ratelimit.ts';
import { startRedis, type TestRedis } from './redis.ts';
import { bearer, stackTest, startStack, tokenFor } from './support.ts';

const test = stackTest(
  {
    RATE_LIMIT_PER_MINUTE: '3',
    CLIENT_RATE_LIMITS: JSON.stringify({ partner: 2, web: 5 }),
  },
  'test',
);

const ME = { query: '{ me { name } }' };
const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('token buckets in memory', () => {
  test('a bucket lets N requests through, refuses the N+1th with the wait for the next token, and refills', () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    const bucket = [{ key: 'user:u1', capacity: 3, perSecond: 1 }];
    expect([1, 2, 3].map(() => store.takeNow(bucket).allowed)).toEqual([true, true, true]);
    expect(store.takeNow(bucket)).toEqual({ allowed: false, retryAfterMs: 1000 });
    now = 400;
    expect(store.takeNow(bucket)).toEqual({ allowed: false, retryAfterMs: 600 });
    now = 1000;
    expect(store.takeNow(bucket).allowed).toBe(true);
    expect(store.takeNow(bucket).allowed).toBe(false);
    // Refills to its capacity and no further.
    now = 60_000;
    expect([1, 2, 3, 4].map(() => store.takeNow(bucket).allowed)).toEqual([true, true, true, false]);
  });

  test('a take is all or nothing: a refusal by one bucket spends no token of the other', () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    const user = { key: 'user:u1', capacity: 5, perSecond: 1 };
    const client = { key: 'client:partner', capacity: 1, perSecond: 1 };
    expect(store.takeNow([user, client]).allowed).toBe(true);
    expect(store.takeNow([user, client]).allowed).toBe(false);
    // The user's bucket lost only the one token that went through.
    expect([1, 2, 3, 4, 5].map(() => store.takeNow([user]).allowed)).toEqual([true, true, true, true, false]);
    now = 1;
  });

  test('full buckets are forgotten, so memory holds only recent callers', () => {
    let now = 0;
    const store = new MemoryRateLimitStore(() => now);
    for (let i = 0; i < 100; i++) store.takeNow([{ key: `ip:10.0.0.${i}`, capacity: 10, perSecond: 1 }]);
    expect(store.size).toBe(100);
    now = 61_000;
    store.takeNow([{ key: 'ip:10.0.1.1', capacity: 10, perSecond: 1 }]);
    expect(store.size).toBe(1);
  });
});

describe('rate limits at the router', () => {
  test('an anonymous caller gets N requests, then 429 RATE_LIMITED with Retry-After, before any parsing or subgraph', async ({
    stack,
  }) => {
    for (let i = 0; i < 3; i++) {
      const ok = await stack.graphql(ME);
      expect(ok.status).toBe(200);
      expect(ok.body.errors).toBeUndefined();
    }
    const before = stack.accounts.seen.length;
    // Not even valid GraphQL: a refusal before parsing says RATE_LIMITED, not a syntax error.
    const refused = await stack.graphql({ query: '{ me { ' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
    expect(stack.accounts.seen.length).toBe(before);
  });

  test('each signed-in user has a bucket of their own; a forged token is counted by address', async ({
    stack,
  }) => {
    const [u1, u2] = await Promise.all([tokenFor('u1'), tokenFor('u2')]);
    for (let i = 0; i < 3; i++) expect((await stack.graphql(ME, bearer(u1))).status).toBe(200);
    const refused = await stack.graphql(ME, bearer(u1));
    expect(refused.status).toBe(429);
    expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
    expect((await stack.graphql(ME, bearer(u2))).body.data).toEqual({ me: { name: 'User u2' } });
    // The address still has its 3; a token that does not verify must not buy a fresh bucket.
    const forged = await tokenFor('u3', { secret: 'not-the-router-secret-0123456789' });
    for (let i = 0; i < 3; i++) expect((await stack.graphql(ME)).status).toBe(200);
    expect((await stack.graphql(ME, bearer(forged))).status).toBe(429);
  });

  test('per-client limits differ, and count all of a client’s users together', async ({ stack }) => {
    const tokens = await Promise.all(Array.from({ length: 7 }, (_, i) => tokenFor(`c${i}`)));
    const as = (client: string, i: number) => ({
      ...bearer(tokens[i]!),
      'apollographql-client-name': client,
    });
    const statuses = async (client: string, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await stack.graphql(ME, as(client, i))).status);
      return out;
    };
    expect(await statuses('partner', 3)).toEqual([200, 200, 429]);
    expect(await statuses('web', 7)).toEqual([200, 200, 200, 200, 200, 429, 429]);
    // A client without a limit of its own meets only the per-user one.
    expect(await statuses('mobile', 7)).toEqual([200, 200, 200, 200, 200, 200, 200]);
  });

  test('X-Forwarded-For is ignored unless TRUST_PROXY says proxies write it', async ({ stack }) => {
    // A client writing a new address into the header each time still has one bucket.
    const spoofed = await Promise.all(
      [1, 2, 3, 4].map((i) => stack.graphql(ME, { 'x-forwarded-for': `198.51.100.${i}` })),
    );
    expect(spoofed.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);

    const behindProxy = await startStack({ RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: '1' });
    try {
      const from = (chain: string) => behindProxy.graphql(ME, { 'x-forwarded-for': chain });
      // The proxy appends the address it was called from; what the client put before it is not believed.
      const first = [];
      for (let i = 0; i < 4; i++) first.push((await from(`203.0.113.${i}, 192.0.2.1`)).status);
      expect(first).toEqual([200, 200, 200, 429]);
      expect((await from('192.0.2.2')).status).toBe(200);
    } finally {
      await behindProxy.stop();
    }
  });

  test('RATE_LIMIT_PER_MINUTE=0 turns the per-caller limit off', async () => {
    const stack = await startStack({ RATE_LIMIT_PER_MINUTE: '0' });
    try {
      const results = await Promise.all(Array.from({ length: 20 }, () => stack.graphql(ME)));
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    } finally {
      await stack.stop();
    }
  });
});

const redisTest = base.extend<{ redis: TestRedis }>({
  redis: [
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
    async ({}, use) => {
      const redis = await startRedis();
      await use(redis);
      await redis.stop();
    },
    { scope: 'file' },
  ],
});

const fakeRequest = (address: string) => ({
  req: { socket: { remoteAddress: address } } as IncomingMessage,
  headers: new HeaderMap(),
  requestId: 'test',
});

describe('rate limits in Redis (REDIS_URL)', () => {
  redisTest('the Lua token bucket refuses the N+1th request and refills with time', async ({ redis }) => {
    // The router's 250 ms command timeout is for a Redis that is away; a busy CI machine is not that.
    const store = new RedisRateLimitStore(redis.url, { timeoutMs: 5000 });
    try {
      const bucket = [{ key: `user:${crypto.randomUUID()}`, capacity: 3, perSecond: 20 }];
      const taken = await Promise.all([1, 2, 3, 4].map(() => store.take(bucket)));
      expect(taken.filter((t) => t.allowed)).toHaveLength(3);
      const refused = taken.find((t) => !t.allowed)!;
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(50);
      await sleep(60);
      expect((await store.take(bucket)).allowed).toBe(true);
      await sleep(200); // full again: 3 tokens
      // All or nothing, as in memory.
      const tight = { key: `client:${crypto.randomUUID()}`, capacity: 1, perSecond: 0.01 };
      expect((await store.take([...bucket, tight])).allowed).toBe(true);
      expect((await store.take([...bucket, tight])).allowed).toBe(false);
      expect((await store.take(bucket)).allowed).toBe(true);
      // Buckets expire once they would be full again.
      expect(await store.redis.pttl(`{zhongtai-ratelimit}:${bucket[0]!.key}`)).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  redisTest('two routers on one Redis share the buckets', async ({ redis }) => {
    const env = { RATE_LIMIT_PER_MINUTE: '3', REDIS_URL: redis.url };
    const [a, b] = await Promise.all([startStack(env), startStack(env)]);
    try {
      const token = await tokenFor(`shared-${crypto.randomUUID()}`);
      const statuses: number[] = [];
      for (const stack of [a, b, a, b, a]) statuses.push((await stack.graphql(ME, bearer(token))).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await b.graphql(ME, bearer(token));
      expect(codes(refused.body)).toEqual(['RATE_LIMITED']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  redisTest('an unreachable Redis lets requests through and logs the failure once', async ({ redis }) => {
    const dead = new URL(redis.url);
    dead.port = String(Number(dead.port) === 65535 ? 1 : Number(dead.port) + 1);
    const store = new RedisRateLimitStore(dead.toString());
    const logger = createLogger('ratelimit-test', 'silent');
    const error = vi.spyOn(logger, 'error');
    const limiter = new RateLimiter(
      { perMinute: 1, clientLimits: {}, trustedProxies: 0 },
      store,
      async () => ANONYMOUS,
      logger as Logger,
    );
    try {
      const started = performance.now();
      for (let i = 0; i < 3; i++) expect(await limiter.screen({}, fakeRequest('10.0.0.1'))).toBeUndefined();
      expect(performance.now() - started).toBeLessThan(5000);
      expect(error).toHaveBeenCalledTimes(1);
    } finally {
      await store.close();
    }
  });
});

describe('rate limit buckets without Redis', () => {
  const config = { RATE_LIMIT_PER_MINUTE: 600, CLIENT_RATE_LIMITS: {}, TRUST_PROXY: 1 };
  const warnings = (settings: { NODE_ENV: string; REDIS_URL?: string; RATE_LIMIT_PER_MINUTE?: number }) => {
    const logger = createLogger('ratelimit-test', 'silent');
    const warn = vi.spyOn(logger, 'warn');
    createRateLimiter({ ...config, ...settings }, async () => ANONYMOUS, logger as Logger);
    return warn.mock.calls.map(([message]) => String(message));
  };

  test('a production router keeping them in memory warns that each replica gives the whole limit', () => {
    expect(warnings({ NODE_ENV: 'production' })).toEqual([expect.stringContaining('set REDIS_URL')]);
  });

  test('a development router, or one with rate limits off, gives no warning', () => {
    expect(warnings({ NODE_ENV: 'development' })).toEqual([]);
    expect(warnings({ NODE_ENV: 'production', RATE_LIMIT_PER_MINUTE: 0 })).toEqual([]);
  });
});
