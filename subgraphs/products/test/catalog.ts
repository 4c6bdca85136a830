import { randomBytes } from 'node:crypto';
import { type Database, newId } from '@zhongtai/subgraph-kit';
import type { ProductsSchema } from '../src/db/index.ts';
import { ensureCategories } from '../src/repositories/categories.ts';
import { insertProducts } from '../src/repositories/products.ts';
import { insertSkus } from '../src/repositories/skus.ts';

type Db = Database<ProductsSchema>;

/** A word no other test uses, so searches and slugs see only this test's rows. */
export const uniqueWord = (prefix = 'zt') => `${prefix}${randomBytes(5).toString('hex')}`;

/** A category chain root → child → grandchild of this test's own. */
export async function createCategoryChain(db: Db) {
  const word = uniqueWord('cat');
  const [root] = await ensureCategories(db, [{ id: newId(), name: `Root ${word}`, slug: `${word}-root` }]);
  const [child] = await ensureCategories(db, [
    { id: newId(), parentId: root!.id, name: `Child ${word}`, slug: `${word}-child` },
  ]);
  const [grandchild] = await ensureCategories(db, [
    { id: newId(), parentId: child!.id, name: `Grandchild ${word}`, slug: `${word}-grandchild` },
  ]);
  return { root: root!, child: child!, grandchild: grandchild! };
}

export interface ListingSpec {
  title: string;
  brand?: string | null;
  description?: string;
  categoryId?: string | null;
  sellerId?: string;
  /** One SKU a price, in fen. */
  prices?: number[];
  createdAt?: Date;
}

export interface Listing {
  id: string;
  slug: string;
  sellerId: string;
  skuIds: string[];
}

/** Inserts products (and their SKUs) in the given order, each a millisecond newer than the one before. */
export async function createListings(db: Db, specs: ListingSpec[]): Promise<Listing[]> {
  const start = Date.now() - specs.length;
  const listings = specs.map((spec, i) => {
    const createdAt = spec.createdAt ?? new Date(start + i);
    const id = newId(createdAt.getTime());
    const skus = (spec.prices ?? [9900]).map((price, position) => ({
      id: newId(createdAt.getTime()),
      productId: id,
      code: `T-${position + 1}`,
      attributes: [{ name: '颜色', value: `颜色${position + 1}` }],
      priceAmount: price,
      weightGrams: 500 + position,
      position,
    }));
    const product = {
      id,
      slug: `${uniqueWord('p')}-${i}`,
      title: spec.title,
      description: spec.description ?? '',
      brand: spec.brand ?? null,
      categoryId: spec.categoryId ?? null,
      sellerId: spec.sellerId ?? newId(),
      images: [{ url: `https://img.zhongtai.dev/p/${id}/1.jpg`, alt: spec.title }],
      createdAt,
    };
    return { product, skus };
  });
  await insertProducts(
    db,
    listings.map((l) => l.product),
  );
  await insertSkus(
    db,
    listings.flatMap((l) => l.skus),
  );
  return listings.map(({ product, skus }) => ({
    id: product.id,
    slug: product.slug,
    sellerId: product.sellerId,
    skuIds: skus.map((sku) => sku.id),
  }));
}
