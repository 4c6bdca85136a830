import { chunk, type Database, isId } from '@zhongtai/subgraph-kit';
import { asc, inArray } from 'drizzle-orm';
import type { ProductsSchema } from '../db/index.ts';
import { type SkuRow, skus } from '../db/schema.ts';

type Db = Database<ProductsSchema>;

export async function findSkusByIds(db: Db, ids: readonly string[]): Promise<SkuRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(skus).where(inArray(skus.id, valid));
}

/** The SKUs of many products in one statement, each product's in the seller's order. */
export async function findSkusByProductIds(db: Db, productIds: readonly string[]): Promise<SkuRow[]> {
  const valid = productIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(skus)
    .where(inArray(skus.productId, valid))
    .orderBy(asc(skus.productId), asc(skus.position));
}

export type NewSku = typeof skus.$inferInsert;

// 8 columns a SKU: 5,000 rows stay well under Postgres's 65,535 parameters a statement.
const INSERT_CHUNK = 5000;

/** Inserts SKUs in multi-row statements. */
export async function insertSkus(db: Db, rows: readonly NewSku[]): Promise<void> {
  for (const part of chunk(rows, INSERT_CHUNK)) await db.insert(skus).values(part);
}
