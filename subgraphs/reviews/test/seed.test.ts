import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';
import { asc, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, test } from 'vitest';
import { ratingSummaries, reviews } from '../src/db/schema.ts';
import { createReviewsCenter, seedReviews } from '../src/server.ts';

const testDb = await createTestDatabase('reviews_seed');
const center = await createReviewsCenter({
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
const ids = (n: number) => Array.from({ length: n }, () => newId());

/** What a seed wrote for these products, without ids (fresh on every run), in a stable order. */
async function contentOf(productIds: string[], authorIds: string[]) {
  const rows = await db
    .select()
    .from(reviews)
    .where(inArray(reviews.productId, productIds))
    .orderBy(asc(reviews.createdAt), asc(reviews.title));
  return rows.map((row) => ({
    product: productIds.indexOf(row.productId),
    author: authorIds.indexOf(row.authorId),
    rating: row.rating,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  }));
}

describe('seeding reviews', () => {
  test('the seed writes believable reviews: mostly 4 and 5 stars, bilingual, some products busy and many bare', async () => {
    const productIds = ids(400);
    const authorIds = ids(600);
    const seeded = await seedReviews(db, { productIds, authorIds, count: 6000, seed: 3, now: NOW });
    expect(seeded.reviews).toBe(6000);

    const rows = await db.select().from(reviews).where(inArray(reviews.productId, productIds));
    expect(rows).toHaveLength(6000);
    const perProduct = new Map<string, number>();
    for (const row of rows) perProduct.set(row.productId, (perProduct.get(row.productId) ?? 0) + 1);
    expect(seeded.reviewedProducts).toBe(perProduct.size);
    const counts = productIds.map((id) => perProduct.get(id) ?? 0);
    expect(counts.filter((n) => n >= 100).length).toBeGreaterThanOrEqual(3);
    expect(counts.filter((n) => n >= 200).length).toBeGreaterThanOrEqual(1);
    expect(counts.filter((n) => n === 0).length).toBeGreaterThan(100);

    const share = (predicate: (rating: number) => boolean) =>
      rows.filter((row) => predicate(row.rating)).length / rows.length;
    expect(share((r) => r >= 4)).toBeGreaterThan(0.7);
    expect(share((r) => r <= 2)).toBeGreaterThan(0.03);
    for (const rating of [1, 2, 3, 4, 5]) expect(share((r) => r === rating)).toBeGreaterThan(0);

    expect(rows.some((row) => /[\u4e00-\u9fff]/.test(row.body))).toBe(true);
    expect(rows.some((row) => /^[\x20-\x7e]+$/.test(row.body))).toBe(true);
    for (const row of rows) {
      expect(authorIds).toContain(row.authorId);
      expect([...row.title].length).toBeGreaterThan(0);
      expect([...row.title].length).toBeLessThanOrEqual(120);
      expect(row.body.length).toBeGreaterThan(0);
      expect(row.createdAt.getTime()).toBeLessThanOrEqual(NOW);
      expect(row.createdAt.getTime()).toBeGreaterThan(NOW - 2 * 366 * 24 * 3600 * 1000);
    }
  });

  test('the rating summaries agree with the reviews they sum up', async () => {
    const productIds = ids(50);
    await seedReviews(db, { productIds, authorIds: ids(300), count: 1500, seed: 4, now: NOW });
    const actual = await db
      .select({
        productId: reviews.productId,
        count: sql<number>`count(*)::int`,
        total: sql<number>`sum(${reviews.rating})::int`,
        fives: sql<number>`(count(*) filter (where ${reviews.rating} = 5))::int`,
      })
      .from(reviews)
      .where(inArray(reviews.productId, productIds))
      .groupBy(reviews.productId);
    const summaries = await db
      .select()
      .from(ratingSummaries)
      .where(inArray(ratingSummaries.productId, productIds));
    expect(summaries).toHaveLength(actual.length);
    for (const row of actual) {
      const summary = summaries.find((s) => s.productId === row.productId)!;
      expect(summary).toMatchObject({ count: row.count, total: row.total, stars5: row.fives });
      expect(summary.stars1 + summary.stars2 + summary.stars3 + summary.stars4 + summary.stars5).toBe(
        row.count,
      );
    }
  });

  test('a product never has two reviews by one author, even with few authors', async () => {
    const productIds = ids(5);
    const seeded = await seedReviews(db, { productIds, authorIds: ids(30), count: 1000, seed: 5, now: NOW });
    // Five products times thirty authors: at most 150 reviews fit.
    expect(seeded.reviews).toBe(150);
  });

  test('the same seed gives the same reviews, and another seed others', async () => {
    const productIds = ids(30);
    const authorIds = ids(200);
    const run = async (seed: number) => {
      await db.delete(reviews).where(inArray(reviews.productId, productIds));
      await seedReviews(db, { productIds, authorIds, count: 500, seed, now: NOW });
      return contentOf(productIds, authorIds);
    };
    const a = await run(8);
    const b = await run(8);
    const c = await run(9);
    expect(a).toHaveLength(500);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });
});
