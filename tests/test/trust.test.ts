import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as inventory from '@zhongtai/inventory';
import {
  ANONYMOUS,
  createRequestSigner,
  devServiceKey,
  type Identity,
  TOKEN_HEADER,
} from '@zhongtai/subgraph-kit';
import { createTestDatabase, signedHeaders, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { bearer, graphql, SIGN_UP } from '../src/client.ts';
import { type InProcessSupergraph, seedCatalog, startInProcess } from '../src/in-process.ts';

// An attacker on the network between the router and the centers, as in issue 12: whatever they
// capture or forge is refused by the centers themselves, each checking every request's token.

/** The development shared secret every center trusted before per-request tokens. */
const OLD_DEV_GATEWAY_SECRET = 'zhongtai-dev-gateway-secret-change-me';

interface Captured {
  headers: Record<string, string>;
  body: string;
}

let database: TestDatabase;
let supergraph: InProcessSupergraph;
let freshUrl: string;
let standIn: Server;
/** What the stand-in on fresh's port saw; `forward: false` keeps the next requests from fresh. */
const captured: Captured[] = [];
let forward = true;

const urlOf = (name: keyof InProcessSupergraph['centers']) =>
  `http://127.0.0.1:${(supergraph.centers[name].httpServer.address() as AddressInfo).port}/graphql`;

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

beforeAll(async () => {
  database = await createTestDatabase('trust');
  supergraph = await startInProcess(database);
  const { centers } = supergraph;
  const catalog = await seedCatalog(supergraph, { users: 2, products: 3, seed: 12 });
  await inventory.seedInventory(centers.inventory.database.db, { skus: catalog.skus, seed: 12 });
  for (const sku of catalog.skus) await inventory.setStock(centers.inventory.database.db, sku.id, 50);
  skus.push(...catalog.skus.map((sku) => ({ id: sku.id, productId: sku.productId })));

  // Standing in on the fresh center's port, as the attacker did: fresh moves to another port, and
  // what the router sends it passes through here first.
  const port = (centers.fresh.httpServer.address() as AddressInfo).port;
  await new Promise<void>((resolve) => {
    centers.fresh.httpServer.close(() => resolve());
    centers.fresh.httpServer.closeAllConnections();
  });
  freshUrl = `${await centers.fresh.listen(0)}/graphql`;
  standIn = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(
        // As a proxy keeps them: the framing headers describe this hop's connection, not the request.
        (entry): entry is [string, string] => typeof entry[1] === 'string' && !HOP_BY_HOP.has(entry[0]),
      ),
    );
    captured.push({ headers, body });
    if (!forward) {
      res.writeHead(503).end();
      return;
    }
    const answer = await fetch(freshUrl, { method: 'POST', headers, body });
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  });
  await new Promise<void>((resolve) => standIn.listen(port, '127.0.0.1', resolve));
});

afterEach(() => {
  vi.useRealTimers();
  forward = true;
});

afterAll(async () => {
  await new Promise((resolve) => standIn?.close(resolve));
  await supergraph?.stop();
  await database?.drop();
});

const skus: { id: string; productId: string }[] = [];

/** A SKU's stock as any client reads it through the router. */
async function stockOf(sku: { id: string; productId: string }) {
  const result = await graphql<{ product: { skus: { id: string; stock: { available: number } }[] } }>(
    supergraph.routerUrl,
    'query($id: ID!) { product(id: $id) { skus { id stock { available } } } }',
    { id: sku.productId },
  );
  return result.data?.product.skus.find((s) => s.id === sku.id)?.stock.available;
}
const STORES = '{ stores(first: 1) { edges { node { id } } } }';

/** A router → fresh request, captured on its way. */
async function captureFromRouter(): Promise<Captured> {
  const before = captured.length;
  await graphql(supergraph.routerUrl, STORES);
  const request = captured[before];
  expect(request?.headers[TOKEN_HEADER]).toBeDefined();
  return request!;
}

/** Sends a request with these headers and body to a center, as an attacker replaying it would. */
async function send(url: string, headers: Record<string, string>, body: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

const token = (request: Captured) => ({ [TOKEN_HEADER]: request.headers[TOKEN_HEADER]! });
const ORDER_READ = JSON.stringify({ query: '{ _entities(representations: []) { __typename } }' });

async function signUp(): Promise<{ token: string; identity: Identity }> {
  const result = await graphql<{ signUp: { token: string; user: { id: string } } }>(
    supergraph.routerUrl,
    SIGN_UP,
    { input: { email: `t-${randomUUID()}@example.com`, password: 'zero trust', displayName: 'Li Lei' } },
  );
  const { token: jwt, user } = result.data!.signUp;
  return { token: jwt, identity: { userId: user.id, scopes: [] } };
}

describe('a token captured between the router and a center', () => {
  test('sent to orders with another body is refused with 401', async () => {
    const request = await captureFromRouter();
    const replay = await send(urlOf('orders'), token(request), ORDER_READ);
    expect(replay.status).toBe(401);
    expect(replay.body.errors).toMatchObject([{ extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  test('sent to fresh again with another body is refused with 401', async () => {
    const request = await captureFromRouter();
    const other = JSON.stringify({ query: '{ stores(first: 50) { edges { node { id name } } } }' });
    expect((await send(freshUrl, token(request), other)).status).toBe(401);
  });

  test('sent to fresh again unchanged (the same jti twice) is refused with 401', async () => {
    const request = await captureFromRouter();
    expect((await send(freshUrl, request.headers, request.body)).status).toBe(401);
  });

  test('sent unchanged after it expired is refused with 401; one still fresh is accepted', async () => {
    forward = false;
    const kept = await captureFromRouter();
    const control = await captureFromRouter();
    forward = true;
    expect((await send(freshUrl, control.headers, control.body)).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000 });
    expect((await send(freshUrl, kept.headers, kept.body)).status).toBe(401);
  });
});

describe('forged tokens', () => {
  test('a token dated 60 s in the future is refused with 401; one dated now is accepted', async () => {
    const body = JSON.stringify({ query: STORES });
    const ahead = createRequestSigner({
      service: 'router',
      key: devServiceKey('router'),
      now: () => Date.now() + 60_000,
    });
    const future = ahead.sign({ identity: ANONYMOUS, audience: 'fresh', method: 'POST', body });
    expect((await send(freshUrl, future, body)).status).toBe(401);
    expect((await send(freshUrl, signedHeaders(ANONYMOUS, { audience: 'fresh', body }), body)).status).toBe(
      200,
    );
  });

  test('identities signed with the old shared development secret are refused with 401 by every center', async () => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const iat = Math.floor(Date.now() / 1000);
    const identity = part({ sub: null, scopes: [], iat });
    const oldHeaders = {
      'x-zhongtai-identity': identity,
      'x-zhongtai-signature': createHmac('sha256', OLD_DEV_GATEWAY_SECRET)
        .update(identity)
        .digest('base64url'),
    };
    const names = Object.keys(supergraph.centers) as (keyof InProcessSupergraph['centers'])[];
    expect(names).toHaveLength(7);
    for (const name of names) {
      const url = name === 'fresh' ? freshUrl : urlOf(name);
      const claims = part({ iss: 'router', aud: name, iat, exp: iat + 30, jti: randomUUID() });
      const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${claims}`;
      const hs256 = `${input}.${createHmac('sha256', OLD_DEV_GATEWAY_SECRET).update(input).digest('base64url')}`;
      expect((await send(url, oldHeaders, body)).status, name).toBe(401);
      expect((await send(url, { [TOKEN_HEADER]: hs256 }, body)).status, name).toBe(401);
      // The same request with a token of the router's is answered: the refusals are the signatures'.
      expect((await send(url, signedHeaders(ANONYMOUS, { audience: name, body }), body)).status, name).toBe(
        200,
      );
    }
  });
});

const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { reference status } }`;
const RELEASE = 'mutation($reference: ID!) { releaseReservation(reference: $reference) { status } }';
const COMMIT = 'mutation($reference: ID!) { commitReservation(reference: $reference) { status } }';
const MARK_PAID = 'mutation($o: ID!, $p: ID!) { markOrderPaid(orderId: $o, paymentId: $p) { id status } }';

/** Calls a center directly with a token signed by `service`'s own key, acting for `identity`. */
async function callAs(
  service: string,
  center: 'orders' | 'inventory' | 'users',
  query: string,
  variables: Record<string, unknown>,
  identity: Identity = ANONYMOUS,
) {
  const body = JSON.stringify({ query, variables });
  return send(urlOf(center), signedHeaders(identity, { audience: center, body, service }), body);
}

const codes = (result: { body: { errors?: unknown[] } }) =>
  (result.body.errors ?? []).map((e) => (e as { extensions?: { code?: string } }).extensions?.code);

async function placeOrder(jwt: string) {
  const placed = await graphql<{ placeOrder: { id: string; status: string } }>(
    supergraph.routerUrl,
    'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }',
    { input: { lines: [{ skuId: skus[0]!.id, quantity: 1 }], idempotencyKey: randomUUID() } },
    bearer(jwt),
  );
  expect(placed.errors).toBeUndefined();
  return placed.data!.placeOrder.id;
}

const orderStatus = async (jwt: string, id: string) =>
  (
    await graphql<{ order: { status: string } }>(
      supergraph.routerUrl,
      'query($id: ID!) { order(id: $id) { status } }',
      { id },
      bearer(jwt),
    )
  ).data?.order.status;

describe('internal operations between centers', () => {
  test("a user's or an anonymous router-signed identity calling the internal mutations is FORBIDDEN", async () => {
    const buyer = await signUp();
    const orderId = await placeOrder(buyer.token);
    const reference = orderId;
    const lines = [{ skuId: skus[1]!.id, quantity: 50 }];
    for (const identity of [buyer.identity, ANONYMOUS]) {
      const reserve = await callAs(
        'router',
        'inventory',
        RESERVE,
        { input: { reference: randomUUID(), lines } },
        identity,
      );
      expect(codes(reserve)).toEqual(['FORBIDDEN']);
      expect(codes(await callAs('router', 'inventory', RELEASE, { reference }, identity))).toEqual([
        'FORBIDDEN',
      ]);
      expect(codes(await callAs('router', 'inventory', COMMIT, { reference }, identity))).toEqual([
        'FORBIDDEN',
      ]);
      expect(
        codes(await callAs('router', 'orders', MARK_PAID, { o: orderId, p: randomUUID() }, identity)),
      ).toEqual(['FORBIDDEN']);
    }
    expect(await orderStatus(buyer.token, orderId)).toBe('PENDING_PAYMENT');
    expect(await stockOf(skus[1]!)).toBe(50);
  });

  test("fresh's own key cannot call orders' or inventory's internal mutations, nor read users: FORBIDDEN", async () => {
    const buyer = await signUp();
    const orderId = await placeOrder(buyer.token);
    const lines = [{ skuId: skus[1]!.id, quantity: 50 }];
    const asFresh = (
      center: 'orders' | 'inventory' | 'users',
      query: string,
      variables: Record<string, unknown>,
    ) => callAs('fresh', center, query, variables, buyer.identity);
    expect(codes(await asFresh('inventory', RESERVE, { input: { reference: randomUUID(), lines } }))).toEqual(
      ['FORBIDDEN'],
    );
    expect(codes(await asFresh('inventory', RELEASE, { reference: orderId }))).toEqual(['FORBIDDEN']);
    expect(codes(await asFresh('inventory', COMMIT, { reference: orderId }))).toEqual(['FORBIDDEN']);
    expect(codes(await asFresh('orders', MARK_PAID, { o: orderId, p: randomUUID() }))).toEqual(['FORBIDDEN']);
    const addresses =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { addresses { phone } } } }';
    const read = await asFresh('users', addresses, {
      r: [{ __typename: 'User', id: buyer.identity.userId }],
    });
    expect(codes(read)).toEqual(['FORBIDDEN']);
    expect(await orderStatus(buyer.token, orderId)).toBe('PENDING_PAYMENT');
    expect(await stockOf(skus[1]!)).toBe(50);
  });

  test("markOrderPaid, even from payments' key, refuses a payment that does not exist or pays another order", async () => {
    const buyer = await signUp();
    const unpaid = await placeOrder(buyer.token);
    const other = await placeOrder(buyer.token);
    const paid = await graphql<{ payOrder: { id: string; status: string } }>(
      supergraph.routerUrl,
      'mutation($o: ID!, $k: String!) { payOrder(orderId: $o, method: ALIPAY, idempotencyKey: $k) { id status } }',
      { o: other, k: randomUUID() },
      bearer(buyer.token),
    );
    expect(paid.data?.payOrder.status).toBe('CAPTURED');
    const asPayments = (paymentId: string) =>
      callAs('payments', 'orders', MARK_PAID, { o: unpaid, p: paymentId }, buyer.identity);
    expect(codes(await asPayments(randomUUID()))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await asPayments(paid.data!.payOrder.id))).toEqual(['BAD_USER_INPUT']);
    expect(await orderStatus(buyer.token, unpaid)).toBe('PENDING_PAYMENT');
    expect(await orderStatus(buyer.token, other)).toBe('PAID');
  });
});
