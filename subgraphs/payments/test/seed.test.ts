import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';
import { asc, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { payments } from '../src/db/schema.ts';
import type { SeedOrder } from '../src/seed.ts';
import { createPaymentsCenter, seedPayments } from '../src/server.ts';

const testDb = await createTestDatabase('payments_seed');
const center = await createPaymentsCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
  SUBGRAPH_URLS: {},
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const db = center.database.db;
const NOW = Date.parse('2026-11-23T08:00:00.000Z');
const STATUSES = ['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

/** Orders as the Transaction Center's seed returns them, one status after another, placed over a year. */
function ordersOf(count: number, withPaidAt = false): SeedOrder[] {
  return Array.from({ length: count }, (_, i) => {
    const placedAt = NOW - (count - i) * 3_600_000;
    const status = STATUSES[i % STATUSES.length]!;
    const paid = status !== 'PENDING_PAYMENT' && status !== 'CANCELLED';
    return {
      id: newId(placedAt),
      buyerId: newId(),
      total: 990 + i * 100,
      status,
      ...(withPaidAt
        ? { placedAt: new Date(placedAt), paidAt: paid ? new Date(placedAt + 60_000) : null }
        : {}),
    };
  });
}

async function paymentsOf(orders: SeedOrder[]) {
  return db
    .select()
    .from(payments)
    .where(
      inArray(
        payments.orderId,
        orders.map((o) => o.id),
      ),
    )
    .orderBy(asc(payments.createdAt));
}

describe('seeding payments', () => {
  test('every paid, shipped or delivered order gets one captured payment of its total, by its buyer', async () => {
    const orders = ordersOf(500);
    const seeded = await seedPayments(db, { orders, seed: 2 });
    const paid = orders.filter((o) => ['PAID', 'SHIPPED', 'DELIVERED'].includes(o.status));
    expect(seeded.payments).toBe(paid.length);
    const rows = await paymentsOf(orders);
    expect(rows).toHaveLength(paid.length);
    const byOrder = new Map(rows.map((row) => [row.orderId, row]));
    for (const order of paid) {
      const row = byOrder.get(order.id)!;
      expect(row).toMatchObject({
        payerId: order.buyerId,
        amount: order.total,
        currency: 'CNY',
        status: 'CAPTURED',
        provider: 'simulated',
      });
      // Paid after the order was placed (its UUIDv7 id says when), within the half hour it had.
      const placedAt = Number.parseInt(order.id.replace(/-/g, '').slice(0, 12), 16);
      expect(row.createdAt.getTime()).toBeGreaterThan(placedAt);
      expect(row.createdAt.getTime()).toBeLessThan(placedAt + 30 * 60_000);
      expect(row.capturedAt!.getTime()).toBeGreaterThan(row.createdAt.getTime());
    }
    const methods = new Set(rows.map((row) => row.method));
    expect(methods).toEqual(new Set(['ALIPAY', 'WECHAT_PAY', 'CARD']));
  });

  test("a payment is captured when the order says it was paid, when the order's seed says so", async () => {
    const orders = ordersOf(20, true);
    await seedPayments(db, { orders, seed: 3 });
    for (const row of await paymentsOf(orders)) {
      const order = orders.find((o) => o.id === row.orderId)!;
      expect(row.capturedAt).toEqual(order.paidAt);
    }
  });

  test('the same seed gives the same methods and times', async () => {
    const a = ordersOf(100);
    const b = a.map((order) => ({
      ...order,
      id: newId(Number.parseInt(order.id.replace(/-/g, '').slice(0, 12), 16)),
    }));
    await seedPayments(db, { orders: a, seed: 9 });
    await seedPayments(db, { orders: b, seed: 9 });
    const shape = (rows: Awaited<ReturnType<typeof paymentsOf>>) =>
      rows.map((row) => [row.method, row.amount, row.createdAt.toISOString(), row.capturedAt?.toISOString()]);
    expect(shape(await paymentsOf(b))).toEqual(shape(await paymentsOf(a)));
  });
});
