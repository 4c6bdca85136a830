import { randomUUID } from 'node:crypto';
import { ANONYMOUS, type Identity, newId } from '@zhongtai/subgraph-kit';
import { errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, describe, expect } from 'vitest';
import { insertPayments } from '../src/repositories/payments.ts';
import { SimulatedProvider } from '../src/server.ts';
import { ORDER_PAYMENT, paymentOfOrder, paymentsTest, rowsOf, startCenters } from './centers.ts';

// The real Transaction Center (and the User, Product and Inventory Centers it calls) on this file's
// database; the Payment Center checks and marks orders with it over HTTP, as in production.
const centers = await startCenters('payments');
afterAll(() => centers.stop());
const test = paymentsTest(centers);
const { payments: center, simulated } = centers;

describe('the simulated provider', () => {
  const request = (amount: number, idempotencyKey: string = randomUUID()) => ({
    amount,
    currency: 'CNY',
    method: 'CARD' as const,
    reference: newId(),
    idempotencyKey,
  });

  test('it captures any amount but those ending in the declined fen', async () => {
    const own = new SimulatedProvider();
    expect(await own.capture(request(9900))).toMatchObject({ status: 'CAPTURED' });
    expect(await own.capture(request(9913))).toMatchObject({
      status: 'FAILED',
      failureReason: expect.any(String),
    });
    const strict = new SimulatedProvider({ declineFen: 0 });
    expect(await strict.capture(request(9900))).toMatchObject({ status: 'FAILED' });
    expect(await strict.capture(request(9913))).toMatchObject({ status: 'CAPTURED' });
    expect(own.captures).toHaveLength(1);
  });

  test('a capture retried with the same idempotency key takes the money once', async () => {
    const own = new SimulatedProvider();
    const first = await own.capture(request(5000, 'same'));
    const again = await own.capture(request(5000, 'same'));
    expect(again).toEqual(first);
    expect(own.captures).toHaveLength(1);
    const refund = await own.refund({
      providerReference: first.providerReference,
      amount: 5000,
      currency: 'CNY',
      reference: newId(),
    });
    expect(refund.status).toBe('REFUNDED');
    expect(own.refunds).toHaveLength(1);
  });
});

describe('paying an order', () => {
  test('the buyer pays an order waiting for payment: the total is captured, the order paid and its stock committed', async ({
    buyer,
    order,
    key,
    pay,
    captures,
  }) => {
    expect(await centers.stock(order.skuId)).toEqual({ available: 9, reserved: 1 });
    const result = await pay(order.id, key, { method: 'WECHAT_PAY' });
    expect(result.errors).toBeUndefined();
    const payment = result.data!.payOrder;
    expect(payment).toMatchObject({
      status: 'CAPTURED',
      method: 'WECHAT_PAY',
      amount: order.total,
      order: { id: order.id },
      failureReason: null,
      refundedAt: null,
    });
    expect(order.total.amount).toBeGreaterThan(0);
    expect(Date.parse(payment.capturedAt!)).toBeGreaterThanOrEqual(Date.parse(payment.createdAt));
    expect(captures()).toBe(1);
    expect(simulated.captures.find((capture) => capture.reference === payment.id)).toMatchObject({
      amount: order.total.amount,
      currency: order.total.currency,
      method: 'WECHAT_PAY',
    });

    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({
      status: 'PAID',
      paidAt: expect.any(String),
    });
    expect(await centers.paymentIdRecordedFor(order.id)).toBe(payment.id);
    expect(await centers.stock(order.skuId)).toEqual({ available: 9, reserved: 0 });
    expect(await paymentOfOrder(center, order.id, buyer)).toEqual({ id: payment.id, status: 'CAPTURED' });
  });

  test('a payment and an order’s payment are visible to the payer only', async ({
    buyer,
    stranger,
    order,
    key,
    pay,
  }) => {
    const paid = (await pay(order.id, key)).data!.payOrder;
    const query = 'query($id: ID!) { payment(id: $id) { id } }';
    expect((await executeAs(center, query, { id: paid.id }, buyer)).data).toEqual({
      payment: { id: paid.id },
    });
    expect((await executeAs(center, query, { id: paid.id }, stranger)).data).toEqual({ payment: null });
    expect((await executeAs(center, query, { id: paid.id })).data).toEqual({ payment: null });
    expect(await paymentOfOrder(center, order.id, buyer)).toEqual({ id: paid.id, status: 'CAPTURED' });
    expect(await paymentOfOrder(center, order.id, stranger)).toBeNull();
    expect(await paymentOfOrder(center, order.id)).toBeNull();
    const entity = await executeAs(
      center,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id } } }',
      { r: [{ __typename: 'Payment', id: paid.id }] },
      stranger,
    );
    expect(entity.data).toEqual({ _entities: [null] });
  });

  test('paying without signing in is UNAUTHENTICATED and a bad idempotency key is BAD_USER_INPUT', async ({
    buyer,
    order,
    pay,
    captures,
  }) => {
    expect(errorCodes(await pay(order.id, randomUUID(), { as: ANONYMOUS }))).toEqual(['UNAUTHENTICATED']);
    for (const key of ['', 'k'.repeat(101)]) {
      const result = await pay(order.id, key);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('idempotencyKey');
    }
    expect(await rowsOf(center, order.id)).toEqual([]);
    expect(captures()).toBe(0);
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({ status: 'PENDING_PAYMENT' });
  });

  test("an unknown order, another buyer's order and a malformed id are NOT_FOUND, and nothing is charged", async ({
    buyer,
    stranger,
    order,
    key,
    pay,
    captures,
  }) => {
    expect(errorCodes(await pay(order.id, key, { as: stranger }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await pay(newId(), randomUUID()))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await pay('not-an-order', randomUUID()))).toEqual(['NOT_FOUND']);
    expect(await rowsOf(center, order.id)).toEqual([]);
    expect(captures()).toBe(0);
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({
      status: 'PENDING_PAYMENT',
      paidAt: null,
    });
  });

  test('an order already paid, shipped or cancelled is a CONFLICT, and nothing more is charged', async ({
    buyer,
    order,
    key,
    pay,
    captures,
  }) => {
    // Paid: by this buyer a moment ago, with another key.
    const first = await pay(order.id, key);
    expect(first.data?.payOrder.status).toBe('CAPTURED');
    // Shipped: paid, then handed to the carrier.
    const shipped = await centers.placeOrder(buyer);
    expect((await pay(shipped.id, randomUUID())).data?.payOrder.status).toBe('CAPTURED');
    await centers.ship(shipped.id);
    // Cancelled by the buyer before paying.
    const cancelled = await centers.placeOrder(buyer);
    const cancel = await executeAs(
      centers.orders,
      'mutation($id: ID!) { cancelOrder(id: $id) { status } }',
      { id: cancelled.id },
      buyer,
    );
    expect(cancel.data).toEqual({ cancelOrder: { status: 'CANCELLED' } });
    expect(captures()).toBe(2);

    for (const [target, rows] of [
      [order, 1],
      [shipped, 1],
      [cancelled, 0],
    ] as const) {
      expect(errorCodes(await pay(target.id, randomUUID()))).toEqual(['CONFLICT']);
      expect(await rowsOf(center, target.id)).toHaveLength(rows);
    }
    expect(captures()).toBe(2);
    expect(await centers.paymentIdRecordedFor(order.id)).toBe(first.data!.payOrder.id);
    expect(await centers.orderAsBuyerSees(cancelled.id, buyer)).toMatchObject({
      status: 'CANCELLED',
      paidAt: null,
    });
  });
});

describe('idempotency', () => {
  test('the same key again returns the first payment and never captures twice', async ({
    order,
    key,
    pay,
    captures,
  }) => {
    const first = await pay(order.id, key);
    const second = await pay(order.id, key);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data!.payOrder).toEqual(first.data!.payOrder);
    expect(await rowsOf(center, order.id)).toHaveLength(1);
    expect(captures()).toBe(1);
  });

  test('the same key sent five times at once makes one payment, one capture and one paid order', async ({
    buyer,
    order,
    key,
    pay,
    captures,
  }) => {
    const results = await Promise.all(Array.from({ length: 5 }, () => pay(order.id, key)));
    for (const result of results) expect(result.errors).toBeUndefined();
    const ids = new Set(results.map((result) => result.data!.payOrder.id));
    expect(ids.size).toBe(1);
    expect(results.map((result) => result.data!.payOrder.status)).toEqual(Array(5).fill('CAPTURED'));
    expect(await rowsOf(center, order.id)).toHaveLength(1);
    expect(captures()).toBe(1);
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({ status: 'PAID' });
    expect(await centers.paymentIdRecordedFor(order.id)).toBe([...ids][0]);
  });

  test('different keys for one order at once capture it once; the others are CONFLICTs', async ({
    order,
    pay,
    captures,
  }) => {
    const results = await Promise.all(Array.from({ length: 4 }, () => pay(order.id, randomUUID())));
    const outcomes = results.map((result) => result.data?.payOrder.status ?? errorCodes(result)[0]).sort();
    expect(outcomes).toEqual(['CAPTURED', 'CONFLICT', 'CONFLICT', 'CONFLICT']);
    const rows = await rowsOf(center, order.id);
    expect(rows.map((row) => row.status)).toEqual(['CAPTURED']);
    expect(captures()).toBe(1);
    expect(await centers.paymentIdRecordedFor(order.id)).toBe(rows[0]!.id);
  });

  test('a key reused for another order or another method is a CONFLICT', async ({
    buyer,
    order,
    key,
    pay,
    captures,
  }) => {
    expect((await pay(order.id, key, { method: 'ALIPAY' })).data?.payOrder.status).toBe('CAPTURED');
    const other = await centers.placeOrder(buyer);
    const otherOrder = await pay(other.id, key, { method: 'ALIPAY' });
    const otherMethod = await pay(order.id, key, { method: 'CARD' });
    expect(errorCodes(otherOrder)).toEqual(['CONFLICT']);
    expect(otherOrder.errors?.[0]?.extensions?.field).toBe('idempotencyKey');
    expect(errorCodes(otherMethod)).toEqual(['CONFLICT']);
    expect(await rowsOf(center, other.id)).toEqual([]);
    expect(captures()).toBe(1);
    expect(await centers.orderAsBuyerSees(other.id, buyer)).toMatchObject({ status: 'PENDING_PAYMENT' });
  });

  test('keys are per payer: two buyers may use the same key', async ({
    order,
    stranger,
    key,
    pay,
    captures,
  }) => {
    const theirOrder = await centers.placeOrder(stranger);
    const mine = await pay(order.id, key);
    const theirs = await pay(theirOrder.id, key, { as: stranger });
    expect(mine.data?.payOrder.status).toBe('CAPTURED');
    expect(theirs.data?.payOrder).toMatchObject({ status: 'CAPTURED', order: { id: theirOrder.id } });
    expect(theirs.data?.payOrder.id).not.toBe(mine.data?.payOrder.id);
    expect(captures()).toBe(2);
    expect(await centers.orderAsBuyerSees(theirOrder.id, stranger)).toMatchObject({ status: 'PAID' });
  });
});

describe('when things go wrong', () => {
  test('a declined capture is a FAILED payment: nothing taken, the order still waiting, the key spent', async ({
    buyer,
    key,
    pay,
    captures,
  }) => {
    // The simulated provider declines amounts ending in 13 fen.
    const order = await centers.placeOrder(buyer, { price: 19_913 });
    expect(order.total.amount).toBe(19_913);
    const failed = await pay(order.id, key);
    expect(failed.errors).toBeUndefined();
    expect(failed.data!.payOrder).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringMatching(/declined/i),
      capturedAt: null,
    });
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({
      status: 'PENDING_PAYMENT',
      paidAt: null,
    });
    expect(await centers.paymentIdRecordedFor(order.id)).toBeNull();
    expect(await centers.stock(order.skuId)).toEqual({ available: 9, reserved: 1 });
    expect(await paymentOfOrder(center, order.id, buyer)).toMatchObject({ status: 'FAILED' });

    // The same key answers the same failure; a new key is a new attempt.
    const replayed = await pay(order.id, key);
    expect(replayed.data!.payOrder).toEqual(failed.data!.payOrder);
    const retried = await pay(order.id, randomUUID());
    expect(retried.data!.payOrder.status).toBe('FAILED');
    expect(retried.data!.payOrder.id).not.toBe(failed.data!.payOrder.id);
    expect(await rowsOf(center, order.id)).toHaveLength(2);
    expect(captures()).toBe(0);
  });

  test('an order that expires while it is being paid is refunded, and the CONFLICT passed on', async ({
    buyer,
    order,
    key,
    pay,
    captures,
    duringCapture,
  }) => {
    // The Transaction Center's expiry sweep cancels the order between the Payment Center's check
    // and its markOrderPaid, as when a buyer pays at the last second.
    duringCapture(() => centers.expire(order.id));
    expect(errorCodes(await pay(order.id, key))).toEqual(['CONFLICT']);

    const [row, ...others] = await rowsOf(center, order.id);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ status: 'REFUNDED', refundedAt: expect.any(Date) });
    expect(simulated.refunds.filter((refund) => refund.reference === row!.id)).toMatchObject([
      { amount: order.total.amount, currency: order.total.currency },
    ]);
    expect(captures()).toBe(1);
    expect(await paymentOfOrder(center, order.id, buyer)).toEqual({ id: row!.id, status: 'REFUNDED' });
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toEqual({
      status: 'CANCELLED',
      paidAt: null,
      cancelReason: 'PAYMENT_EXPIRED',
    });
    expect(await centers.paymentIdRecordedFor(order.id)).toBeNull();
    expect(await centers.stock(order.skuId)).toEqual({ available: 10, reserved: 0 });

    // Asking again with the key returns the refunded payment and takes nothing more.
    const again = await pay(order.id, key);
    expect(again.data?.payOrder).toMatchObject({ id: row!.id, status: 'REFUNDED' });
    expect(captures()).toBe(1);
    expect(simulated.refunds.filter((refund) => refund.reference === row!.id)).toHaveLength(1);
  });

  test('when the order cannot be marked paid, the payment stays captured and a retry with the key completes it', async ({
    buyer,
    order,
    key,
    pay,
    captures,
    cutOff: { payments, door, row },
  }) => {
    expect(captures()).toBe(1);
    await door.reopen();
    const retry = await pay(order.id, key, { via: payments });
    expect(retry.errors).toBeUndefined();
    expect(retry.data?.payOrder).toMatchObject({ id: row.id, status: 'CAPTURED' });
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({ status: 'PAID' });
    expect(await centers.paymentIdRecordedFor(order.id)).toBe(row.id);
    expect((await rowsOf(payments, order.id))[0]!.settledAt).toEqual(expect.any(Date));
    expect(captures()).toBe(1);
  });

  test('a capture the buyer never retries is settled by the reconciler once the Transaction Center answers', async ({
    buyer,
    order,
    captures,
    cutOff: { payments, door, row },
  }) => {
    // Still down: the payment waits, untouched, for a later sweep.
    await payments.reconcilePayments({ olderThanSeconds: 0 });
    expect((await rowsOf(payments, order.id))[0]).toMatchObject({ status: 'CAPTURED', settledAt: null });

    await door.reopen();
    expect(await payments.reconcilePayments({ olderThanSeconds: 0 })).toBeGreaterThanOrEqual(1);
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({ status: 'PAID' });
    expect(await centers.paymentIdRecordedFor(order.id)).toBe(row.id);
    expect(await centers.stock(order.skuId)).toEqual({ available: 9, reserved: 0 });
    const [settled] = await rowsOf(payments, order.id);
    expect(settled).toMatchObject({ status: 'CAPTURED', settledAt: expect.any(Date) });
    expect(captures()).toBe(1);

    // A settled payment is not looked at again.
    await payments.reconcilePayments({ olderThanSeconds: 0 });
    expect((await rowsOf(payments, order.id))[0]!.settledAt).toEqual(settled!.settledAt);
  });

  test('a capture whose order expired before the reconciler got to it is refunded', async ({
    buyer,
    order,
    cutOff: { payments, door, row },
  }) => {
    await centers.expire(order.id);
    await door.reopen();
    // Captured just now: a sweep with the default grace leaves it to its own request.
    await payments.reconcilePayments();
    expect((await rowsOf(payments, order.id))[0]).toMatchObject({ status: 'CAPTURED', settledAt: null });

    expect(await payments.reconcilePayments({ olderThanSeconds: 0 })).toBeGreaterThanOrEqual(1);
    expect((await rowsOf(payments, order.id))[0]).toMatchObject({
      status: 'REFUNDED',
      refundedAt: expect.any(Date),
      settledAt: expect.any(Date),
    });
    expect(simulated.refunds.filter((refund) => refund.reference === row.id)).toHaveLength(1);
    expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({ status: 'CANCELLED' });
  });

  test('when the Transaction Center does not answer, paying is SERVICE_UNAVAILABLE and nothing is charged', async ({
    buyer,
    order,
    key,
    pay,
    captures,
  }) => {
    const { payments, door, stop } = await centers.paymentsBehindDoor();
    try {
      await door.close();
      const result = await pay(order.id, key, { via: payments, method: 'CARD' });
      expect(errorCodes(result)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(await rowsOf(payments, order.id)).toEqual([]);
      expect(captures()).toBe(0);
      expect(await centers.orderAsBuyerSees(order.id, buyer)).toMatchObject({ status: 'PENDING_PAYMENT' });

      // Once it answers again, the same key pays the order.
      await door.reopen();
      const retry = await pay(order.id, key, { via: payments, method: 'CARD' });
      expect(retry.data?.payOrder.status).toBe('CAPTURED');
      expect(captures()).toBe(1);
    } finally {
      await stop();
    }
  });

  test('the database refuses a second captured payment of one order, whatever the code does', async ({
    buyer,
  }) => {
    const orderId = newId();
    const row = (status: 'CAPTURED' | 'FAILED') => ({
      id: newId(),
      orderId,
      payerId: buyer.userId!,
      idempotencyKey: randomUUID(),
      amount: 100,
      method: 'CARD' as const,
      status,
      provider: 'simulated',
    });
    await insertPayments(center.database.db, [row('CAPTURED'), row('FAILED')]);
    await expect(insertPayments(center.database.db, [row('CAPTURED')])).rejects.toThrow();
  });
});

describe('SQL statements a request makes', () => {
  /**
   * Statements of one operation, run once first so the pool is warm (see the products center's
   * tests). The count covers the whole center, so these tests must not run alongside others.
   */
  async function statementsFor(query: string, variables: Record<string, unknown>, identity: Identity) {
    await executeAs(center, query, variables, identity);
    center.database.stats.statements = 0;
    const result = await executeAs(center, query, variables, identity);
    expect(result.errors).toBeUndefined();
    return center.database.stats.statements;
  }

  test('the payments of 20 orders cost one statement, as do those of 2, with the captured one preferred', async () => {
    const payerId = newId();
    const orderIds = Array.from({ length: 20 }, () => newId());
    const start = Date.now() - 1000;
    // Each order: a captured payment, then a later failed attempt that must not hide it.
    await insertPayments(
      center.database.db,
      orderIds.flatMap((orderId, i) => [
        {
          id: newId(start + i),
          orderId,
          payerId,
          idempotencyKey: `a${i}`,
          amount: 100,
          method: 'CARD',
          status: 'CAPTURED',
          provider: 'simulated',
        },
        {
          id: newId(start + 100 + i),
          orderId,
          payerId,
          idempotencyKey: `b${i}`,
          amount: 100,
          method: 'CARD',
          status: 'FAILED',
          provider: 'simulated',
        },
      ]),
    );
    const identity = { userId: payerId, scopes: [] };
    const r = (n: number) => orderIds.slice(0, n).map((id) => ({ __typename: 'Order', id }));
    expect(await statementsFor(ORDER_PAYMENT, { r: r(2) }, identity)).toBe(1);
    expect(await statementsFor(ORDER_PAYMENT, { r: r(20) }, identity)).toBe(1);
    const result = await executeAs<{ _entities: { payment: { status: string } }[] }>(
      center,
      ORDER_PAYMENT,
      { r: r(20) },
      identity,
    );
    expect(result.data!._entities.map((e) => e.payment.status)).toEqual(Array(20).fill('CAPTURED'));
  });

  test('twenty payment references cost one statement', async ({ buyer }) => {
    const rows = Array.from({ length: 20 }, (_, i) => ({
      id: newId(),
      orderId: newId(),
      payerId: buyer.userId!,
      idempotencyKey: `ref-${i}`,
      amount: 100 + i,
      method: 'ALIPAY' as const,
      status: 'CAPTURED' as const,
      provider: 'simulated',
    }));
    await insertPayments(center.database.db, rows);
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Payment { id amount { amount } order { id } } } }';
    const r = rows.map((row) => ({ __typename: 'Payment', id: row.id }));
    expect(await statementsFor(query, { r }, buyer)).toBe(1);
    const result = await executeAs<{ _entities: { id: string }[] }>(center, query, { r }, buyer);
    expect(result.data!._entities.map((e) => e.id)).toEqual(rows.map((row) => row.id));
  });
});
