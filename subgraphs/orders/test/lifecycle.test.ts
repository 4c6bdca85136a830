import { randomUUID } from 'node:crypto';
import { ANONYMOUS, isId, newId } from '@zhongtai/subgraph-kit';
import {
  errorCodes,
  executeAs,
  type GraphQLResponse,
  usesRealPostgres,
} from '@zhongtai/subgraph-kit/testing';
import { eq, sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { afterAll, test as base, describe, expect, vi } from 'vitest';
import { orders as ordersTable } from '../src/db/schema.ts';
import { markOrderPaid } from '../src/lifecycle.ts';
import { as, type CatalogSku, startCenters } from '../src/testing.ts';

const centers = await startCenters('orders_lifecycle');
afterAll(() => centers.stop());
const { orders, db } = centers;

interface Order {
  id: string;
  number: string;
  status: string;
  expiresAt: string | null;
  paidAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}

const FIELDS = 'id number status expiresAt paidAt cancelledAt cancelReason';

/** A pending order of a buyer of its own for 2 units of a SKU of its own (100 in stock). */
const test = base.extend<{ sku: CatalogSku; order: Order & { buyer: string } }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  sku: async ({}, use) => {
    const [sku] = await centers.catalog(1);
    await use(sku!);
  },
  order: async ({ sku }, use) => {
    const buyer = newId();
    const result = await executeAs<{ placeOrder: Order }>(
      orders,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { ${FIELDS} } }`,
      { input: { lines: [{ skuId: sku.id, quantity: 2 }], idempotencyKey: randomUUID() } },
      as(buyer),
    );
    expect(result.errors).toBeUndefined();
    await use({ ...result.data!.placeOrder, buyer });
  },
});

const cancel = (id: string, buyer: string | null) =>
  executeAs<{ cancelOrder: Order }>(
    orders,
    `mutation($id: ID!) { cancelOrder(id: $id) { ${FIELDS} } }`,
    { id },
    buyer ? as(buyer) : undefined,
  );

const MARK_PAID = `mutation($orderId: ID!, $paymentId: ID!) { markOrderPaid(orderId: $orderId, paymentId: $paymentId) { ${FIELDS} } }`;

/**
 * Records a payment of the order's total (or of `amount`) as markOrderPaid does once the Payment
 * Center confirmed it: that check needs the Payment Center, whose tests cover it end to end.
 */
async function pay(
  orderId: string,
  paymentId: string,
  buyer: string,
  amount?: number,
): Promise<GraphQLResponse<{ markOrderPaid: Order }>> {
  const [row] = isId(orderId) ? await db.select().from(ordersTable).where(eq(ordersTable.id, orderId)) : [];
  const identity = as(buyer);
  try {
    await markOrderPaid(
      db,
      orders.contextFor(identity).centers.inventory,
      buyer,
      orderId,
      { id: paymentId, amount: amount ?? row?.totalAmount ?? 0, currency: row?.currency ?? 'CNY' },
      { identity, requestId: 'lifecycle-test' },
    );
    return { data: { markOrderPaid: await read(orderId, buyer) } };
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { errors: [{ message: error.message, extensions: error.extensions }] };
  }
}

async function read(id: string, buyer: string): Promise<Order> {
  const result = await executeAs<{ order: Order }>(
    orders,
    `query($id: ID!) { order(id: $id) { ${FIELDS} } }`,
    { id },
    as(buyer),
  );
  return result.data!.order;
}

/** Moves an order's payment deadline into the past, as if its time had run out. */
const overdue = (id: string) =>
  db.update(ordersTable).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(ordersTable.id, id));

describe('cancelling', () => {
  test('cancelling an unpaid order releases its stock', async ({ order, sku }) => {
    expect(await centers.stock(sku.id)).toEqual({ available: 98, reserved: 2 });
    const result = await cancel(order.id, order.buyer);
    expect(result.errors).toBeUndefined();
    expect(result.data?.cancelOrder).toMatchObject({
      id: order.id,
      status: 'CANCELLED',
      cancelReason: 'BUYER_CANCELLED',
      expiresAt: null,
      paidAt: null,
    });
    expect(result.data?.cancelOrder.cancelledAt).toEqual(expect.any(String));
    expect(await centers.stock(sku.id)).toEqual({ available: 100, reserved: 0 });
  });

  test('cancelling a cancelled order returns it unchanged', async ({ order, sku }) => {
    const first = await cancel(order.id, order.buyer);
    const second = await cancel(order.id, order.buyer);
    expect(second.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(await centers.stock(sku.id)).toEqual({ available: 100, reserved: 0 });
  });

  test('a paid order cannot be cancelled: CONFLICT', async ({ order, sku }) => {
    await pay(order.id, newId(), order.buyer);
    const result = await cancel(order.id, order.buyer);
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect((await read(order.id, order.buyer)).status).toBe('PAID');
    expect(await centers.stock(sku.id)).toEqual({ available: 98, reserved: 0 });
  });

  test("another buyer's order, or an unknown one, is NOT_FOUND; signed out is UNAUTHENTICATED", async ({
    order,
  }) => {
    expect(errorCodes(await cancel(order.id, newId()))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await cancel(newId(), order.buyer))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await cancel('nope', order.buyer))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await cancel(order.id, null))).toEqual(['UNAUTHENTICATED']);
    expect((await read(order.id, order.buyer)).status).toBe('PENDING_PAYMENT');
  });
});

describe('paying', () => {
  test('a payment marks the order paid and commits its stock', async ({ order, sku }) => {
    const paymentId = newId();
    const result = await pay(order.id, paymentId, order.buyer);
    expect(result.errors).toBeUndefined();
    expect(result.data?.markOrderPaid).toMatchObject({ status: 'PAID', expiresAt: null, cancelledAt: null });
    expect(result.data?.markOrderPaid.paidAt).toEqual(expect.any(String));
    expect(await centers.stock(sku.id)).toEqual({ available: 98, reserved: 0 });
  });

  test('the same payment twice returns the order; another payment is a CONFLICT', async ({ order }) => {
    const paymentId = newId();
    const first = await pay(order.id, paymentId, order.buyer);
    const again = await pay(order.id, paymentId, order.buyer);
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(errorCodes(await pay(order.id, newId(), order.buyer))).toEqual(['CONFLICT']);
  });

  test('a cancelled order, or one past its deadline, cannot be paid: CONFLICT', async ({ order, sku }) => {
    const [other] = await centers.catalog(1);
    const second = await executeAs<{ placeOrder: Order }>(
      orders,
      'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      { input: { lines: [{ skuId: other!.id, quantity: 1 }], idempotencyKey: randomUUID() } },
      as(order.buyer),
    );
    await cancel(order.id, order.buyer);
    const lateId = second.data!.placeOrder.id;
    await overdue(lateId);

    expect(errorCodes(await pay(order.id, newId(), order.buyer))).toEqual(['CONFLICT']);
    const late = await pay(lateId, newId(), order.buyer);
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors?.[0]?.message).toMatch(/expired/);
    expect((await read(lateId, order.buyer)).status).toBe('PENDING_PAYMENT');
    expect(await centers.stock(sku.id)).toEqual({ available: 100, reserved: 0 });
    expect(await centers.stock(other!.id)).toEqual({ available: 99, reserved: 1 });
  });

  test("paying another buyer's order is NOT_FOUND and a malformed payment id BAD_USER_INPUT", async ({
    order,
  }) => {
    expect(errorCodes(await pay(order.id, newId(), newId()))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await pay(order.id, 'pay-1', order.buyer))).toEqual(['BAD_USER_INPUT']);
  });

  test("a payment of another amount than the order's total is refused and the order stays unpaid", async ({
    order,
  }) => {
    expect(errorCodes(await pay(order.id, newId(), order.buyer, 1))).toEqual(['BAD_USER_INPUT']);
    expect((await read(order.id, order.buyer)).status).toBe('PENDING_PAYMENT');
  });

  test('the buyer, an anonymous caller or the router cannot call markOrderPaid: FORBIDDEN', async ({
    order,
  }) => {
    const variables = { orderId: order.id, paymentId: newId() };
    for (const identity of [as(order.buyer), ANONYMOUS, { ...as(order.buyer), service: 'router' }]) {
      expect(errorCodes(await executeAs(orders, MARK_PAID, variables, identity))).toEqual(['FORBIDDEN']);
    }
    expect((await read(order.id, order.buyer)).status).toBe('PENDING_PAYMENT');
  });
});

describe('expiry', () => {
  test('overdue unpaid orders are cancelled as expired and their stock released; others are left alone', async ({
    order,
    sku,
  }) => {
    const [other] = await centers.catalog(1);
    const place = (skuId: string) =>
      executeAs<{ placeOrder: Order }>(
        orders,
        'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
        { input: { lines: [{ skuId, quantity: 1 }], idempotencyKey: randomUUID() } },
        as(order.buyer),
      );
    const paid = (await place(other!.id)).data!.placeOrder.id;
    const fresh = (await place(other!.id)).data!.placeOrder.id;
    await pay(paid, newId(), order.buyer);
    await overdue(order.id);
    await overdue(paid);

    expect(await orders.expireOverdueOrders()).toBeGreaterThanOrEqual(1);
    expect(await read(order.id, order.buyer)).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'PAYMENT_EXPIRED',
    });
    expect((await read(paid, order.buyer)).status).toBe('PAID');
    expect((await read(fresh, order.buyer)).status).toBe('PENDING_PAYMENT');
    expect(await centers.stock(sku.id)).toEqual({ available: 100, reserved: 0 });
    expect(await centers.stock(other!.id)).toEqual({ available: 98, reserved: 1 });
  });

  test('many overdue orders expire in several small batches', async ({ sku }) => {
    const buyer = newId();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const result = await executeAs<{ placeOrder: Order }>(
        orders,
        'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
        { input: { lines: [{ skuId: sku.id, quantity: 1 }], idempotencyKey: randomUUID() } },
        as(buyer),
      );
      ids.push(result.data!.placeOrder.id);
    }
    for (const id of ids) await overdue(id);
    expect(await orders.expireOverdueOrders({ batchSize: 3 })).toBe(7);
    for (const id of ids) expect((await read(id, buyer)).status).toBe('CANCELLED');
    expect(await centers.stock(sku.id)).toEqual({ available: 100, reserved: 0 });
  });

  // PGlite has one connection: nothing runs beside a transaction there.
  test.skipIf(!usesRealPostgres())(
    'an order locked by a payment in progress is skipped, not waited for',
    async ({ order }) => {
      await overdue(order.id);
      await db.transaction(async (tx) => {
        await tx.select().from(ordersTable).where(eq(ordersTable.id, order.id)).for('update');
        expect(await orders.expireOverdueOrders()).toBe(0);
      });
      expect(await orders.expireOverdueOrders()).toBe(1);
    },
  );

  test('the sweeper expires overdue orders on its own', async ({ sku }) => {
    const swept = await centers.anotherOrdersCenter({ ORDER_TTL_SECONDS: 1, EXPIRY_SWEEP_SECONDS: 1 });
    try {
      const buyer = newId();
      const result = await executeAs<{ placeOrder: Order }>(
        swept,
        'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
        { input: { lines: [{ skuId: sku.id, quantity: 3 }], idempotencyKey: randomUUID() } },
        as(buyer),
      );
      const id = result.data!.placeOrder.id;
      expect(await centers.stock(sku.id)).toEqual({ available: 97, reserved: 3 });
      await vi.waitFor(
        async () => {
          const order = await executeAs<{ order: Order }>(
            swept,
            'query($id: ID!) { order(id: $id) { status cancelReason } }',
            { id },
            as(buyer),
          );
          expect(order.data?.order).toEqual({ status: 'CANCELLED', cancelReason: 'PAYMENT_EXPIRED' });
        },
        { timeout: 5000, interval: 200 },
      );
      expect(await centers.stock(sku.id)).toEqual({ available: 100, reserved: 0 });
    } finally {
      await swept.stop();
    }
  });
});
