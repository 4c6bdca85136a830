import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { schema as ordersSchema } from '@zhongtai/orders';
import { startCenters as startOrdersCenters } from '@zhongtai/orders/testing';
import { schema as productsSchema } from '@zhongtai/products';
import { ANONYMOUS, type Identity } from '@zhongtai/subgraph-kit';
import { errorCodes, executeAs, type GraphQLResponse } from '@zhongtai/subgraph-kit/testing';
import { eq, sql } from 'drizzle-orm';
import { test as base, expect } from 'vitest';
import { type PaymentMethod, payments } from '../src/db/schema.ts';
import {
  type CaptureRequest,
  createPaymentsCenter,
  type PaymentProvider,
  SimulatedProvider,
} from '../src/server.ts';

export type PaymentsCenter = Awaited<ReturnType<typeof createPaymentsCenter>>;

function freePort(): Promise<number> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * What one test sees of the provider: the captures that took money for its own requests, and a
 * moment during each of its captures where it can change the world (expire the order, cut the line
 * to the Transaction Center). Carried by AsyncLocalStorage from the test's `pay` calls down to the
 * provider, so tests running side by side never count or disturb each other's captures.
 */
interface TestScope {
  captures: CaptureRequest[];
  duringCapture?: (request: CaptureRequest) => Promise<void>;
}

const scopes = new AsyncLocalStorage<TestScope>();

/** An order as the Transaction Center returned it when the buyer placed it. */
export interface PlacedOrder {
  id: string;
  skuId: string;
  total: { amount: number; currency: string };
}

/** A Transaction Center port a test can close and open again: the center itself keeps running. */
export interface Door {
  url: string;
  close(): Promise<void>;
  reopen(): Promise<void>;
}

/**
 * The Payment Center and the real centers it depends on, all in this process, each listening on a
 * free port and all on this test file's database (or each on a PGlite of its own): the Transaction
 * Center (with the User, Product and Inventory Centers it calls), and the Payment Center that calls
 * it over HTTP as in production. Start one set per test file: they are costly.
 */
export async function startCenters(label: string) {
  // The Transaction Center and the centers it calls, as the Transaction Center's own tests start them;
  // it checks the payments it is told of with the Payment Center under test, at a port kept for it.
  const paymentsPort = await freePort();
  const chain = await startOrdersCenters(label, { paymentsUrl: `http://127.0.0.1:${paymentsPort}/graphql` });
  const { common, orders, users, products, inventory } = chain;
  const ordersUrl = `${await orders.listen(0)}/graphql`;
  const SUBGRAPH_URLS: Record<string, string> = { ...chain.SUBGRAPH_URLS, orders: ordersUrl };

  // The simulated provider, seen through each test's scope.
  const simulated = new SimulatedProvider();
  const provider: PaymentProvider = {
    name: simulated.name,
    capture: async (request) => {
      const scope = scopes.getStore();
      await scope?.duringCapture?.(request);
      const result = await simulated.capture(request);
      // A capture the provider deduplicated takes no money and is not logged again.
      if (simulated.captures.includes(request)) scope?.captures.push(request);
      return result;
    },
    refund: (request) => simulated.refund(request),
  };

  /** A Payment Center on this file's database (or a PGlite of its own) that reaches orders at `url`. */
  const paymentsCenter = (ordersUrl: string) =>
    createPaymentsCenter(
      // No reconciler of its own: a test reconciles exactly when it means to.
      { ...common, SUBGRAPH_URLS: { ...SUBGRAPH_URLS, orders: ordersUrl }, RECONCILE_SWEEP_SECONDS: 0 },
      { provider },
    );
  const main = await paymentsCenter(ordersUrl);
  await main.listen(paymentsPort);
  /** How to stop the Payment Centers tests made on the side, should a test not have. */
  const extras = new Set<() => Promise<void>>();

  const centers = {
    /** The Payment Center under test, calling the Transaction Center at its own address. */
    payments: main,
    orders,
    users,
    products,
    inventory,
    simulated,

    /** A user who signed up with the User Center, as the router would present them. */
    async signUp(): Promise<Identity> {
      const { id } = await chain.signUp();
      return { userId: id, scopes: [] };
    },

    /**
     * An order the buyer just placed with the Transaction Center: one unit of a SKU of a seller of
     * its own (priced `price`, if given), with ten in stock. It waits for payment.
     */
    async placeOrder(buyer: Identity, options: { price?: number } = {}): Promise<PlacedOrder> {
      const [sku] = await chain.catalog(1, 10);
      if (!sku) throw new Error('the catalog made no SKU');
      if (options.price !== undefined) {
        await products.database.db
          .update(productsSchema.skus)
          .set({ priceAmount: options.price })
          .where(eq(productsSchema.skus.id, sku.id));
      }
      const placed = await executeAs<{ placeOrder: PlacedOrder & { status: string } }>(
        orders,
        'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status total { amount currency } } }',
        { input: { lines: [{ skuId: sku.id, quantity: 1 }], idempotencyKey: randomUUID() } },
        buyer,
      );
      if (placed.errors) throw new Error(JSON.stringify(placed.errors));
      const { status, ...order } = placed.data!.placeOrder;
      expect(status).toBe('PENDING_PAYMENT');
      return { ...order, skuId: sku.id };
    },

    /** The order as the Transaction Center shows it to its buyer. */
    async orderAsBuyerSees(orderId: string, buyer: Identity) {
      const result = await executeAs<{
        order: { status: string; paidAt: string | null; cancelReason: string | null } | null;
      }>(orders, 'query($id: ID!) { order(id: $id) { status paidAt cancelReason } }', { id: orderId }, buyer);
      expect(result.errors).toBeUndefined();
      return result.data!.order;
    },

    /** The payment the Transaction Center recorded for the order (not in its API: the center's own row). */
    async paymentIdRecordedFor(orderId: string): Promise<string | null> {
      const [row] = await orders.database.db
        .select({ paymentId: ordersSchema.orders.paymentId })
        .from(ordersSchema.orders)
        .where(eq(ordersSchema.orders.id, orderId));
      return row!.paymentId;
    },

    /** The SKU's stock as the Inventory Center tells it. */
    stock: (skuId: string) => chain.stock(skuId),

    /** Unpaid orders with their stock reserved, stored in bulk (see the Transaction Center's testing). */
    reservedOrders: (count: number, options: { overdue: boolean }) => chain.reservedOrders(count, options),

    /**
     * Lets the order run out of time and has the Transaction Center's expiry sweep cancel it, as its
     * sweeper would (other orders are not overdue, so the sweep leaves them alone).
     */
    async expire(orderId: string) {
      await orders.database.db
        .update(ordersSchema.orders)
        .set({ expiresAt: sql`now() - interval '1 second'` })
        .where(eq(ordersSchema.orders.id, orderId));
      expect(await orders.expireOverdueOrders()).toBeGreaterThanOrEqual(1);
    },

    /** The seller hands the paid order to the carrier (the Transaction Center has no API for it yet). */
    async ship(orderId: string) {
      await orders.database.db
        .update(ordersSchema.orders)
        .set({ status: 'SHIPPED' })
        .where(eq(ordersSchema.orders.id, orderId));
    },

    /**
     * Another port of the real Transaction Center (its own HTTP server, serving the center's requests),
     * and a Payment Center of its own that calls the Transaction Center there. Closing the door makes
     * the Transaction Center unreachable for that Payment Center only; the center and the other tests
     * are untouched. The caller stops it.
     */
    async paymentsBehindDoor(): Promise<{ payments: PaymentsCenter; door: Door; stop(): Promise<void> }> {
      const server = createServer();
      for (const listener of orders.httpServer.listeners('request')) {
        server.on('request', listener as RequestListener);
      }
      const listen = (port: number) =>
        new Promise<number>((resolve, reject) => {
          server.once('error', reject);
          server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve((server.address() as AddressInfo).port);
          });
        });
      const port = await listen(0);
      let open = true;
      const door: Door = {
        url: `http://127.0.0.1:${port}/graphql`,
        close: async () => {
          if (!open) return;
          open = false;
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
        },
        reopen: async () => {
          if (open) return;
          await listen(port);
          open = true;
        },
      };
      const payments = await paymentsCenter(door.url);
      const stop = async () => {
        extras.delete(stop);
        await payments.stop();
        await door.close();
      };
      extras.add(stop);
      return { payments, door, stop };
    },

    async stop() {
      for (const stop of [...extras]) await stop();
      await main.stop();
      await chain.stop();
    },
  };
  return centers;
}

export type Centers = Awaited<ReturnType<typeof startCenters>>;

const PAY = /* GraphQL */ `
  mutation Pay($orderId: ID!, $method: PaymentMethod!, $idempotencyKey: String!) {
    payOrder(orderId: $orderId, method: $method, idempotencyKey: $idempotencyKey) {
      id status method amount { amount currency } order { id } failureReason createdAt capturedAt refundedAt
    }
  }
`;

export interface Paid {
  id: string;
  status: string;
  method: string;
  amount: { amount: number; currency: string };
  order: { id: string };
  failureReason: string | null;
  createdAt: string;
  capturedAt: string | null;
  refundedAt: string | null;
}

export interface PayOptions {
  /** Who pays: the test's buyer unless given; `ANONYMOUS` for a request without a signed-in user. */
  as?: Identity;
  method?: PaymentMethod;
  /** The Payment Center asked: the file's own unless given. */
  via?: PaymentsCenter;
}

export type Pay = (
  orderId: string,
  idempotencyKey: string,
  options?: PayOptions,
) => Promise<GraphQLResponse<{ payOrder: Paid }>>;

export interface PaymentFixtures {
  /** A user who signed up with the User Center. */
  buyer: Identity;
  /** Another signed-up user, who has nothing to do with the buyer's orders. */
  stranger: Identity;
  /** An order the buyer placed with the real Transaction Center, waiting for payment. */
  order: PlacedOrder;
  /** A fresh idempotency key. */
  key: string;
  /** payOrder on the Payment Center, as the buyer unless told otherwise. */
  pay: Pay;
  /** How many captures took money for this test's payments so far. */
  captures: () => number;
  /** Runs `hook` during each of this test's captures, after the order was checked and before markOrderPaid. */
  duringCapture: (hook: () => Promise<void>) => void;
  /** This test's slice of the provider (internal to the other fixtures). */
  scope: TestScope;
  /**
   * The buyer paid `order` with `key` through a Payment Center whose line to the Transaction Center
   * went down while the money was taken: the payment is CAPTURED, the order was never told (still
   * PENDING_PAYMENT), and the door stays closed. Stopped after the test.
   */
  cutOff: { payments: PaymentsCenter; door: Door; row: typeof payments.$inferSelect };
}

/** The file's `test`, with the fixtures above backed by its centers. */
export function paymentsTest(centers: Centers) {
  return base.extend<PaymentFixtures>({
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
    buyer: async ({}, use) => {
      await use(await centers.signUp());
    },
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
    stranger: async ({}, use) => {
      await use(await centers.signUp());
    },
    order: async ({ buyer }, use) => {
      await use(await centers.placeOrder(buyer));
    },
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
    key: async ({}, use) => {
      await use(randomUUID());
    },
    // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
    scope: async ({}, use) => {
      await use({ captures: [] });
    },
    pay: async ({ buyer, scope }, use) => {
      await use((orderId, idempotencyKey, options = {}) =>
        scopes.run(scope, () =>
          executeAs<{ payOrder: Paid }>(
            options.via ?? centers.payments,
            PAY,
            { orderId, method: options.method ?? 'ALIPAY', idempotencyKey },
            options.as ?? buyer,
          ),
        ),
      );
    },
    captures: async ({ scope }, use) => {
      await use(() => scope.captures.length);
    },
    duringCapture: async ({ scope }, use) => {
      await use((hook) => {
        scope.duringCapture = hook;
      });
    },
    cutOff: async ({ buyer, order, key, pay, duringCapture }, use) => {
      const { payments: center, door, stop } = await centers.paymentsBehindDoor();
      try {
        duringCapture(() => door.close());
        const first = await pay(order.id, key, { via: center });
        expect(errorCodes(first)).toEqual(['SERVICE_UNAVAILABLE']);
        const [row, ...others] = await rowsOf(center, order.id);
        expect(others).toEqual([]);
        expect(row).toMatchObject({ status: 'CAPTURED', settledAt: null });
        expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({ status: 'PENDING_PAYMENT' });
        await use({ payments: center, door, row: row! });
      } finally {
        await stop();
      }
    },
  });
}

/** Every payment row of the order in a Payment Center's database. */
export const rowsOf = (center: PaymentsCenter, orderId: string) =>
  center.database.db.select().from(payments).where(eq(payments.orderId, orderId));

export const ORDER_PAYMENT = /* GraphQL */ `
  query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id payment { id status } } } }
`;

/** The order's payment as the Payment Center adds it to the Order entity, for the given user. */
export async function paymentOfOrder(
  center: PaymentsCenter,
  orderId: string,
  identity: Identity = ANONYMOUS,
) {
  const result = await executeAs<{ _entities: { payment: { id: string; status: string } | null }[] }>(
    center,
    ORDER_PAYMENT,
    { r: [{ __typename: 'Order', id: orderId }] },
    identity,
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0]!.payment;
}
