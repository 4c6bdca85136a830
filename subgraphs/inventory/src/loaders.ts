import { type Database, keyedLoader, orNull } from '@zhongtai/subgraph-kit';
import type { InventorySchema } from './db/index.ts';
import type { StockLevel } from './models.ts';
import { findStockBySkuIds } from './repositories/stock.ts';

const NO_STOCK: StockLevel = Object.freeze({ available: 0, reserved: 0 });

/** Per-request loaders: every stock lookup in one request batches into one statement. */
export function createLoaders(db: Database<InventorySchema>) {
  const stockBySkuId = keyedLoader(
    'Stock',
    (ids: readonly string[]) => findStockBySkuIds(db, ids),
    (row) => row.skuId,
  );
  return {
    stockBySkuId,
    /** A SKU's stock; a SKU this center has no row for (new, or unknown) has none. */
    stockOf: async (skuId: string): Promise<StockLevel> =>
      (await orNull(stockBySkuId.load(skuId.toLowerCase()))) ?? NO_STOCK,
  };
}

export type InventoryLoaders = ReturnType<typeof createLoaders>;
