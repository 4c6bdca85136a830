import { chunk, type Database, isId, OWNER_ID, pagesPerOwner } from '@zhongtai/subgraph-kit';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { FreshSchema } from '../db/index.ts';
import { type FreshStockRow, freshStock, type NewFreshStock } from '../db/schema.ts';

type Db = Database<FreshSchema>;

/** One store's stock of many SKUs; SKUs it does not carry are left out. */
export async function findStockOfSkus(db: Db, storeId: string, skuIds: readonly string[]) {
  const valid = skuIds.filter(isId);
  if (valid.length === 0 || !isId(storeId)) return [];
  return db
    .select()
    .from(freshStock)
    .where(and(eq(freshStock.storeId, storeId), inArray(freshStock.skuId, valid)));
}

/** What stores have of many products' SKUs (at one store when given), by store then SKU. */
export async function findStockOfProducts(
  db: Db,
  productIds: readonly string[],
  storeId: string | null,
): Promise<FreshStockRow[]> {
  const valid = productIds.filter(isId);
  if (valid.length === 0 || (storeId !== null && !isId(storeId))) return [];
  const conditions: SQL[] = [inArray(freshStock.productId, valid)];
  if (storeId !== null) conditions.push(eq(freshStock.storeId, storeId));
  return db
    .select()
    .from(freshStock)
    .where(and(...conditions))
    .orderBy(asc(freshStock.storeId), asc(freshStock.skuId));
}

/** The first `limit` stock entries (by SKU id, after `afterSkuId`) of each of many stores, in one statement. */
export async function findStockPages(
  db: Db,
  storeIds: readonly string[],
  page: { limit: number; afterSkuId: string | null },
): Promise<FreshStockRow[]> {
  if (page.limit === 0) return [];
  const conditions: SQL[] = [sql`${freshStock.storeId} = ${OWNER_ID}`];
  if (page.afterSkuId) conditions.push(sql`${freshStock.skuId} > ${page.afterSkuId}::uuid`);
  const pageOfOne = db
    .select()
    .from(freshStock)
    .where(and(...conditions))
    .orderBy(asc(freshStock.skuId))
    .limit(page.limit)
    .as('page');
  return pagesPerOwner<FreshStockRow>(db, storeIds, pageOfOne);
}

/** How many SKUs each of many stores carries, in one statement; stores with none are left out. */
export async function countStockByStores(db: Db, storeIds: readonly string[]) {
  const valid = storeIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select({ storeId: freshStock.storeId, count: sql<number>`count(*)::int` })
    .from(freshStock)
    .where(inArray(freshStock.storeId, valid))
    .groupBy(freshStock.storeId);
}

/** Inserts stock rows in multi-row statements (the seed, tests); an existing (store, SKU) is replaced. */
export async function upsertFreshStock(db: Db, rows: readonly NewFreshStock[]): Promise<void> {
  for (const part of chunk(rows, 2_000)) {
    await db
      .insert(freshStock)
      .values([...part])
      .onConflictDoUpdate({
        target: [freshStock.storeId, freshStock.skuId],
        set: {
          available: sql`excluded.available`,
          bestBefore: sql`excluded.best_before`,
          updatedAt: sql`now()`,
        },
      });
  }
}
