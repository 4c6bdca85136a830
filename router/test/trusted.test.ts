import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, print } from 'graphql';
import { afterAll, describe, expect, test } from 'vitest';
import { type GraphQLBody, type Stack, startStack } from './support.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

// A manifest as `npm run schema:compose` writes it: bodies printed, ids their SHA-256.
function operation(source: string) {
  const body = print(parse(source));
  const name = /(?:query|mutation) (\w+)/.exec(body)![1]!;
  return { id: sha256(body), name, type: body.startsWith('mutation') ? 'mutation' : 'query', body };
}
const TOP_REVIEWS = operation('query TopReviews { topReviews { body } }');
const USER = operation('query User($id: ID!) { user(id: $id) { name } }');
const MOBILE_ONLY = operation('query MobileMe { me { id } }');

const dir = mkdtempSync(join(tmpdir(), 'zhongtai-trusted-'));
for (const [client, operations] of [
  ['web', [TOP_REVIEWS, USER]],
  ['mobile', [MOBILE_ONLY]],
] as const) {
  mkdirSync(join(dir, client));
  writeFileSync(
    join(dir, client, 'persisted-query-manifest.json'),
    JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }),
  );
}

const stacks: Stack[] = [];
async function stack(mode: 'require' | 'allow') {
  const started = await startStack({ TRUSTED_DOCUMENTS: mode, PERSISTED_QUERIES_DIR: dir });
  stacks.push(started);
  return started;
}
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const byId = (id: string, variables?: Record<string, unknown>) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
  ...(variables ? { variables } : {}),
});
const as = (client: string) => ({
  'apollographql-client-name': client,
  'apollographql-client-version': '1.0.0',
});
const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);

async function post(target: Stack, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${target.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody };
}

describe('with TRUSTED_DOCUMENTS=require', () => {
  test('a registered web query without variables runs by its id alone', async () => {
    const router = await stack('require');
    const { status, body } = await post(router, byId(TOP_REVIEWS.id), as('web'));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ topReviews: [{ body: 'Fresh and fast' }, { body: 'Too salty' }] });

    const withVariables = await post(router, byId(USER.id, { id: 'u7' }), as('web'));
    expect(withVariables.body.data).toEqual({ user: { name: 'User u7' } });
  });

  test('an unregistered query sent as web is refused with QUERY_NOT_IN_SAFELIST, and no subgraph is asked', async () => {
    const router = await stack('require');
    const before = router.reviews.seen.length;
    const { status, body } = await post(
      router,
      { query: '{ topReviews { body author { id } } }' },
      as('web'),
    );
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_NOT_IN_SAFELIST']);
    expect(router.reviews.seen.length).toBe(before);
  });

  test("the exact registered body is accepted as a query too, but not another client's operation", async () => {
    const router = await stack('require');
    const registered = await post(router, { query: TOP_REVIEWS.body }, as('web'));
    expect(registered.body.errors).toBeUndefined();

    const otherClients = await post(router, byId(MOBILE_ONLY.id), as('web'));
    expect(otherClients.status).toBe(400);
    expect(codes(otherClients.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    const anonymous = await post(router, byId(TOP_REVIEWS.id), {});
    expect(codes(anonymous.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
  });

  test('an unknown id cannot be registered by sending its body along', async () => {
    const router = await stack('require');
    const body = '{ topReviews { body } }';
    const { body: result } = await post(router, { query: body, ...byId(sha256(body)) }, as('web'));
    expect(codes(result)).toEqual(['QUERY_NOT_IN_SAFELIST']);
  });

  test('every registered operation is planned when the router starts', async () => {
    const router = await stack('require');
    // The three registered operations, before any request asked for them.
    expect(router.router.gateway.planner.size).toBe(3);
  });
});

describe('a production router', () => {
  test('requires trusted documents unless told otherwise', async () => {
    const production = await startStack({ NODE_ENV: 'production', PERSISTED_QUERIES_DIR: dir });
    stacks.push(production);
    const free = await post(production, { query: '{ user(id: "u1") { name } }' }, as('web'));
    expect(codes(free.body)).toEqual(['QUERY_NOT_IN_SAFELIST']);
    const registered = await post(production, byId(TOP_REVIEWS.id), as('web'));
    expect(registered.body.errors).toBeUndefined();
  });
});

describe('in development (TRUSTED_DOCUMENTS=allow)', () => {
  test('free-form operations run, registered ids run, and APQ registers new ones', async () => {
    const router = await stack('allow');
    const free = await post(router, { query: '{ user(id: "u1") { name } }' }, as('web'));
    expect(free.body.data).toEqual({ user: { name: 'User u1' } });

    const registered = await post(router, byId(TOP_REVIEWS.id), as('web'));
    expect(registered.body.errors).toBeUndefined();

    const query = '{ user(id: "u2") { name } }';
    const unknown = await post(router, byId(sha256(query)), as('web'));
    expect(codes(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const registering = await post(router, { query, ...byId(sha256(query)) }, as('web'));
    expect(registering.body.data).toEqual({ user: { name: 'User u2' } });
    const byHash = await post(router, byId(sha256(query)), as('web'));
    expect(byHash.body.data).toEqual({ user: { name: 'User u2' } });
  });
});
