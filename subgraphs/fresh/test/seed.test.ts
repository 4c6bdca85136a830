import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';
import { asc, sql } from 'drizzle-orm';
import { afterAll, expect, test } from 'vitest';
import { freshStock, pickupSlots, stores } from '../src/db/schema.ts';
import { createFreshCenter, seedFresh } from '../src/server.ts';
import { fakeSkus } from './fixtures.ts';

const testDb = await createTestDatabase('fresh_seed');
const center = await createFreshCenter({
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
const NOW = Date.parse('2026-11-23T02:30:00.000Z'); // 10:30 in Shanghai

test('stores, upcoming slots within capacity, and stock of a sample of products, every one at a store', async () => {
  const skus = fakeSkus(50, 3);
  const seeded = await seedFresh(db, { skus, stores: 4, products: 20, days: 2, seed: 3, now: NOW });
  expect(seeded.storeIds).toHaveLength(4);
  expect(seeded.productIds).toHaveLength(20);
  // Today's 9:00 slot has started; the rest of today's four and tomorrow's five are left, per store.
  expect(seeded.slotIds).toHaveLength(4 * (4 + 5));

  const slots = await db.select().from(pickupSlots).orderBy(asc(pickupSlots.startsAt));
  expect(slots.every((slot) => slot.startsAt.getTime() > NOW && slot.booked <= slot.capacity)).toBe(true);
  expect(slots[0]!.startsAt.toISOString()).toBe('2026-11-23T03:00:00.000Z');

  const stocked = await db
    .select({
      productId: freshStock.productId,
      stores: sql<number>`count(distinct ${freshStock.storeId})::int`,
    })
    .from(freshStock)
    .groupBy(freshStock.productId);
  expect(new Set(stocked.map((row) => row.productId))).toEqual(new Set(seeded.productIds));
  expect(stocked.every((row) => row.stores >= 1)).toBe(true);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(freshStock);
  expect(count?.n).toBe(seeded.stockRows);
  const [cities] = await db.select({ n: sql<number>`count(distinct ${stores.city})::int` }).from(stores);
  expect(cities?.n).toBe(4);
});
