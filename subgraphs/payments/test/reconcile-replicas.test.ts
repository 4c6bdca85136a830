import { schema as ordersSchema } from '@zhongtai/orders';
import { usesRealPostgres } from '@zhongtai/subgraph-kit/testing';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { payments } from '../src/db/schema.ts';
import { insertPayments, unconfirmedCapture } from '../src/repositories/payments.ts';
import { startCenters } from './centers.ts';

const centers = await startCenters('payments_reconcile_replicas');
afterAll(() => centers.stop());

/** Per order: the payment of its total captured two minutes ago that the Transaction Center never confirmed. */
async function stuckCaptures(
  orders: { id: string; buyerId: string; total: { amount: number; currency: string } }[],
) {
  const capturedAt = new Date(Date.now() - 120_000);
  const rows = orders.map((order) =>
    unconfirmedCapture({ id: order.id, buyerId: order.buyerId, ...order.total }, capturedAt),
  );
  await insertPayments(centers.payments.database.db, rows);
  return rows.map((row) => row.id);
}

const countBy = <K extends string>(rows: Record<K, string>[], key: K) =>
  Object.fromEntries(
    [...new Set(rows.map((row) => row[key]))].map((value) => [
      value,
      rows.filter((row) => row[key] === value).length,
    ]),
  );

// Two replicas need a database two processes can share: PGlite is one process's own.
test.skipIf(!usesRealPostgres())(
  "two replicas' reconcilers settle each stuck capture exactly once: marked paid once or refunded once",
  async () => {
    const payable = await centers.reservedOrders(250, { overdue: false });
    // Expired before the reconciler came: the Transaction Center refuses these, so the money goes back.
    const expired = await centers.reservedOrders(250, { overdue: true });
    const paymentIds = await stuckCaptures([...payable.orders, ...expired.orders]);

    // The second replica: another Payment Center with a connection pool of its own.
    const replica = await centers.paymentsBehindDoor();
    try {
      const [first, second] = await Promise.all([
        centers.payments.reconcilePayments({ olderThanSeconds: 0, limit: 1000 }),
        replica.payments.reconcilePayments({ olderThanSeconds: 0, limit: 1000 }),
      ]);
      expect(first + second).toBe(500);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
    } finally {
      await replica.stop();
    }

    const rows = await centers.payments.database.db
      .select({
        status: payments.status,
        settled: sql<string>`(${payments.settledAt} is not null)::text`,
      })
      .from(payments)
      .where(inArray(payments.id, paymentIds));
    expect(countBy(rows, 'status')).toEqual({ CAPTURED: 250, REFUNDED: 250 });
    expect(countBy(rows, 'settled')).toEqual({ true: 500 });

    const refunds = centers.simulated.refunds.filter((refund) => paymentIds.includes(refund.reference));
    expect(refunds).toHaveLength(250);
    expect(new Set(refunds.map((refund) => refund.reference)).size).toBe(250);

    const orders = await centers.orders.database.db
      .select({ status: ordersSchema.orders.status })
      .from(ordersSchema.orders)
      .where(
        inArray(
          ordersSchema.orders.id,
          [...payable.orders, ...expired.orders].map((order) => order.id),
        ),
      );
    expect(countBy(orders, 'status')).toEqual({ PAID: 250, PENDING_PAYMENT: 250 });

    // Each paid order's stock was committed once: out of `reserved`, never back to `available`.
    const stock = await Promise.all(payable.skus.map((sku) => centers.stock(sku.id)));
    expect(stock.reduce((sum, { available }) => sum + available, 0)).toBe(payable.skus.length * 100 - 250);
    expect(stock.reduce((sum, { reserved }) => sum + reserved, 0)).toBe(0);
  },
  // 500 settlements over HTTP, with refunds and stock commits, on a busy 2-core machine.
  300_000,
);
