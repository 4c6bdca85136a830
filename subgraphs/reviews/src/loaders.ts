import { type Database, groupedLoader, keyedLoader } from '@zhongtai/subgraph-kit';
import DataLoader from 'dataloader';
import type { ReviewsSchema } from './db/index.ts';
import type { ReviewRow } from './db/schema.ts';
import type { RatingSummaryModel } from './models.ts';
import { findRatingSummaries } from './repositories/ratings.ts';
import {
  countReviewsByAuthors,
  findReviewPages,
  findReviewsByIds,
  type ReviewOwner,
  type ReviewPage,
} from './repositories/reviews.ts';

const NO_REVIEWS: RatingSummaryModel = { count: 0, total: 0, stars: [0, 0, 0, 0, 0] };

/** Per-request loaders: every entity lookup and list in one request batches into one statement. */
export function createLoaders(db: Database<ReviewsSchema>) {
  // Review lists take arguments, so owners batch together per (owner kind, first, after): one loader each.
  const pages = new Map<string, DataLoader<string, ReviewRow[]>>();
  const reviewPages = (owner: ReviewOwner, page: ReviewPage) => {
    const key = `${owner}:${page.limit}:${page.afterId ?? ''}`;
    let loader = pages.get(key);
    if (!loader) {
      loader = groupedLoader(
        (ownerIds: readonly string[]) => findReviewPages(db, owner, ownerIds, page),
        (row) => (owner === 'product' ? row.productId : row.authorId),
      );
      pages.set(key, loader);
    }
    return loader;
  };

  return {
    reviewById: keyedLoader(
      'Review',
      (ids: readonly string[]) => findReviewsByIds(db, ids),
      (row) => row.id,
    ),
    reviewsByProduct: (page: ReviewPage) => reviewPages('product', page),
    reviewsByAuthor: (page: ReviewPage) => reviewPages('author', page),
    /** A product's rating summary; a product nobody reviewed has zeros, not an error. */
    ratingByProductId: new DataLoader<string, RatingSummaryModel>(async (productIds) => {
      const rows = new Map((await findRatingSummaries(db, productIds)).map((row) => [row.productId, row]));
      return productIds.map((id) => {
        const row = rows.get(id);
        return row
          ? {
              count: row.count,
              total: row.total,
              stars: [row.stars1, row.stars2, row.stars3, row.stars4, row.stars5],
            }
          : NO_REVIEWS;
      });
    }),
    reviewCountByAuthor: new DataLoader<string, number>(async (authorIds) => {
      const counts = new Map(
        (await countReviewsByAuthors(db, authorIds)).map((row) => [row.authorId, row.count]),
      );
      return authorIds.map((id) => counts.get(id) ?? 0);
    }),
  };
}

export type ReviewsLoaders = ReturnType<typeof createLoaders>;
