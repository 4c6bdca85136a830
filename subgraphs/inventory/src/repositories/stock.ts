import { chunk, type Database, isId } from '@zhongtai/subgraph-kit';
import { inArray, sql } from 'drizzle-orm';
import type { InventorySchema } from '../db/index.ts';
import { type StockRow, stock } from '../db/schema.ts';

type Db = Database<InventorySchema>;

/** The stock rows of many SKUs in one statement; SKUs without a row (or ids that cannot be) are left out. */
export async function findStockBySkuIds(db: Db, skuIds: readonly string[]): Promise<StockRow[]> {
  const valid = skuIds.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(stock).where(inArray(stock.skuId, valid));
}

/**
 * Sets what can be ordered of a SKU (a stock count, a delivery, tests), creating its row if needed.
 * Units held by reservations are left as they are.
 */
export async function setStock(db: Db, skuId: string, available: number): Promise<StockRow> {
  const [row] = await db
    .insert(stock)
    .values({ skuId, available, reserved: 0 })
    .onConflictDoUpdate({
      target: stock.skuId,
      set: { available, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

export interface NewStock {
  skuId: string;
  available: number;
}

// Rows a statement. Each statement binds two parameters whatever its size, so the bound is memory, not
// Postgres's 65,535 parameters.
const INSERT_CHUNK = 10_000;

/** A Postgres array literal; for uuids and integers, whose text never needs quoting. */
const arrayLiteral = (values: readonly (string | number)[]) => `{${values.join(',')}}`;

/**
 * Inserts stock rows, 10,000 a statement, each statement two array parameters unnested into rows:
 * building a 300,000-row insert with drizzle's builder costs seconds of CPU before any SQL is sent.
 * A SKU that already has a row keeps it.
 */
export async function insertStock(db: Db, rows: readonly NewStock[]): Promise<void> {
  for (const row of rows) {
    if (!isId(row.skuId)) throw new Error(`Not a SKU id: ${row.skuId}`);
    if (!Number.isInteger(row.available) || row.available < 0) {
      throw new Error(`Stock must be a whole number of units, got ${row.available} for SKU ${row.skuId}`);
    }
  }
  for (const part of chunk(rows, INSERT_CHUNK)) {
    const skuIds = arrayLiteral(part.map((row) => row.skuId));
    const available = arrayLiteral(part.map((row) => row.available));
    await db.execute(sql`
      insert into ${stock} (sku_id, available)
      select * from unnest(${skuIds}::uuid[], ${available}::integer[])
      on conflict (sku_id) do nothing
    `);
  }
}
