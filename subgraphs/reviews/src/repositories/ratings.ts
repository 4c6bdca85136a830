import { type Database, isId } from '@zhongtai/subgraph-kit';
import { inArray, sql } from 'drizzle-orm';
import type { ReviewsSchema } from '../db/index.ts';
import { type RatingSummaryRow, ratingSummaries, reviews } from '../db/schema.ts';

type Db = Database<ReviewsSchema>;

export async function findRatingSummaries(
  db: Db,
  productIds: readonly string[],
): Promise<RatingSummaryRow[]> {
  const valid = productIds.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(ratingSummaries).where(inArray(ratingSummaries.productId, valid));
}

/**
 * Recomputes the rating summaries of every product from its reviews, in one statement. For bulk loads
 * (the seed), which insert reviews without updating the summaries one review at a time.
 */
export async function refreshRatingSummaries(db: Db): Promise<void> {
  const starCount = (stars: number) => sql`count(*) filter (where ${reviews.rating} = ${stars})::int`;
  await db.execute(sql`
    insert into ${ratingSummaries} (product_id, count, total, stars_1, stars_2, stars_3, stars_4, stars_5)
    select ${reviews.productId}, count(*)::int, sum(${reviews.rating})::int,
      ${starCount(1)}, ${starCount(2)}, ${starCount(3)}, ${starCount(4)}, ${starCount(5)}
    from ${reviews}
    group by ${reviews.productId}
    on conflict (product_id) do update set
      count = excluded.count, total = excluded.total,
      stars_1 = excluded.stars_1, stars_2 = excluded.stars_2, stars_3 = excluded.stars_3,
      stars_4 = excluded.stars_4, stars_5 = excluded.stars_5, updated_at = now()`);
}
