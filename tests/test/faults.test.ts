import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { breakerState } from '@zhongtai/router/testing';
import { OPERATIONS_DIR } from '@zhongtai/scripts/operations';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type GraphQLResult, graphql } from '../src/client.ts';
import { type ProcessSupergraph, startProcessSupergraph } from '../src/processes.ts';

const operation = (path: string) => readFileSync(join(OPERATIONS_DIR, path), 'utf8');
const PRODUCT_PAGE = operation('web/ProductPage.graphql');
const PICKUP_SLOTS = operation('fresh/PickupSlots.graphql');

const INVENTORY_TIMEOUT_MS = 1500;

let supergraph: ProcessSupergraph;
let storeId: string;
let slug: string;

beforeAll(async () => {
  supergraph = await startProcessSupergraph('faults', {
    // As `npm start` runs: a center that dies is restarted while the others keep serving.
    supervise: true,
    routerEnv: {
      SUBGRAPH_TIMEOUTS: JSON.stringify({ inventory: INVENTORY_TIMEOUT_MS }),
      SUBGRAPH_BREAKER_FAILURES: '3',
      SUBGRAPH_BREAKER_COOLDOWN_MS: '1000',
    },
  });
  const stores = await graphql<{ stores: { edges: { node: { id: string } }[] } }>(
    supergraph.routerUrl,
    '{ stores(first: 1) { edges { node { id } } } }',
  );
  storeId = stores.data!.stores.edges[0]!.node.id;
  const products = await graphql<{ products: { edges: { node: { slug: string } }[] } }>(
    supergraph.routerUrl,
    '{ products(first: 1) { edges { node { slug } } } }',
  );
  slug = products.data!.products.edges[0]!.node.slug;
}, 300_000);

afterAll(async () => {
  await supergraph?.stop();
});

/** Sends a request as a front-end would, with its raw body. */
async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(supergraph.routerUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollographql-client-name': 'web', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResult<Record<string, unknown>>) };
}

/** Expects one coded client error, and nothing logged at error level by any process for it. */
async function expectClientError(
  answer: Promise<{ status: number } & GraphQLResult<unknown>>,
  code: string,
  message?: RegExp,
) {
  const before = supergraph.errorLines().length;
  const { status, errors } = await answer;
  expect(status).toBeLessThan(500);
  expect(errors?.map((error) => error.extensions?.code)).toEqual([code]);
  if (message) expect(errors![0]!.message).toMatch(message);
  // Log lines come through pipes: give them a moment to arrive.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(supergraph.errorLines().slice(before)).toEqual([]);
}

const cursor = (key: unknown[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

describe('what a client sends wrong is a coded client error, never an internal one', () => {
  test('a pickup-slot cursor with year +275760 is BAD_USER_INPUT', async () => {
    const after = cursor(['+275760-09-13T00:00:00.000Z', randomUUID()]);
    await expectClientError(
      graphql(supergraph.routerUrl, PICKUP_SLOTS, { storeId, after }),
      'BAD_USER_INPUT',
      /"after" is not a cursor this API issued/,
    );
  });

  test('a `before` of year 0000 is BAD_USER_INPUT', async () => {
    await expectClientError(
      graphql(supergraph.routerUrl, PICKUP_SLOTS, { storeId, before: '0000-01-01T00:00:00Z' }),
      'BAD_USER_INPUT',
      /years 1 and 9999/,
    );
  });

  test('a date variable that is not a date is BAD_USER_INPUT, with the center’s own message', async () => {
    await expectClientError(
      graphql(supergraph.routerUrl, PICKUP_SLOTS, { storeId, before: 'tomorrow' }),
      'BAD_USER_INPUT',
      /DateTime must be an ISO-8601 timestamp/,
    );
  });

  test('a city with a NUL byte is BAD_USER_INPUT', async () => {
    await expectClientError(
      graphql(supergraph.routerUrl, 'query Stores($city: String) { stores(city: $city) { totalCount } }', {
        city: '上海市\u0000',
      }),
      'BAD_USER_INPUT',
      /NUL byte/,
    );
  });

  test('an email with a lone surrogate is BAD_USER_INPUT', async () => {
    await expectClientError(
      graphql(
        supergraph.routerUrl,
        'mutation SignIn($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
        { email: 'buyer\ud800@example.com', password: 'whatever-it-is' },
      ),
      'BAD_USER_INPUT',
      /lone UTF-16 surrogate/,
    );
  });

  test('a slug with a lone surrogate is BAD_USER_INPUT', async () => {
    await expectClientError(
      graphql(supergraph.routerUrl, 'query Page($slug: String) { product(slug: $slug) { id } }', {
        slug: 'shoe\udc00',
      }),
      'BAD_USER_INPUT',
      /lone UTF-16 surrogate/,
    );
  });

  test('a NUL byte written in the query itself is BAD_USER_INPUT', async () => {
    await expectClientError(
      post({ query: '{ stores(city: "上海市\\u0000") { totalCount } }' }),
      'BAD_USER_INPUT',
      /NUL byte/,
    );
  });

  test('a persisted query the router does not know keeps Apollo’s code', async () => {
    await expectClientError(
      post({ extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } } }),
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });

  test('a persisted query whose hash is not its body’s is a client error', async () => {
    await expectClientError(
      post({
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
      }),
      'PERSISTED_QUERY_HASH_MISMATCH',
    );
  });

  test('a subscription is refused with HTTP 400 and SUBSCRIPTIONS_NOT_SUPPORTED', async () => {
    const answer = post({ query: 'subscription { x }' });
    const { status } = await answer;
    expect(status).toBe(400);
    await expectClientError(answer, 'SUBSCRIPTIONS_NOT_SUPPORTED');
  });
});

type Page = GraphQLResult<{ product: Record<string, unknown> | null }>;

const productPage = (): Promise<Page> =>
  graphql(supergraph.routerUrl, PRODUCT_PAGE, { slug, province: '四川省' });

/** Each error as [path, code, service]. */
const errorsOf = (page: Page) =>
  (page.errors ?? []).map((error) => [
    error.path?.join('.'),
    error.extensions?.code,
    error.extensions?.serviceName,
  ]);

/** Asks `probe` every 100 ms until it gives a value, for at most `ms`. */
async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`nothing within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('one center down never takes the answer down', () => {
  test('with the reviews center killed, the product page answers with rating and reviews null and SUBGRAPH_UNAVAILABLE at their paths', async () => {
    supergraph.kill('reviews');
    await supergraph.running.children.find((child) => child.name === 'reviews')!.exited;
    const page = await productPage();
    expect(page).toMatchObject({ status: 200 });
    const product = page.data?.product;
    expect(product).not.toBeNull();
    expect(product).toMatchObject({ slug, rating: null, reviews: null });
    expect(product!.title).toEqual(expect.any(String));
    expect((product!.skus as unknown[]).length).toBeGreaterThan(0);
    // Each error where the fetch should have filled the page, coded, with the center that is down.
    expect(errorsOf(page)).toEqual(
      expect.arrayContaining([
        ['product.rating', 'SUBGRAPH_UNAVAILABLE', 'reviews'],
        ['product.reviews', 'SUBGRAPH_UNAVAILABLE', 'reviews'],
      ]),
    );
    for (const error of page.errors ?? []) expect(error.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
  });

  test('the killed reviews center is restarted, and full answers return within 5 s of it answering again', async () => {
    const backAt = await eventually(
      () => supergraph.back.find((each) => each.name === 'reviews')?.at,
      120_000,
    );
    const full = await eventually(async () => {
      const page = await productPage();
      return page.errors === undefined && page.data?.product ? Date.now() : undefined;
    }, 15_000);
    expect(full - backAt).toBeLessThanOrEqual(5000);
  });

  test('with the inventory center hung by SIGSTOP, the page answers within its timeout with stock null and SUBGRAPH_TIMEOUT', async () => {
    supergraph.signal('inventory', 'SIGSTOP');
    const started = Date.now();
    const page = await productPage();
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(INVENTORY_TIMEOUT_MS - 100);
    expect(took).toBeLessThan(INVENTORY_TIMEOUT_MS + 2500);
    const product = page.data?.product as { title: string; rating: unknown; skus: { stock: unknown }[] };
    expect(product.title).toEqual(expect.any(String));
    expect(product.rating).not.toBeNull();
    for (const sku of product.skus) expect(sku.stock).toBeNull();
    expect(errorsOf(page)).toContainEqual(['product.skus.0.stock', 'SUBGRAPH_TIMEOUT', 'inventory']);
    for (const error of page.errors ?? []) expect(error.extensions?.code).toBe('SUBGRAPH_TIMEOUT');
  });

  test("repeated timeouts open inventory's breaker, seen in /metrics, and the page then answers at once", async () => {
    await eventually(async () => {
      await productPage();
      return (await breakerState(supergraph.routerUrl, 'inventory')) === 'open' ? true : undefined;
    }, 20_000);
    const started = Date.now();
    const page = await productPage();
    expect(Date.now() - started).toBeLessThan(INVENTORY_TIMEOUT_MS);
    expect(errorsOf(page)).toContainEqual(['product.skus.0.stock', 'SUBGRAPH_UNAVAILABLE', 'inventory']);
    expect(page.data?.product).toMatchObject({ slug });
  });

  test('after SIGCONT the breaker closes and full answers return within 5 s', async () => {
    supergraph.signal('inventory', 'SIGCONT');
    const continued = Date.now();
    const full = await eventually(async () => {
      const page = await productPage();
      return page.errors === undefined && page.data?.product ? Date.now() : undefined;
    }, 15_000);
    expect(full - continued).toBeLessThanOrEqual(5000);
    expect(await breakerState(supergraph.routerUrl, 'inventory')).toBe('closed');
  });
});
