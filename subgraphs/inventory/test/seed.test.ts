import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { findStockBySkuIds } from '../src/repositories/stock.ts';
import { createInventoryCenter, seedInventory } from '../src/server.ts';

const testDb = await createTestDatabase('inventory_seed');
const center = await createInventoryCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const db = center.database.db;

const skus = (count: number) => Array.from({ length: count }, () => ({ id: newId() }));

/** The available units of each SKU, in the order given. */
async function availableOf(list: { id: string }[]) {
  const rows = new Map(
    (
      await findStockBySkuIds(
        db,
        list.map((s) => s.id),
      )
    ).map((r) => [r.skuId, r]),
  );
  return list.map((s) => rows.get(s.id)?.available ?? null);
}

describe('seeding stock', () => {
  test('every SKU gets stock: most plenty, some sold out, a few flash-sale SKUs with 1 to 5 left', async () => {
    const list = skus(4000);
    const { flashSaleSkuIds } = await seedInventory(db, { skus: list, seed: 42 });
    const available = await availableOf(list);
    expect(available.every((n) => n !== null)).toBe(true);

    expect(flashSaleSkuIds.length).toBe(20);
    expect(new Set(flashSaleSkuIds).size).toBe(flashSaleSkuIds.length);
    const flash = await availableOf(flashSaleSkuIds.map((id) => ({ id })));
    for (const n of flash) expect(n).toBeGreaterThanOrEqual(1);
    for (const n of flash) expect(n).toBeLessThanOrEqual(5);

    const others = available.filter((_, i) => !flashSaleSkuIds.includes(list[i]!.id)) as number[];
    const soldOut = others.filter((n) => n === 0).length / others.length;
    expect(soldOut).toBeGreaterThan(0.03);
    expect(soldOut).toBeLessThan(0.07);
    for (const n of others.filter((n) => n !== 0)) {
      expect(n).toBeGreaterThanOrEqual(20);
      expect(n).toBeLessThanOrEqual(500);
    }
    const reserved = await findStockBySkuIds(
      db,
      list.map((s) => s.id),
    );
    expect(reserved.every((row) => row.reserved === 0)).toBe(true);
  });

  test('even a small catalog has at least five flash-sale SKUs', async () => {
    const list = skus(30);
    const { flashSaleSkuIds } = await seedInventory(db, { skus: list, seed: 1 });
    expect(flashSaleSkuIds).toHaveLength(5);
    for (const n of await availableOf(flashSaleSkuIds.map((id) => ({ id })))) {
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(5);
    }
  });

  test('the same seed gives the same stock to the same positions, and another seed other stock', async () => {
    const [a, b, c] = [skus(500), skus(500), skus(500)];
    const seededA = await seedInventory(db, { skus: a, seed: 7 });
    const seededB = await seedInventory(db, { skus: b, seed: 7 });
    await seedInventory(db, { skus: c, seed: 8 });
    expect(await availableOf(b)).toEqual(await availableOf(a));
    expect(await availableOf(c)).not.toEqual(await availableOf(a));
    const positions = (list: { id: string }[], ids: string[]) =>
      ids.map((id) => list.findIndex((s) => s.id === id));
    expect(positions(b, seededB.flashSaleSkuIds)).toEqual(positions(a, seededA.flashSaleSkuIds));
  });
});
