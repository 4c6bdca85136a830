import { createRandom, type Database } from '@zhongtai/subgraph-kit';
import type { InventorySchema } from './db/index.ts';
import { insertStock, type NewStock } from './repositories/stock.ts';

/** Share of SKUs on flash sale (1 to 5 left), and the fewest a seed makes. */
const FLASH_SALE_SHARE = 0.005;
const MIN_FLASH_SALE = 5;
/** Share of the other SKUs that are sold out. */
const SOLD_OUT_SHARE = 0.05;

/**
 * Stock for every seeded SKU: most have 20 to 500 units, about one in twenty is sold out, and a few
 * (at least five, about one in two hundred) are flash-sale SKUs with 1 to 5 left, for the checkout
 * races a benchmark wants. The same seed gives the same stock to the same position in `skus`.
 */
export async function seedInventory(
  db: Database<InventorySchema>,
  options: { skus: readonly { id: string }[]; seed?: number },
): Promise<{ flashSaleSkuIds: string[] }> {
  const random = createRandom(options.seed ?? 1);
  const count = options.skus.length;
  const flashSale = new Set<number>();
  const wanted = Math.min(count, Math.max(MIN_FLASH_SALE, Math.round(count * FLASH_SALE_SHARE)));
  while (flashSale.size < wanted) flashSale.add(random.int(0, count - 1));

  const rows: NewStock[] = options.skus.map((sku, i) => ({
    skuId: sku.id,
    available: flashSale.has(i) ? random.int(1, 5) : random.chance(SOLD_OUT_SHARE) ? 0 : random.int(20, 500),
  }));
  await insertStock(db, rows);
  return {
    flashSaleSkuIds: [...flashSale].sort((a, b) => a - b).map((i) => options.skus[i]!.id),
  };
}
