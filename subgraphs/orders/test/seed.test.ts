import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';
import { inArray } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { orderLines, orders } from '../src/db/schema.ts';
import { createOrdersCenter, seedOrders } from '../src/server.ts';

const testDb = await createTestDatabase('orders_seed');
const center = await createOrdersCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
  SUBGRAPH_URLS: {},
  ORDER_TTL_SECONDS: 1800,
  EXPIRY_SWEEP_SECONDS: 0,
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const db = center.database.db;
const NOW = Date.parse('2026-11-23T08:00:00.000Z');

const catalog = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: newId(),
    productId: newId(),
    title: `商品 ${i}`,
    price: 990 + i * 100,
    currency: 'CNY',
  }));

describe('seeding orders', () => {
  test('a seeded history is mostly paid, shipped or delivered, with 1 to 4 lines an order', async () => {
    const buyers = Array.from({ length: 50 }, () => newId());
    const skus = catalog(40);
    const { orders: seeded } = await seedOrders(db, { buyers, skus, count: 2000, seed: 3, now: NOW });
    expect(seeded).toHaveLength(2000);

    const byStatus = new Map<string, number>();
    for (const order of seeded) byStatus.set(order.status, (byStatus.get(order.status) ?? 0) + 1);
    const share = (status: string) => (byStatus.get(status) ?? 0) / seeded.length;
    expect(share('PAID') + share('SHIPPED') + share('DELIVERED')).toBeGreaterThan(0.85);
    expect(share('CANCELLED')).toBeGreaterThan(0.03);
    expect(share('PENDING_PAYMENT')).toBeGreaterThan(0.002);

    const ids = seeded.map((order) => order.id);
    const rows = await db.select().from(orders).where(inArray(orders.id, ids));
    const lines = await db.select().from(orderLines).where(inArray(orderLines.orderId, ids));
    const linesPerOrder = new Map<string, number>();
    for (const line of lines) linesPerOrder.set(line.orderId, (linesPerOrder.get(line.orderId) ?? 0) + 1);
    expect(Math.min(...linesPerOrder.values())).toBe(1);
    expect(Math.max(...linesPerOrder.values())).toBe(4);
    expect(linesPerOrder.size).toBe(2000);

    // Stored totals are the lines' sums, numbers are unique and carry the day the order was placed.
    const totals = new Map<string, number>();
    for (const line of lines) {
      totals.set(line.orderId, (totals.get(line.orderId) ?? 0) + line.unitPriceAmount * line.quantity);
    }
    for (const row of rows) {
      expect(row.totalAmount).toBe(totals.get(row.id));
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(row.placedAt);
      expect(row.number).toMatch(new RegExp(`^ZT${day.replaceAll('-', '')}\\d{8}$`));
      if (row.status === 'PENDING_PAYMENT') expect(row.expiresAt.getTime()).toBeGreaterThan(NOW);
      if (row.status === 'CANCELLED') expect(row.cancelReason).not.toBeNull();
    }
    expect(new Set(rows.map((row) => row.number)).size).toBe(2000);
  });

  test('the same seed gives the same orders', async () => {
    const skus = catalog(30);
    const run = async () => {
      const buyers = Array.from({ length: 20 }, () => newId());
      const { orders: seeded } = await seedOrders(db, { buyers, skus, count: 300, seed: 42, now: NOW });
      return seeded.map((order) => ({
        buyer: buyers.indexOf(order.buyerId),
        total: order.total,
        status: order.status,
        placedAt: order.placedAt.getTime(),
      }));
    };
    const first = await run();
    expect(await run()).toEqual(first);
  });

  test('orders go in as a handful of multi-row statements', async () => {
    center.database.stats.statements = 0;
    await seedOrders(db, { buyers: [newId()], skus: catalog(10), count: 9000, seed: 5, now: NOW });
    // Two chunks of orders, two or three of lines, and the transaction's begin and commit.
    expect(center.database.stats.statements).toBeLessThanOrEqual(10);
  });
});
