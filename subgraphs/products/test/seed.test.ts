import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';
import { asc, inArray, isNull } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { categories, products, skus } from '../src/db/schema.ts';
import { createProductsCenter, seedProducts } from '../src/server.ts';

const testDb = await createTestDatabase('products_seed');
const center = await createProductsCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const db = center.database.db;
const NOW = Date.parse('2026-11-23T08:00:00.000Z');

/** What a seeded catalog says, without its ids (which are fresh on every run). */
async function contentOf(productIds: string[]) {
  const productRows = await db
    .select()
    .from(products)
    .where(inArray(products.id, productIds))
    .orderBy(asc(products.createdAt));
  const skuRows = await db
    .select()
    .from(skus)
    .where(inArray(skus.productId, productIds))
    .orderBy(asc(skus.productId), asc(skus.position));
  return productRows.map((p) => ({
    title: p.title,
    description: p.description,
    brand: p.brand,
    categoryId: p.categoryId,
    sellerId: p.sellerId,
    createdAt: p.createdAt.toISOString(),
    images: p.images.length,
    skus: skuRows
      .filter((s) => s.productId === p.id)
      .map((s) => ({ code: s.code, attributes: s.attributes, price: s.priceAmount, weight: s.weightGrams })),
  }));
}

describe('seeding the catalog', () => {
  const sellerIds = Array.from({ length: 10 }, () => newId());

  test('the seed makes the products and SKUs asked for, believable and well-formed', async () => {
    const catalog = await seedProducts(db, { sellerIds, products: 500, seed: 11, now: NOW });
    expect(catalog.productIds).toHaveLength(500);
    expect(new Set(catalog.productIds).size).toBe(500);

    const rows = await db.select().from(products).where(inArray(products.id, catalog.productIds));
    const skuRows = await db.select().from(skus).where(inArray(skus.productId, catalog.productIds));
    expect(rows).toHaveLength(500);
    expect(skuRows).toHaveLength(catalog.skus.length);
    expect(new Set(skuRows.map((s) => s.id))).toEqual(new Set(catalog.skus.map((s) => s.id)));

    const perProduct = new Map<string, number[]>();
    for (const sku of skuRows)
      perProduct.set(sku.productId, [...(perProduct.get(sku.productId) ?? []), sku.priceAmount]);
    const counts = rows.map((p) => perProduct.get(p.id)?.length ?? 0);
    expect(Math.min(...counts)).toBe(1);
    expect(Math.max(...counts)).toBe(8);
    // Over 3 per product on average, so the large scale's 100k products make its 300k SKUs.
    const average = skuRows.length / rows.length;
    expect(average).toBeGreaterThan(3.05);
    expect(average).toBeLessThan(4);

    for (const sku of skuRows) {
      expect(sku.priceAmount).toBeGreaterThanOrEqual(990);
      expect(sku.priceAmount).toBeLessThanOrEqual(1_299_900);
      expect(sku.currency).toBe('CNY');
      expect(sku.weightGrams).toBeGreaterThan(0);
      expect(sku.attributes.length).toBeGreaterThan(0);
    }
    // The SKUs of one product cost about the same: the dearest at most 2.5 times the cheapest.
    for (const prices of perProduct.values())
      expect(Math.max(...prices)).toBeLessThanOrEqual(2.5 * Math.min(...prices));

    const slugs = new Set(rows.map((p) => p.slug));
    expect(slugs.size).toBe(500);
    for (const p of rows) {
      expect(p.slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.images.length).toBeGreaterThanOrEqual(1);
      expect(p.images.length).toBeLessThanOrEqual(4);
      expect(p.images.map((image) => image.url)).toEqual(
        p.images.map((_, i) => `https://img.zhongtai.dev/p/${p.id}/${i + 1}.jpg`),
      );
      expect(sellerIds).toContain(p.sellerId);
      expect(p.createdAt.getTime()).toBeLessThanOrEqual(NOW);
      expect(p.createdAt.getTime()).toBeGreaterThan(NOW - 2 * 366 * 24 * 3600 * 1000);
    }
    expect(rows.some((p) => /[\u4e00-\u9fff]/.test(p.title) && /[A-Za-z]/.test(p.title))).toBe(true);
    expect(new Set(rows.map((p) => p.brand))).toContain('Xiaomi');
  });

  test('the category tree has eight roots with three to six children each', async () => {
    const roots = await db.select().from(categories).where(isNull(categories.parentId));
    expect(roots.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        '手机数码',
        '家用电器',
        '服饰',
        '食品生鲜',
        '美妆',
        '图书',
        '运动户外',
        '母婴',
      ]),
    );
    expect(roots).toHaveLength(8);
    const children = await db
      .select()
      .from(categories)
      .where(
        inArray(
          categories.parentId,
          roots.map((r) => r.id),
        ),
      );
    for (const root of roots) {
      const count = children.filter((c) => c.parentId === root.id).length;
      expect(count).toBeGreaterThanOrEqual(3);
      expect(count).toBeLessThanOrEqual(6);
    }
  });

  test('the same seed gives the same catalog, and another seed another', async () => {
    const a = await seedProducts(db, { sellerIds, products: 50, seed: 5, now: NOW });
    const b = await seedProducts(db, { sellerIds, products: 50, seed: 5, now: NOW });
    const c = await seedProducts(db, { sellerIds, products: 50, seed: 6, now: NOW });
    const contentA = await contentOf(a.productIds);
    const contentB = await contentOf(b.productIds);
    const contentC = await contentOf(c.productIds);
    expect(contentA).toHaveLength(50);
    expect(contentB).toEqual(contentA);
    expect(contentC.map((p) => p.title)).not.toEqual(contentA.map((p) => p.title));
  });
});
