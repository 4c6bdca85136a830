import { createServer } from 'node:http';
import { createRequestSigner, generateServiceKey, listen, ROUTER_SERVICE } from '@zhongtai/subgraph-kit';
import pino from 'pino';
import { describe, expect } from 'vitest';
import { deepMerge } from '../src/engine/execute/merge.ts';
import { SubgraphFetcher } from '../src/engine/fetch/index.ts';
import { chooseEngine } from '../src/engine/index.ts';
import { type Stack, stackTest, startStack } from './support.ts';

const test = stackTest({}, 'file');

const TOP = { query: '{ topReviews { body author { name } } }' };

async function metric(stack: Stack, series: string): Promise<string | undefined> {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  return text.split('\n').find((line) => line.startsWith(series));
}

describe('the engine', () => {
  test('is native by default, and /metrics says so', async ({ stack }) => {
    expect(stack.router.gateway.engineName).toBe('native');
    expect(await metric(stack, 'zhongtai_router_engine_info{engine="native"}')).toMatch(/ 1$/);
  });

  test('is apollo when ROUTER_ENGINE asks for the reference, and answers the same', async ({ stack }) => {
    const apollo = await startStack({ ROUTER_ENGINE: 'apollo' });
    try {
      expect(apollo.router.gateway.engineName).toBe('apollo');
      expect(await metric(apollo, 'zhongtai_router_engine_info{engine="apollo"}')).toMatch(/ 1$/);
      const [native, reference] = await Promise.all([stack.graphql(TOP), apollo.graphql(TOP)]);
      expect(native.body).toEqual(reference.body);
      expect(native.body.data?.topReviews).toHaveLength(2);
    } finally {
      await apollo.stop();
    }
  });

  test('sends one entity fetch for an entity that appears twice, and merges it into both places', async ({
    stack,
  }) => {
    const before = stack.accounts.seen.length;
    const { body } = await stack.graphql({
      query: '{ a: topReviews { author { id name } } b: topReviews { author { id name } } }',
    });
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      a: [{ author: { id: 'u1', name: 'User u1' } }, { author: { id: 'u2', name: 'User u2' } }],
      b: [{ author: { id: 'u1', name: 'User u1' } }, { author: { id: 'u2', name: 'User u2' } }],
    });
    expect(stack.accounts.seen.length - before).toBe(1);
  });

  test('shares one subgraph fetch among identical queries in flight for the same caller', async ({
    stack,
  }) => {
    const before = stack.reviews.seen.length;
    const answers = await Promise.all(Array.from({ length: 8 }, () => stack.graphql(TOP)));
    for (const { body } of answers) expect(body.data?.topReviews).toHaveLength(2);
    // Eight requests, fewer reviews fetches: the ones that overlapped in time shared theirs.
    expect(stack.reviews.seen.length - before).toBeLessThan(8);
  });

  test('keeps every fetch when de-duplication is switched off', async () => {
    const stack = await startStack({ SUBGRAPH_DEDUP: 'false' });
    try {
      const before = stack.reviews.seen.length;
      await Promise.all(Array.from({ length: 8 }, () => stack.graphql(TOP)));
      expect(stack.reviews.seen.length - before).toBe(8);
    } finally {
      await stack.stop();
    }
  });
});

describe('where the native planner does not load', () => {
  test('the router serves with the apollo engine and says why, once', async () => {
    const lines: { msg: string; platform?: string }[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const fetcher = new SubgraphFetcher({
      signer: createRequestSigner({ service: ROUTER_SERVICE, key: generateServiceKey() }),
      connections: 1,
      timeoutMs: 1000,
      mutationTimeoutMs: 1000,
      timeouts: {},
      dedup: true,
      retries: 0,
      breakerFailures: 0,
      breakerCooldownMs: 1000,
      maxInFlight: 10,
    });
    const chosen = await chooseEngine('native', fetcher, logger, async () => {
      throw new Error('libc.musl-x86_64.so.1: cannot open shared object file');
    });
    expect(chosen.engineName).toBe('apollo');
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'the native query planner does not load on this platform; serving with the apollo engine',
        platform: `${process.platform}-${process.arch}`,
      }),
    ]);
    await fetcher.close();
  });
});

describe('a subgraph that hangs', () => {
  test('costs its own fields only, with SUBGRAPH_TIMEOUT after the configured time', async () => {
    // Accepts connections and reads requests, and never answers: a center stuck on a lock.
    const hanging = createServer(() => {});
    const url = await listen(hanging, 0, '127.0.0.1');
    const stack = await startStack(({ reviews }) => ({
      SUBGRAPH_URLS: `accounts=${url}/graphql,reviews=${reviews.url}`,
      SUBGRAPH_TIMEOUTS: JSON.stringify({ accounts: 300 }),
    }));
    try {
      const started = performance.now();
      const { body } = await stack.graphql({ query: '{ topReviews { body } me { name } }' });
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
      expect(body).toEqual({
        data: { topReviews: [{ body: 'Fresh and fast' }, { body: 'Too salty' }], me: null },
        errors: [
          {
            message: 'The accounts service did not answer in time.',
            path: ['me'],
            extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'accounts' },
          },
        ],
      });
    } finally {
      await stack.stop();
      hanging.closeAllConnections();
      hanging.close();
    }
  });
});

describe('merging subgraph answers', () => {
  test('a __proto__ key in an answer cannot reach any prototype', () => {
    const target: Record<string, unknown> = { product: { id: '1' } };
    deepMerge(target, JSON.parse('{"product": {"__proto__": {"polluted": true}, "title": "Tea"}}'));
    expect(target).toEqual({ product: { id: '1', title: 'Tea' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(target.product)).toBe(Object.prototype);
  });
});
