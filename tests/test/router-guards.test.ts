import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../src/client.ts';
import { type InProcessSupergraph, startInProcess } from '../src/in-process.ts';

// The router's guards with the real centers behind it, each on its own port over HTTP.
describe('the router guarding the centers', () => {
  let database: TestDatabase;
  let supergraph: InProcessSupergraph;
  let origin: string;

  beforeAll(async () => {
    database = await createTestDatabase('guards');
    supergraph = await startInProcess(database);
    origin = new URL(supergraph.routerUrl).origin;
  });

  afterAll(async () => {
    await supergraph?.stop();
    await database?.drop();
  });

  const ordersPort = () => (supergraph.centers.orders.httpServer.address() as AddressInfo).port;

  test('a direct call to the orders center without the router signature is refused', async () => {
    const response = await fetch(`http://127.0.0.1:${ordersPort()}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ order(id: "00000000-0000-0000-0000-000000000000") { id } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
  });

  test('/ready fails while a center is down and recovers when it is back', async () => {
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
    const port = ordersPort();
    const server = supergraph.centers.orders.httpServer;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    const down = await fetch(`${origin}/ready`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'unavailable', down: ['orders'] });

    await supergraph.centers.orders.listen(port);
    const back = await fetch(`${origin}/ready`);
    expect(back.status).toBe(200);
    expect(await back.json()).toMatchObject({ status: 'ready' });
  });

  test('a 12 MB body is refused with 413, a 120-level query and 2,000 aliases with codes, and the router keeps serving', async () => {
    const huge = await fetch(supergraph.routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(12 * 1024 * 1024)}` }),
    });
    expect(huge.status).toBe(413);

    // product → (seller → products → edges → node) × 30 → id: 122 fields deep.
    let deep = 'id';
    for (let level = 0; level < 30; level++)
      deep = `seller { products(first: 1) { edges { node { ${deep} } } } }`;
    const deepResult = await graphql(supergraph.routerUrl, `{ product(id: "x") { ${deep} } }`);
    expect(deepResult.status).toBe(400);
    expect(deepResult.errors?.map((e) => e.extensions?.code)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
    const aliases = Array.from({ length: 2_000 }, (_, i) => `a${i}: __typename`).join(' ');
    const aliased = await graphql(supergraph.routerUrl, `{ ${aliases} }`);
    expect(aliased.status).toBe(400);
    expect(aliased.errors?.map((e) => e.extensions?.code)).toEqual(['TOKEN_LIMIT_EXCEEDED']);

    const fine = await graphql<{ products: { edges: unknown[] } }>(
      supergraph.routerUrl,
      '{ products(first: 2) { edges { node { id } } } }',
    );
    expect(fine.errors).toBeUndefined();
    expect(fine.data?.products.edges).toBeDefined();
  });
});
