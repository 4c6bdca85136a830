import { schema as inventorySchema } from '@zhongtai/inventory';
import { usesRealPostgres } from '@zhongtai/subgraph-kit/testing';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { orders as ordersTable } from '../src/db/schema.ts';
import { startCenters } from '../src/testing.ts';

const centers = await startCenters('orders_expiry_replicas');
afterAll(() => centers.stop());

// Two replicas need a database two processes can share: PGlite is one process's own.
test.skipIf(!usesRealPostgres())(
  'two replicas sweeping 3,000 orders that expire at once expire each exactly once and share the work',
  async () => {
    const { skus, orders } = await centers.reservedOrders(3000, { overdue: true });
    // The second replica: another Transaction Center with a connection pool of its own.
    const replica = await centers.anotherOrdersCenter({});
    try {
      // A sweep stops at a batch whose stock could not be released (a busy machine can time calls
      // out), leaving the rest to the next sweep, as the sweeper's timer would run it.
      let first = 0;
      let second = 0;
      for (let round = 0; round < 30 && first + second < 3000; round++) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, 500));
        const [a, b] = await Promise.all([
          centers.orders.expireOverdueOrders({ batchSize: 20 }),
          replica.expireOverdueOrders({ batchSize: 20 }),
        ]);
        first += a;
        second += b;
      }
      expect(first + second).toBe(3000);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(0);
    } finally {
      await replica.stop();
    }

    const ids = orders.map((order) => order.id);
    const [expired] = await centers.db
      .select({ count: sql<number>`count(*)::int` })
      .from(ordersTable)
      .where(
        and(
          inArray(ordersTable.id, ids),
          eq(ordersTable.status, 'CANCELLED'),
          eq(ordersTable.cancelReason, 'PAYMENT_EXPIRED'),
        ),
      );
    expect(expired!.count).toBe(3000);

    const inventoryDb = centers.inventory.database.db;
    const released = await inventoryDb
      .select({ status: inventorySchema.reservations.status, count: sql<number>`count(*)::int` })
      .from(inventorySchema.reservations)
      .where(inArray(inventorySchema.reservations.reference, ids))
      .groupBy(inventorySchema.reservations.status);
    expect(released).toEqual([{ status: 'RELEASED', count: 3000 }]);

    // Every unit came back once: a release made twice would show as more than was ever in stock.
    const stock = await inventoryDb
      .select({
        available: sql<number>`sum(${inventorySchema.stock.available})::int`,
        reserved: sql<number>`sum(${inventorySchema.stock.reserved})::int`,
      })
      .from(inventorySchema.stock)
      .where(
        inArray(
          inventorySchema.stock.skuId,
          skus.map((sku) => sku.id),
        ),
      );
    expect(stock).toEqual([{ available: skus.length * 100, reserved: 0 }]);
  },
  // 3,000 releases over HTTP take about a minute on a busy 2-core machine, more beside other files.
  300_000,
);
