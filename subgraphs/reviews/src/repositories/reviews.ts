import { chunk, type Database, isId, newId, OWNER_ID, pagesPerOwner } from '@zhongtai/subgraph-kit';
import { and, desc, inArray, type SQL, sql } from 'drizzle-orm';
import type { ReviewsSchema } from '../db/index.ts';
import { type NewReview, type ReviewRow, ratingSummaries, reviews } from '../db/schema.ts';

type Db = Database<ReviewsSchema>;

export async function findReviewsByIds(db: Db, ids: readonly string[]): Promise<ReviewRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(reviews).where(inArray(reviews.id, valid));
}

/** Which column a page of reviews belongs to: a product's reviews or an author's. */
export type ReviewOwner = 'product' | 'author';

export interface ReviewPage {
  /** Rows to fetch: `first + 1`, the extra one only telling whether a next page exists. */
  limit: number;
  /** Only reviews older than this one (ids are time-ordered). */
  afterId: string | null;
}

/**
 * The first `limit` reviews (newest first, after `afterId` when given) of each of many products or
 * authors, in one statement. A lateral subquery walks each owner's (owner, id) index backwards and
 * stops at `limit`, so a product with thousands of reviews costs no more than one with two.
 */
export async function findReviewPages(
  db: Db,
  owner: ReviewOwner,
  ownerIds: readonly string[],
  page: ReviewPage,
): Promise<ReviewRow[]> {
  if (page.limit === 0) return [];
  const column = owner === 'product' ? reviews.productId : reviews.authorId;
  const conditions: SQL[] = [sql`${column} = ${OWNER_ID}`];
  if (page.afterId) conditions.push(sql`${reviews.id} < ${page.afterId}::uuid`);
  const pageOfOne = db
    .select()
    .from(reviews)
    .where(and(...conditions))
    .orderBy(desc(reviews.id))
    .limit(page.limit)
    .as('page');
  return pagesPerOwner<ReviewRow>(db, ownerIds, pageOfOne);
}

/** How many reviews each of many authors wrote, in one statement; authors with none are left out. */
export async function countReviewsByAuthors(
  db: Db,
  authorIds: readonly string[],
): Promise<{ authorId: string; count: number }[]> {
  const valid = authorIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select({ authorId: reviews.authorId, count: sql<number>`count(*)::int` })
    .from(reviews)
    .where(inArray(reviews.authorId, valid))
    .groupBy(reviews.authorId);
}

export interface WriteReview {
  productId: string;
  authorId: string;
  rating: number;
  title: string;
  body: string;
}

const starsColumn = (rating: number) =>
  (['stars1', 'stars2', 'stars3', 'stars4', 'stars5'] as const)[rating - 1]!;

/**
 * Stores a review and adds it to its product's rating summary in one transaction. Returns null when
 * the author already reviewed the product: the unique index decides, so two concurrent writes
 * cannot both succeed (the second waits for the first, then finds the conflict).
 */
export async function insertReview(db: Db, input: WriteReview, now = Date.now()): Promise<ReviewRow | null> {
  return db.transaction(async (tx) => {
    const [review] = await tx
      .insert(reviews)
      .values({ id: newId(now), ...input, createdAt: new Date(now) })
      .onConflictDoNothing({ target: [reviews.authorId, reviews.productId] })
      .returning();
    if (!review) return null;
    const stars = starsColumn(review.rating);
    await tx
      .insert(ratingSummaries)
      .values({ productId: review.productId, count: 1, total: review.rating, [stars]: 1 })
      .onConflictDoUpdate({
        target: ratingSummaries.productId,
        set: {
          count: sql`${ratingSummaries.count} + 1`,
          total: sql`${ratingSummaries.total} + ${review.rating}`,
          [stars]: sql`${ratingSummaries[stars]} + 1`,
          updatedAt: sql`now()`,
        },
      });
    return review;
  });
}

// Rows a statement: about 3 MB of JSON, a fraction of a second of server time each.
const INSERT_CHUNK = 10_000;

/**
 * Inserts reviews in multi-row statements, without touching the rating summaries: callers that load
 * many reviews at once (the seed, tests) then call `refreshRatingSummaries`. Each chunk travels as
 * one JSON parameter that the server expands with `json_to_recordset`: building a 5,000-row VALUES
 * list with drizzle's query builder costs more client time than the server spends inserting it, and
 * a million reviews would take minutes instead of seconds.
 */
export async function insertReviews(db: Db, rows: readonly NewReview[]): Promise<void> {
  for (const part of chunk(rows, INSERT_CHUNK)) {
    const json = JSON.stringify(part);
    await db.execute(sql`
      insert into ${reviews} (id, product_id, author_id, rating, title, body, created_at)
      select r.id, r."productId", r."authorId", r.rating, r.title, r.body, coalesce(r."createdAt", now())
      from json_to_recordset(${json}::json) as r(
        id uuid, "productId" uuid, "authorId" uuid, rating int, title text, body text, "createdAt" timestamptz
      )`);
  }
}
