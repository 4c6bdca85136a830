import { randomUUID } from 'node:crypto';
import { createOrdersCenter, seedOrders } from '@zhongtai/orders';
import { type Identity, newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { pickupSlots } from '../src/db/schema.ts';
import { createFreshCenter, seedFresh } from '../src/server.ts';
import { createSlot, createStore, fakeSkus } from './fixtures.ts';

// The real Transaction Center, listening, so the order check of a booking goes over HTTP as in production.
const ordersDb = await createTestDatabase('fresh_orders');
const ordersCenter = await createOrdersCenter({
  DATABASE_URL: ordersDb.url,
  DATA_DIR: ordersDb.dataDir,
  LOG_LEVEL: 'silent',
  SUBGRAPH_URLS: {},
  ORDER_TTL_SECONDS: 1800,
  EXPIRY_SWEEP_SECONDS: 0,
});
const ordersUrl = `${await ordersCenter.listen(0)}/graphql`;

const testDb = await createTestDatabase('fresh');
const center = await createFreshCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
  SUBGRAPH_URLS: { orders: ordersUrl },
});
afterAll(async () => {
  await center.stop();
  await ordersCenter.stop();
  await testDb.drop();
  await ordersDb.drop();
});

const db = center.database.db;
const buyer = (): Identity => ({ userId: newId(), scopes: [] });

const skus = fakeSkus(30, 2);
const seeded = await seedFresh(db, { skus, stores: 3, products: 30, days: 3, seed: 11 });

const BOOK = /* GraphQL */ `
  mutation Book($input: BookPickupSlotInput!) {
    bookPickupSlot(input: $input) {
      id status pickupCode createdAt
      slot { id remaining }
      store { id }
      order { id }
    }
  }
`;

interface Booking {
  id: string;
  status: string;
  pickupCode: string;
  slot: { id: string; remaining: number };
  store: { id: string };
  order: { id: string } | null;
}

const book = (input: Record<string, unknown>, identity?: Identity) =>
  executeAs<{ bookPickupSlot: Booking }>(
    center,
    BOOK,
    { input: { idempotencyKey: randomUUID(), ...input } },
    identity,
  );

const bookedCount = async (slotId: string) =>
  (await db.select().from(pickupSlots).where(eq(pickupSlots.id, slotId)))[0]!.booked;

/** The SQL statements one operation makes (after a first run, so nothing is cold). */
async function statementsFor(query: string, variables: Record<string, unknown>) {
  await executeAs(center, query, variables);
  center.database.stats.statements = 0;
  const result = await executeAs(center, query, variables);
  expect(result.errors).toBeUndefined();
  return center.database.stats.statements;
}

describe('entity references', () => {
  test('stores, slots, products and SKUs resolve in the order asked, null for unknown ones', async () => {
    const [storeId] = seeded.storeIds;
    const [slotId] = seeded.slotIds;
    const sku = skus[0]!;
    const result = await executeAs(
      center,
      `query($r: [_Any!]!, $store: ID!) {
        _entities(representations: $r) {
          __typename
          ... on Store { id name city pickupSlots(first: 2) { edges { node { id } } } }
          ... on PickupSlot { id store { id } capacity remaining available }
          ... on Product { id freshStock(storeId: $store) { sku { id } available inStock store { id } } }
          ... on Sku { id stock: freshStock(storeId: $store) { product { id } bestBefore } }
        }
      }`,
      {
        store: storeId,
        r: [
          { __typename: 'Store', id: storeId },
          { __typename: 'PickupSlot', id: slotId },
          { __typename: 'Store', id: newId() },
          { __typename: 'Product', id: sku.productId },
          { __typename: 'Sku', id: sku.id },
          { __typename: 'PickupSlot', id: 'not-an-id' },
          { __typename: 'Sku', id: newId() },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    const entities = result.data?._entities as Record<string, unknown>[];
    expect(entities).toHaveLength(7);
    expect(entities[0]).toMatchObject({ __typename: 'Store', id: storeId, city: expect.any(String) });
    expect((entities[0] as { pickupSlots: { edges: unknown[] } }).pickupSlots.edges).toHaveLength(2);
    expect(entities[1]).toMatchObject({
      __typename: 'PickupSlot',
      id: slotId,
      store: { id: expect.any(String) },
    });
    expect(entities[2]).toBeNull();
    // The first products are stocked at every store.
    expect(entities[3]).toMatchObject({ __typename: 'Product', id: sku.productId });
    expect((entities[3] as { freshStock: unknown[] }).freshStock).toHaveLength(2);
    expect(entities[4]).toMatchObject({
      __typename: 'Sku',
      id: sku.id,
      stock: { product: { id: sku.productId }, bestBefore: expect.any(String) },
    });
    expect(entities[5]).toBeNull();
    expect(entities[6]).toEqual({ __typename: 'Sku', id: expect.any(String), stock: null });
  });

  test("a booking and an order's pickup are visible to their buyer only", async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id);
    const me = buyer();
    const booked = await book({ slotId: slot.id }, me);
    expect(booked.errors).toBeUndefined();
    const id = booked.data!.bookPickupSlot.id;
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on PickupBooking { id status } } }`;
    const mine = await executeAs(center, query, { r: [{ __typename: 'PickupBooking', id }] }, me);
    expect(mine.data?._entities).toEqual([{ id, status: 'BOOKED' }]);
    const theirs = await executeAs(center, query, { r: [{ __typename: 'PickupBooking', id }] }, buyer());
    expect(theirs.data?._entities).toEqual([null]);
    const anonymous = await executeAs(center, 'query($id: ID!) { pickupBooking(id: $id) { id } }', { id });
    expect(anonymous.data?.pickupBooking).toBeNull();
  });

  test("fresh stock of 20 products costs one statement, as for 2; a store page's stock the same", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { freshStock { available store { id name } } } } }`;
    const products = (n: number) =>
      [...new Set(skus.map((s) => s.productId))].slice(0, n).map((id) => ({ __typename: 'Product', id }));
    // One for the stock, one for the stores it is at.
    expect(await statementsFor(query, { r: products(2) })).toBe(2);
    expect(await statementsFor(query, { r: products(20) })).toBe(2);

    const stores = `query { stores(first: 10) { edges { node { id
      freshStock(first: 5) { totalCount edges { node { available sku { id } } } }
      pickupSlots(first: 3, onlyAvailable: true) { edges { node { id remaining } } }
    } } } }`;
    // The page, its count-free stock pages, their counts, and the slot pages: four however many stores.
    expect(await statementsFor(stores, {})).toBe(4);
  });
});

describe('the store finder and pickup slots', () => {
  test('stores page by name with a cursor, optionally in one city', async () => {
    const all = await executeAs<{
      stores: { totalCount: number; edges: { cursor: string; node: { name: string; city: string } }[] };
    }>(center, 'query { stores(first: 100) { totalCount edges { cursor node { name city } } } }');
    expect(all.errors).toBeUndefined();
    const names = all.data!.stores.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    const first = await executeAs<{
      stores: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }>(center, 'query { stores(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }');
    expect(first.data!.stores.pageInfo.hasNextPage).toBe(true);
    const next = await executeAs<{ stores: { edges: { node: { id: string } }[] } }>(
      center,
      'query($after: String) { stores(first: 1, after: $after) { edges { node { id } } } }',
      { after: first.data!.stores.pageInfo.endCursor },
    );
    expect(next.data!.stores.edges[0]!.node.id).not.toBe(first.data!.stores.edges[0]!.node.id);

    const city = all.data!.stores.edges[0]!.node.city;
    const inCity = await executeAs<{ stores: { totalCount: number; edges: { node: { city: string } }[] } }>(
      center,
      'query($city: String) { stores(city: $city, first: 100) { totalCount edges { node { city } } } }',
      { city },
    );
    expect(inCity.data!.stores.edges.every((e) => e.node.city === city)).toBe(true);
    expect(inCity.data!.stores.totalCount).toBe(inCity.data!.stores.edges.length);
  });

  test('a store lists upcoming slots soonest first; onlyAvailable leaves out full ones', async () => {
    const store = await createStore(db);
    await createSlot(db, store.id, { inHours: -1 });
    const full = await createSlot(db, store.id, { inHours: 3, capacity: 2, booked: 2 });
    const later = await createSlot(db, store.id, { inHours: 5 });
    const soon = await createSlot(db, store.id, { inHours: 1 });
    const query = `query($id: ID!, $only: Boolean) { store(id: $id) {
      pickupSlots(first: 10, onlyAvailable: $only) { edges { node { id remaining available } } }
    } }`;
    const every = await executeAs<{ store: { pickupSlots: { edges: { node: { id: string } }[] } } }>(
      center,
      query,
      { id: store.id },
    );
    expect(every.data!.store.pickupSlots.edges.map((e) => e.node.id)).toEqual([soon.id, full.id, later.id]);
    const open = await executeAs<{ store: { pickupSlots: { edges: { node: { id: string } }[] } } }>(
      center,
      query,
      { id: store.id, only: true },
    );
    expect(open.data!.store.pickupSlots.edges.map((e) => e.node.id)).toEqual([soon.id, later.id]);
  });

  test('a forged cursor or a page size over 100 is a BAD_USER_INPUT error', async () => {
    for (const [query, vars] of [
      ['query($a: String) { stores(after: $a) { totalCount } }', { a: 'forged' }],
      ['query { stores(first: 101) { totalCount } }', {}],
      [
        'query($id: ID!, $a: String) { store(id: $id) { pickupSlots(after: $a) { pageInfo { hasNextPage } } } }',
        { id: seeded.storeIds[0], a: Buffer.from('["x"]').toString('base64url') },
      ],
    ] as const) {
      const result = await executeAs(center, query, vars);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    }
  });
});

describe('booking a pickup slot', () => {
  test('a buyer books a place: the slot has one place fewer and the booking has a pickup code', async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id, { capacity: 5 });
    const result = await book({ slotId: slot.id }, buyer());
    expect(result.errors).toBeUndefined();
    expect(result.data!.bookPickupSlot).toMatchObject({
      status: 'BOOKED',
      pickupCode: expect.stringMatching(/^\d{6}$/),
      slot: { id: slot.id, remaining: 4 },
      store: { id: store.id },
      order: null,
    });
  });

  test('bad input: signed out, unknown or malformed slot, started slot, bad key', async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id);
    const started = await createSlot(db, store.id, { inHours: -0.5 });
    expect(errorCodes(await book({ slotId: slot.id }))).toEqual(['UNAUTHENTICATED']);
    const cases: [Record<string, unknown>, string][] = [
      [{ slotId: newId() }, 'slotId'],
      [{ slotId: 'not-an-id' }, 'slotId'],
      [{ slotId: started.id }, 'slotId'],
      [{ slotId: slot.id, idempotencyKey: '   ' }, 'idempotencyKey'],
      [{ slotId: slot.id, idempotencyKey: 'k'.repeat(201) }, 'idempotencyKey'],
      [{ slotId: slot.id, orderId: 'not-an-order' }, 'orderId'],
    ];
    for (const [input, field] of cases) {
      const result = await book(input, buyer());
      expect(errorCodes(result), JSON.stringify(input)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(await bookedCount(slot.id)).toBe(0);
  });

  test('a full slot is a CONFLICT error with reason SLOT_FULL', async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id, { capacity: 3, booked: 3 });
    const result = await book({ slotId: slot.id }, buyer());
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.extensions?.reason).toBe('SLOT_FULL');
  });

  test('the same idempotency key twice returns the first booking; reused for another slot is a CONFLICT', async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id);
    const other = await createSlot(db, store.id, { inHours: 30 });
    const me = buyer();
    const idempotencyKey = randomUUID();
    const first = await book({ slotId: slot.id, idempotencyKey }, me);
    const again = await book({ slotId: slot.id, idempotencyKey }, me);
    expect(again.data!.bookPickupSlot.id).toBe(first.data!.bookPickupSlot.id);
    expect(await bookedCount(slot.id)).toBe(1);
    const reused = await book({ slotId: other.id, idempotencyKey }, me);
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
    expect(reused.errors?.[0]?.extensions?.reason).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys are per buyer: someone else's same key is their own booking.
    const theirs = await book({ slotId: slot.id, idempotencyKey }, buyer());
    expect(theirs.data!.bookPickupSlot.id).not.toBe(first.data!.bookPickupSlot.id);
    expect(await bookedCount(slot.id)).toBe(2);
  });

  test('30 buyers at once for a slot with 4 places: exactly 4 bookings, 26 SLOT_FULL', async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id, { capacity: 4 });
    const results = await Promise.all(Array.from({ length: 30 }, () => book({ slotId: slot.id }, buyer())));
    const codes = results.map((r) => errorCodes(r)[0] ?? 'OK');
    expect(codes.filter((c) => c === 'OK')).toHaveLength(4);
    expect(codes.filter((c) => c === 'CONFLICT')).toHaveLength(26);
    expect(await bookedCount(slot.id)).toBe(4);
  });

  test('the same key sent 8 times at once makes one booking', async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id, { capacity: 10 });
    const me = buyer();
    const idempotencyKey = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => book({ slotId: slot.id, idempotencyKey }, me)),
    );
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(new Set(results.map((r) => r.data!.bookPickupSlot.id)).size).toBe(1);
    expect(await bookedCount(slot.id)).toBe(1);
  });

  test("cancelling gives the place back, twice is harmless, someone else's is NOT_FOUND", async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id, { capacity: 1 });
    const me = buyer();
    const booked = await book({ slotId: slot.id }, me);
    const id = booked.data!.bookPickupSlot.id;
    expect(errorCodes(await book({ slotId: slot.id }, buyer()))).toEqual(['CONFLICT']);
    const CANCEL =
      'mutation($id: ID!) { cancelPickupBooking(id: $id) { id status cancelledAt slot { remaining } } }';
    expect(errorCodes(await executeAs(center, CANCEL, { id }, buyer()))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await executeAs(center, CANCEL, { id }))).toEqual(['UNAUTHENTICATED']);
    const cancelled = await executeAs(center, CANCEL, { id }, me);
    expect(cancelled.data?.cancelPickupBooking).toMatchObject({
      id,
      status: 'CANCELLED',
      cancelledAt: expect.any(String),
      slot: { remaining: 1 },
    });
    const twice = await executeAs(center, CANCEL, { id }, me);
    expect(twice.errors).toBeUndefined();
    expect(await bookedCount(slot.id)).toBe(0);
    expect((await book({ slotId: slot.id }, buyer())).errors).toBeUndefined();
  });
});

// One buyer's order history in the Transaction Center, for bookings that name an order.
const orderBuyer = buyer();
const history = await seedOrders(ordersCenter.database.db, {
  buyers: [orderBuyer.userId!],
  skus: skus.slice(0, 4).map((s) => ({ ...s, title: '有机菠菜 300g', price: 990, currency: 'CNY' })),
  count: 30,
  seed: 5,
});
const open = history.orders.filter((o) => o.status !== 'CANCELLED');
const cancelledOrder = history.orders.find((o) => o.status === 'CANCELLED');

describe('pickups of orders', () => {
  test("a buyer books a pickup for their order; it shows as the order's pickup; a second is a CONFLICT", async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id);
    const orderId = open[0]!.id;
    const booked = await book({ slotId: slot.id, orderId }, orderBuyer);
    expect(booked.errors).toBeUndefined();
    expect(booked.data!.bookPickupSlot.order).toEqual({ id: orderId });

    const pickup = await executeAs(
      center,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { pickup { id slot { id } } } } }',
      { r: [{ __typename: 'Order', id: orderId }] },
      orderBuyer,
    );
    expect(pickup.data?._entities).toEqual([
      { pickup: { id: booked.data!.bookPickupSlot.id, slot: { id: slot.id } } },
    ]);
    const hidden = await executeAs(
      center,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { pickup { id } } } }',
      { r: [{ __typename: 'Order', id: orderId }] },
      buyer(),
    );
    expect(hidden.data?._entities).toEqual([{ pickup: null }]);

    const second = await book({ slotId: slot.id, orderId }, orderBuyer);
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors?.[0]?.extensions?.reason).toBe('ORDER_ALREADY_BOOKED');
  });

  test("an unknown order, someone else's, or a cancelled one is a BAD_USER_INPUT error", async () => {
    const store = await createStore(db);
    const slot = await createSlot(db, store.id);
    const attempts: [string, Identity][] = [
      [newId(), orderBuyer],
      [open[1]!.id, buyer()],
    ];
    if (cancelledOrder) attempts.push([cancelledOrder.id, orderBuyer]);
    for (const [orderId, identity] of attempts) {
      const result = await book({ slotId: slot.id, orderId }, identity);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('orderId');
    }
    expect(await bookedCount(slot.id)).toBe(0);
  });
});
