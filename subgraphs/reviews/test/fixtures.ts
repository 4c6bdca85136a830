import { type Database, newId } from '@zhongtai/subgraph-kit';
import type { ReviewsSchema } from '../src/db/index.ts';
import { refreshRatingSummaries } from '../src/repositories/ratings.ts';
import { insertReviews } from '../src/repositories/reviews.ts';

type Db = Database<ReviewsSchema>;

export interface ReviewSpec {
  productId: string;
  authorId?: string;
  rating?: number;
}

/**
 * Inserts reviews in the given order, each a millisecond newer than the one before, and brings the
 * rating summaries up to date. Returns their ids, oldest first.
 */
export async function createReviews(db: Db, specs: ReviewSpec[]): Promise<string[]> {
  const start = Date.now() - specs.length;
  const rows = specs.map((spec, i) => ({
    id: newId(start + i),
    productId: spec.productId,
    authorId: spec.authorId ?? newId(),
    rating: spec.rating ?? 5,
    title: `Review ${i}`,
    body: `第${i}条评价 body`,
    createdAt: new Date(start + i),
  }));
  await insertReviews(db, rows);
  await refreshRatingSummaries(db);
  return rows.map((row) => row.id);
}

/** `count` reviews of one product by different authors, with ratings cycling 5, 4, 3, 2, 1. */
export const manyReviews = (productId: string, count: number): ReviewSpec[] =>
  Array.from({ length: count }, (_, i) => ({ productId, rating: 5 - (i % 5) }));
