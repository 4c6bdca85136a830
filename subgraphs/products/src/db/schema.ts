import { type SQL, sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  customType,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything the Product Center stores lives in this Postgres schema. */
export const productsSchema = pgSchema('products');

/** A Postgres full-text document; only ever written by the database itself (a generated column). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export interface ProductImage {
  url: string;
  alt: string | null;
}

export interface SkuAttribute {
  name: string;
  value: string;
}

/** The browsing tree: root categories (parent null) and their subcategories, in display order. */
export const categories = productsSchema.table(
  'categories',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id').references((): AnyPgColumn => categories.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('categories_slug_key').on(t.slug),
    index('categories_parent_id_idx').on(t.parentId, t.position),
  ],
);

/**
 * The full-text document of a product: title weighs most, then brand, then description. The
 * 'simple' configuration lowercases and splits on spaces and punctuation without stemming, which
 * suits titles that mix Chinese and English words.
 */
const searchDocument: SQL = sql`setweight(to_tsvector('simple', coalesce("title", '')), 'A') || setweight(to_tsvector('simple', coalesce("brand", '')), 'B') || setweight(to_tsvector('simple', coalesce("description", '')), 'C')`;

/** One row per listing: what a seller offers, in which category; sellers are users of the User Center. */
export const products = productsSchema.table(
  'products',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    brand: text('brand'),
    categoryId: uuid('category_id').references(() => categories.id, { onDelete: 'set null' }),
    sellerId: uuid('seller_id').notNull(),
    images: jsonb('images').$type<ProductImage[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(() => searchDocument),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    index('products_seller_id_idx').on(t.sellerId, t.id),
    index('products_category_id_idx').on(t.categoryId, t.id),
    index('products_search_idx').using('gin', t.search),
  ],
);

/** The variants a buyer actually orders (colour, size, storage...), each with its own price and weight. */
export const skus = productsSchema.table(
  'skus',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    attributes: jsonb('attributes').$type<SkuAttribute[]>().notNull().default([]),
    priceAmount: integer('price_amount').notNull(),
    currency: text('currency').notNull().default('CNY'),
    weightGrams: integer('weight_grams').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    uniqueIndex('skus_product_id_code_key').on(t.productId, t.code),
    index('skus_product_id_idx').on(t.productId, t.position),
  ],
);

export type CategoryRow = typeof categories.$inferSelect;
/** A product as the API reads it: every column but the search document. */
export type ProductRow = Omit<typeof products.$inferSelect, 'search'>;
export type SkuRow = typeof skus.$inferSelect;
