import { type Database, groupedLoader, keyedLoader } from '@zhongtai/subgraph-kit';
import DataLoader from 'dataloader';
import type { ProductsSchema } from './db/index.ts';
import type { ProductRow } from './db/schema.ts';
import { findCategoriesByIds, findCategoriesByParentIds } from './repositories/categories.ts';
import {
  countProductsBySellers,
  findProductPagesBySellers,
  findProductsByIds,
  findProductsBySlugs,
} from './repositories/products.ts';
import { findSkusByIds, findSkusByProductIds } from './repositories/skus.ts';

/** Per-request loaders: every entity lookup and list in one request batches into one statement. */
export function createLoaders(db: Database<ProductsSchema>) {
  const productById = keyedLoader(
    'Product',
    (ids: readonly string[]) => findProductsByIds(db, ids),
    (row) => row.id,
  );
  const productBySlug = keyedLoader(
    'Product',
    async (slugs: readonly string[]) => {
      const rows = await findProductsBySlugs(db, slugs);
      // A product found by slug is also known by id for the rest of the request.
      for (const row of rows) productById.prime(row.id, row);
      return rows;
    },
    (row) => row.slug,
  );

  // User.products takes arguments, so sellers batch together per (first, after): one loader each.
  const sellerPages = new Map<string, DataLoader<string, ProductRow[]>>();
  const productsBySeller = (page: { limit: number; afterId: string | null }) => {
    const key = `${page.limit}:${page.afterId ?? ''}`;
    let loader = sellerPages.get(key);
    if (!loader) {
      loader = groupedLoader(
        (sellerIds: readonly string[]) => findProductPagesBySellers(db, sellerIds, page),
        (row) => row.sellerId,
      );
      sellerPages.set(key, loader);
    }
    return loader;
  };

  return {
    productById,
    productBySlug,
    productsBySeller,
    productCountBySeller: new DataLoader<string, number>(async (sellerIds) => {
      const counts = new Map(
        (await countProductsBySellers(db, sellerIds)).map((row) => [row.sellerId, row.count]),
      );
      return sellerIds.map((id) => counts.get(id) ?? 0);
    }),
    skuById: keyedLoader(
      'Sku',
      (ids: readonly string[]) => findSkusByIds(db, ids),
      (row) => row.id,
    ),
    skusByProductId: groupedLoader(
      (ids: readonly string[]) => findSkusByProductIds(db, ids),
      (row) => row.productId,
    ),
    categoryById: keyedLoader(
      'Category',
      (ids: readonly string[]) => findCategoriesByIds(db, ids),
      (row) => row.id,
    ),
    categoriesByParentId: groupedLoader(
      (ids: readonly string[]) => findCategoriesByParentIds(db, ids),
      (row) => row.parentId!,
    ),
  };
}

export type ProductsLoaders = ReturnType<typeof createLoaders>;
