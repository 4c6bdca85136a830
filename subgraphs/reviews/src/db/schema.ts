import { sql } from 'drizzle-orm';
import { check, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Everything the Review Center stores lives in this Postgres schema. */
export const reviewsSchema = pgSchema('reviews');

/** One row per review; products and authors live in other centers, so only their ids are kept. */
export const reviews = reviewsSchema.table(
  'reviews',
  {
    id: uuid('id').primaryKey(),
    productId: uuid('product_id').notNull(),
    authorId: uuid('author_id').notNull(),
    rating: integer('rating').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One review per author and product; the index also decides a race between two writes.
    uniqueIndex('reviews_author_id_product_id_key').on(t.authorId, t.productId),
    // Newest-first pages (ids are time-ordered) of one product, and of one author.
    index('reviews_product_id_id_idx').on(t.productId, t.id),
    index('reviews_author_id_id_idx').on(t.authorId, t.id),
    check('reviews_rating_check', sql`"rating" between 1 and 5`),
  ],
);

/** Running totals per product, updated with each review, so a product's rating is one row read. */
export const ratingSummaries = reviewsSchema.table('rating_summaries', {
  productId: uuid('product_id').primaryKey(),
  count: integer('count').notNull().default(0),
  /** The sum of all ratings: the average is total / count. */
  total: integer('total').notNull().default(0),
  stars1: integer('stars_1').notNull().default(0),
  stars2: integer('stars_2').notNull().default(0),
  stars3: integer('stars_3').notNull().default(0),
  stars4: integer('stars_4').notNull().default(0),
  stars5: integer('stars_5').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ReviewRow = typeof reviews.$inferSelect;
export type NewReview = typeof reviews.$inferInsert;
export type RatingSummaryRow = typeof ratingSummaries.$inferSelect;
