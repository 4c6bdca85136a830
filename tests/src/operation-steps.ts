import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import * as fresh from '@zhongtai/fresh';
import * as inventory from '@zhongtai/inventory';
import * as orders from '@zhongtai/orders';
import * as payments from '@zhongtai/payments';
import * as products from '@zhongtai/products';
import * as reviews from '@zhongtai/reviews';
import { loadOperations, type OperationFile } from '@zhongtai/scripts/operations';
import * as users from '@zhongtai/users';
import { expect } from 'vitest';
import { graphql } from './client.ts';
import type { InProcessSupergraph } from './in-process.ts';

// Every front-end operation under schema/operations gets a step: its variables, and what it must answer.
// operations.test.ts runs them through the router; the differential test through two engines.

/** What earlier steps learned, for later steps' variables. */
export interface Flow {
  token: string;
  productId: string;
  slug: string;
  skuId: string;
  searchTerm: string;
  storeId: string;
  city: string;
  slotId?: string;
  orderId?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: each step reads the shape of its own operation's data
export type Data = any;

export interface Step {
  variables: (flow: Flow) => Record<string, unknown>;
  /** Checks beyond "no errors, every root field non-null", and what later steps need. */
  check?: (data: Data, flow: Flow) => void;
}

/** Run in this order: mutations make what later queries read (an order, a payment, a pickup). */
export const STEPS: [string, Step][] = [
  [
    'web/SignIn',
    {
      variables: () => ({ email: users.DEMO_EMAIL, password: users.DEMO_PASSWORD }),
      check: (data) => expect(data.signIn.token).toEqual(expect.any(String)),
    },
  ],
  ['web/Me', { variables: () => ({}), check: (data) => expect(data.me.handle).toBeTruthy() }],
  [
    'web/ProductList',
    { variables: () => ({ first: 12 }), check: (data) => expect(data.products.edges).toHaveLength(12) },
  ],
  [
    'web/ProductSearch',
    {
      variables: (flow) => ({ search: flow.searchTerm, first: 10 }),
      check: (data) => expect(data.products.edges.length).toBeGreaterThan(0),
    },
  ],
  [
    'web/ProductPage',
    {
      variables: (flow) => ({ slug: flow.slug, province: '浙江省' }),
      check: (data, flow) => expect(data.product.id).toBe(flow.productId),
    },
  ],
  ['mobile/ProductCard', { variables: (flow) => ({ id: flow.productId }) }],
  [
    'web/AddToCart',
    {
      variables: (flow) => ({ skuId: flow.skuId, quantity: 2 }),
      check: (data) => expect(data.addToCart.totalQuantity).toBeGreaterThanOrEqual(2),
    },
  ],
  [
    'web/Cart',
    { variables: () => ({}), check: (data) => expect(data.me.cart.lines.length).toBeGreaterThan(0) },
  ],
  ['web/RemoveFromCart', { variables: (flow) => ({ skuId: flow.skuId }) }],
  [
    'web/PlaceOrder',
    {
      variables: (flow) => ({
        input: { lines: [{ skuId: flow.skuId, quantity: 1 }], idempotencyKey: randomUUID() },
      }),
      check: (data, flow) => {
        expect(data.placeOrder.status).toBe('PENDING_PAYMENT');
        flow.orderId = data.placeOrder.id;
      },
    },
  ],
  [
    'web/PayOrder',
    {
      variables: (flow) => ({ orderId: flow.orderId, method: 'ALIPAY', idempotencyKey: randomUUID() }),
      check: (data, flow) => expect(data.payOrder.order.id).toBe(flow.orderId),
    },
  ],
  [
    'fresh/StoreFinder',
    {
      variables: (flow) => ({ city: flow.city, first: 10 }),
      check: (data, flow) => {
        expect(data.stores.edges.length).toBeGreaterThan(0);
        expect(data.stores.edges.map((e: Data) => e.node.id)).toContain(flow.storeId);
      },
    },
  ],
  [
    'fresh/PickupSlots',
    {
      variables: (flow) => ({ storeId: flow.storeId, first: 10 }),
      check: (data, flow) => {
        const slots = data.store.pickupSlots.edges;
        expect(slots.length).toBeGreaterThan(0);
        flow.slotId = slots[0].node.id;
      },
    },
  ],
  [
    'fresh/FreshProductPage',
    {
      variables: (flow) => ({ slug: flow.slug, storeId: flow.storeId }),
      check: (data) => expect(data.product.skus.some((sku: Data) => sku.freshStock !== null)).toBe(true),
    },
  ],
  [
    'fresh/BookPickupSlot',
    {
      variables: (flow) => ({
        input: { slotId: flow.slotId, orderId: flow.orderId, idempotencyKey: randomUUID() },
      }),
      check: (data, flow) => {
        expect(data.bookPickupSlot).toMatchObject({ status: 'BOOKED', order: { id: flow.orderId } });
      },
    },
  ],
  [
    'fresh/PickupStatus',
    {
      variables: (flow) => ({ orderId: flow.orderId }),
      check: (data, flow) => {
        expect(data.order.id).toBe(flow.orderId);
        expect(data.order.pickup).toMatchObject({ status: 'BOOKED', pickupCode: expect.any(String) });
      },
    },
  ],
  [
    'mobile/OrderStatus',
    {
      variables: (flow) => ({ id: flow.orderId }),
      check: (data) => expect(data.order.payment).not.toBeNull(),
    },
  ],
  [
    'mobile/OrderList',
    {
      variables: () => ({ first: 5 }),
      check: (data) => expect(data.me.orders.edges.length).toBeGreaterThan(0),
    },
  ],
  [
    'web/OrderHistory',
    {
      variables: () => ({ first: 5 }),
      check: (data) => expect(data.me.orders.edges.length).toBeGreaterThan(0),
    },
  ],
];

/** Every operation file by `<client>/<name>`, the key STEPS use. */
export function operationsByKey(): Map<string, OperationFile> {
  const keyOf = (operation: OperationFile) => `${operation.client}/${basename(operation.path, '.graphql')}`;
  return new Map(loadOperations().map((operation) => [keyOf(operation), operation]));
}

/**
 * Seeds every center with one coherent data set (seed 17) and returns what the first steps need:
 * a product Fresh stocks at its first store, with a SKU the Inventory Center has in stock.
 */
export async function seedSupergraph(supergraph: InProcessSupergraph): Promise<Flow> {
  const { centers } = supergraph;
  const flow = {} as Flow;
  const seed = 17;
  const { userIds } = await users.seedUsers(centers.users.database.db, { count: 20, seed });
  const catalog = await products.seedProducts(centers.products.database.db, {
    sellerIds: userIds.slice(0, 3),
    products: 40,
    seed,
  });
  await inventory.seedInventory(centers.inventory.database.db, { skus: catalog.skus, seed });
  const history = await orders.seedOrders(centers.orders.database.db, {
    buyers: userIds,
    skus: catalog.skus,
    count: 60,
    seed,
  });
  await payments.seedPayments(centers.payments.database.db, { orders: history.orders, seed });
  await reviews.seedReviews(centers.reviews.database.db, {
    productIds: catalog.productIds,
    authorIds: userIds,
    count: 200,
    seed,
  });
  const grocery = await fresh.seedFresh(centers.fresh.database.db, { skus: catalog.skus, stores: 3, seed });

  flow.storeId = grocery.storeIds[0]!;
  flow.productId = grocery.productIds[0]!;
  const lookup = await graphql<{
    product: { slug: string; brand: string; skus: { id: string; stock: { available: number } }[] };
    store: { city: string };
  }>(
    supergraph.routerUrl,
    'query($id: ID!, $store: ID!) { product(id: $id) { slug brand skus { id stock { available } } } store(id: $store) { city } }',
    { id: flow.productId, store: flow.storeId },
  );
  expect(lookup.errors).toBeUndefined();
  const product = lookup.data!.product;
  flow.slug = product.slug;
  flow.searchTerm = product.brand;
  flow.city = lookup.data!.store.city;
  const skus = [...product.skus].sort((a, b) => b.stock.available - a.stock.available);
  flow.skuId = skus[0]!.id;
  expect(skus[0]!.stock.available).toBeGreaterThan(2);
  return flow;
}
