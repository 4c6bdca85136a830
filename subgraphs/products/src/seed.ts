import { createRandom, type Database, newId, type Random } from '@zhongtai/subgraph-kit';
import type { ProductsSchema } from './db/index.ts';
import type { SkuAttribute } from './db/schema.ts';
import { ensureCategories } from './repositories/categories.ts';
import { insertProducts, type NewProduct } from './repositories/products.ts';
import { insertSkus, type NewSku } from './repositories/skus.ts';
import { type Axis, type AxisValue, CATALOG, ENGLISH_LINES, GENERIC_LINES } from './seed-catalog.ts';

// How many SKUs a product asks for: 1 to 8. Small categories have fewer axis values than that, so the
// catalogue ends up with about 3.5 SKUs per product (the large scale's 100k products give over 300k SKUs).
const SKU_COUNTS = [1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 6, 8];

const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;
const MIN_PRICE_FEN = 990;
const MAX_PRICE_FEN = 1_299_900;

/** A shop price in fen: ¥9.90, ¥39.90 below a hundred yuan, ¥1,299.00 above. */
function shopPrice(yuan: number): number {
  const rounded = yuan >= 100 ? Math.round(yuan / 10) * 10 - 1 : Math.max(9.9, Math.round(yuan) - 0.1);
  return Math.min(MAX_PRICE_FEN, Math.max(MIN_PRICE_FEN, Math.round(rounded * 100)));
}

/** Log-uniform, so cheap products are more common than dear ones, as in any shop. */
const logUniform = (random: Random, [min, max]: readonly [number, number]) =>
  Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min)));

/** `count` distinct indices of 0..size-1, in order. */
function pickIndices(random: Random, size: number, count: number): number[] {
  const indices = Array.from({ length: size }, (_, i) => i);
  for (let i = size - 1; i > 0; i--) {
    const j = random.int(0, i);
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices.slice(0, Math.min(size, count)).sort((a, b) => a - b);
}

/** Up to `count` attribute combinations over the kind's axes (one or two). */
function variants(random: Random, axes: readonly Axis[], count: number): AxisValue[][] {
  const [first, second] = axes;
  if (!first) return [[]];
  if (!second) return pickIndices(random, first.values.length, count).map((i) => [first.values[i]!]);
  const outer = random.int(1, Math.min(first.values.length, count));
  const inner = Math.min(second.values.length, Math.ceil(count / outer));
  const combos: AxisValue[][] = [];
  for (const i of pickIndices(random, first.values.length, outer)) {
    for (const j of pickIndices(random, second.values.length, inner)) {
      combos.push([first.values[i]!, second.values[j]!]);
    }
  }
  return combos.slice(0, count);
}

/** Lowercase ASCII words of a title, for URLs: "Li-Ning 李宁 超轻21 Running Shoes" → "li-ning-21-running-shoes". */
function asciiSlug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

const brandCode = (brand: string) => (brand.replace(/[^A-Za-z0-9]/g, '').slice(0, 4) || 'ZT').toUpperCase();

export interface SeedProductsOptions {
  /** Who sells: each product gets one of them, the first ones more often. */
  sellerIds: string[];
  products: number;
  seed?: number;
  /** The end of the two years that creation times spread over; now by default. */
  now?: number;
}

export interface SeededCatalog {
  productIds: string[];
  /** What other centers' seeds need of each SKU: orders snapshot its product's title and its price. */
  skus: {
    id: string;
    productId: string;
    title: string;
    price: number;
    currency: string;
    weightGrams: number;
  }[];
}

/** The category tree every catalog shares; inserting it again keeps the existing rows. */
async function seedCategories(db: Database<ProductsSchema>, now: number) {
  const createdAt = new Date(now - TWO_YEARS_MS - 24 * 3600 * 1000);
  const roots = await ensureCategories(
    db,
    CATALOG.map((root, position) => ({
      id: newId(createdAt.getTime()),
      name: root.name,
      slug: root.slug,
      position,
      createdAt,
    })),
  );
  const rootIds = new Map(roots.map((row) => [row.slug, row.id]));
  const leaves = await ensureCategories(
    db,
    CATALOG.flatMap((root) =>
      root.children.map((leaf, position) => ({
        id: newId(createdAt.getTime()),
        parentId: rootIds.get(root.slug)!,
        name: leaf.name,
        slug: leaf.slug,
        position,
        createdAt,
      })),
    ),
  );
  const leafIds = new Map(leaves.map((row) => [row.slug, row.id]));
  return CATALOG.flatMap((root) =>
    root.children.map((leaf) => ({ root, leaf, id: leafIds.get(leaf.slug)! })),
  );
}

/**
 * Believable listings for a Chinese marketplace: the category tree, then `products` products with
 * 1 to 6 SKUs each, spread over the last two years and over the given sellers. The same seed gives
 * the same titles, prices and SKUs (ids are fresh UUIDv7s). Multi-row inserts in one transaction,
 * so 100,000 products load in about a minute and a failed seed leaves nothing behind.
 */
export async function seedProducts(
  db: Database<ProductsSchema>,
  options: SeedProductsOptions,
): Promise<SeededCatalog> {
  if (options.products > 0 && options.sellerIds.length === 0) {
    throw new Error('seedProducts needs at least one seller id');
  }
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? Date.now();
  const productRows: NewProduct[] = [];
  const skuRows: NewSku[] = [];
  const slugs = new Set<string>();

  return db.transaction(async (tx) => {
    const store = tx as unknown as Database<ProductsSchema>;
    const leaves = await seedCategories(store, now);
    for (let n = 0; n < options.products; n++) {
      const { root, leaf, id: categoryId } = random.pick(leaves);
      const kind = leaf.kind;
      const [brandEn, brandZh, models] = random.pick(kind.brands);
      const branded = !(kind.unbranded && random.chance(kind.unbranded));
      const model = models ? random.pick(models) : '';
      const [itemZh, itemEn] = random.pick(kind.items);
      const [feature, extra] = pickIndices(random, kind.features.length, 2).map((i) => kind.features[i]!);
      const brandName = brandEn === brandZh ? brandEn : `${brandZh} ${brandEn}`;
      const words = kind.book
        ? [itemZh, feature, itemEn, brandZh]
        : [branded ? brandName : '', model, itemZh, feature, extra, itemEn];
      const title = words.filter(Boolean).join(' ');
      const [lineA, lineB] = pickIndices(random, GENERIC_LINES.length, 2).map((i) => GENERIC_LINES[i]!);
      // Words stand apart (the 'simple' search configuration does not segment Chinese), and the
      // category names are in the text, so searching 手机 or 冰箱 finds what a shopper expects.
      const description = [
        `${branded ? `${brandZh} ` : ''}${itemZh}，${feature}，${extra}。`,
        lineA,
        lineB,
        random.pick(ENGLISH_LINES),
        `分类：${root.name} ${leaf.name}`,
      ].join(' ');

      // Time-ordered from two years ago to now, so newest first follows insertion order backwards.
      const createdAt = new Date(
        now - TWO_YEARS_MS + ((n + random.next()) / options.products) * TWO_YEARS_MS,
      );
      let id = newId(createdAt.getTime());
      const base = asciiSlug(title) || asciiSlug(`${brandEn} ${itemEn}`) || leaf.slug;
      // The id's last characters are random; a clash within one seed just draws another id.
      while (slugs.has(`${base}-${id.slice(-10)}`)) id = newId(createdAt.getTime());
      const slug = `${base}-${id.slice(-10)}`;
      slugs.add(slug);

      // Sellers early in the list sell more: a marketplace has a few big shops and many small ones.
      const sellerId = options.sellerIds[Math.floor(random.next() ** 2 * options.sellerIds.length)]!;
      const imageCount = random.int(1, 4);
      productRows.push({
        id,
        slug,
        title,
        description,
        brand: branded ? brandEn : null,
        categoryId,
        sellerId,
        images: Array.from({ length: imageCount }, (_, i) => ({
          url: `https://img.zhongtai.dev/p/${id}/${i + 1}.jpg`,
          alt: i === 0 ? title : null,
        })),
        createdAt,
      });

      const basePrice = logUniform(random, kind.price);
      const baseWeight = random.int(kind.weight[0], kind.weight[1]);
      const code = `${brandCode(brandEn)}-${(n + 1).toString(36).toUpperCase().padStart(5, '0')}`;
      variants(random, kind.axes, random.pick(SKU_COUNTS)).forEach((combo, position) => {
        const attributes: SkuAttribute[] = combo.map((value, i) => ({
          name: kind.axes[i]!.name,
          value: value.value,
        }));
        const price = combo.reduce((total, value) => total * (value.price ?? 1), basePrice);
        const weight = combo.reduce((total, value) => total * (value.weight ?? 1), baseWeight);
        skuRows.push({
          id: newId(createdAt.getTime()),
          productId: id,
          code: `${code}-${String(position + 1).padStart(2, '0')}`,
          attributes,
          priceAmount: shopPrice(price),
          currency: 'CNY',
          weightGrams: Math.round(weight),
          position,
        });
      });
    }

    await insertProducts(store, productRows);
    await insertSkus(store, skuRows);
    const titles = new Map(productRows.map((row) => [row.id, row.title]));
    return {
      productIds: productRows.map((row) => row.id),
      skus: skuRows.map((row) => ({
        id: row.id,
        productId: row.productId,
        title: titles.get(row.productId)!,
        price: row.priceAmount,
        currency: row.currency ?? 'CNY',
        weightGrams: row.weightGrams,
      })),
    };
  });
}
