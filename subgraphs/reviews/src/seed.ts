import { createRandom, type Database, newId, type Random } from '@zhongtai/subgraph-kit';
import type { ReviewsSchema } from './db/index.ts';
import type { NewReview } from './db/schema.ts';
import { refreshRatingSummaries } from './repositories/ratings.ts';
import { insertReviews } from './repositories/reviews.ts';
import { NEGATIVE, NEUTRAL, type Phrases, POSITIVE, RATING_PROFILES } from './seed-text.ts';

const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

// Rows buffered before a multi-row insert; generation streams, so a million reviews never sit in memory.
const FLUSH_ROWS = 20_000;

export interface SeedReviewsOptions {
  /** The products reviewed: a handful get 100 to 400 reviews, many get none. */
  productIds: string[];
  /** Who writes: a product's reviews all have different authors (one review per author and product). */
  authorIds: string[];
  /** How many reviews in all; fewer when there are not enough authors for them. */
  count: number;
  seed?: number;
  /** The end of the two years that review times spread over; now by default. */
  now?: number;
}

export interface SeededReviews {
  reviews: number;
  /** How many of the products got at least one review. */
  reviewedProducts: number;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * How many reviews each product gets: the first few products (a random handful) 100 to 400 each,
 * about half of the others none, and the rest a long-tailed share of what is left, as in a real shop
 * where a few bestsellers collect most reviews. No product gets more reviews than there are authors.
 */
function planCounts(random: Random, products: number, authors: number, total: number): number[] {
  const counts = new Array<number>(products).fill(0);
  if (products === 0 || authors === 0) return counts;
  let left = Math.min(total, products * authors);
  const order = Array.from({ length: products }, (_, i) => i);
  for (let i = products - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  // Bestsellers: at least 3, about one product in a thousand, at most 20; half of them over 200 reviews.
  const hot = Math.min(products, Math.max(3, Math.min(20, Math.round(products / 1000))));
  for (let i = 0; i < hot && left > 0; i++) {
    const wanted = i % 2 === 0 ? random.int(200, 400) : random.int(100, 199);
    const given = Math.min(wanted, authors, left);
    counts[order[i]!] = given;
    left -= given;
  }
  const rest = order.slice(hot);
  const reviewed = rest.filter(() => random.chance(0.55));
  if (reviewed.length === 0 && rest.length > 0) reviewed.push(rest[0]!);
  // Pareto-distributed weights: most products a few reviews, some dozens.
  const weights = reviewed.map(() => (1 - random.next()) ** -0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const budget = left;
  reviewed.forEach((index, i) => {
    const share = Math.min(authors, Math.max(1, Math.floor((budget * weights[i]!) / sum)), left);
    counts[index] = share;
    left -= share;
  });
  // What rounding left over goes one review at a time to the reviewed products, then to any product.
  for (const pool of [reviewed, order]) {
    let progress = true;
    while (left > 0 && progress) {
      progress = false;
      for (const index of pool) {
        if (left === 0) break;
        if (counts[index]! < authors) {
          counts[index]!++;
          left--;
          progress = true;
        }
      }
    }
  }
  return counts;
}

function ratingFrom(random: Random, cumulative: readonly number[]): number {
  const roll = random.next();
  const index = cumulative.findIndex((limit) => roll < limit);
  return index === -1 ? 5 : index + 1;
}

function profileFor(random: Random): readonly number[] {
  let roll = random.next();
  for (const profile of RATING_PROFILES) {
    if (roll < profile.chance) return profile.cumulative;
    roll -= profile.chance;
  }
  return RATING_PROFILES[0].cumulative;
}

/** `count` distinct sentences of a list, in a random order. */
function sentences(random: Random, list: readonly string[], count: number): string[] {
  const picked = new Set<string>();
  while (picked.size < Math.min(count, list.length)) picked.add(random.pick(list));
  return [...picked];
}

/** A title and body in Chinese (most), English, or both, in the tone of the rating. */
function reviewText(random: Random, rating: number): { title: string; body: string } {
  const phrases: Phrases = rating >= 4 ? POSITIVE : rating === 3 ? NEUTRAL : NEGATIVE;
  const language = random.next();
  if (language < 0.65) {
    return {
      title: random.pick(phrases.titlesZh),
      body: sentences(random, phrases.sentencesZh, random.int(1, 4)).join(''),
    };
  }
  if (language < 0.85) {
    return {
      title: random.pick(phrases.titlesEn),
      body: sentences(random, phrases.sentencesEn, random.int(1, 3)).join(' '),
    };
  }
  return {
    title: random.pick(random.chance(0.5) ? phrases.titlesZh : phrases.titlesEn),
    body: `${sentences(random, phrases.sentencesZh, random.int(1, 2)).join('')} ${random.pick(phrases.sentencesEn)}`,
  };
}

/**
 * Believable reviews for a first run and for benchmarks: ratings leaning to 4 and 5 stars, bilingual
 * titles and bodies, a handful of products with over 100 reviews (some over 200) beside many with
 * none, spread over the last two years; then every product's rating summary. The same seed gives the
 * same reviews (ids are fresh UUIDv7s). Multi-row inserts in one transaction, so a million reviews
 * load in about a minute on PostgreSQL and a failed seed leaves nothing behind.
 */
export async function seedReviews(
  db: Database<ReviewsSchema>,
  options: SeedReviewsOptions,
): Promise<SeededReviews> {
  const { productIds, authorIds } = options;
  if (options.count > 0 && (productIds.length === 0 || authorIds.length === 0)) {
    throw new Error('seedReviews needs at least one product id and one author id');
  }
  const random = createRandom(options.seed ?? 1);
  const now = options.now ?? Date.now();
  const counts = planCounts(random, productIds.length, authorIds.length, options.count);
  const authors = authorIds.length;

  return db.transaction(async (tx) => {
    const store = tx as unknown as Database<ReviewsSchema>;
    let buffer: NewReview[] = [];
    let written = 0;
    let reviewedProducts = 0;
    for (let p = 0; p < productIds.length; p++) {
      const count = counts[p]!;
      if (count === 0) continue;
      reviewedProducts++;
      const profile = profileFor(random);
      // Distinct authors: a walk around the author list with a step that shares no factor with its length.
      const start = random.int(0, authors - 1);
      let step = authors > 1 ? random.int(1, authors - 1) : 1;
      while (gcd(step, authors) !== 1) step++;
      for (let k = 0; k < count; k++) {
        const rating = ratingFrom(random, profile);
        // Recent reviews are more common than old ones.
        const createdAt = now - Math.floor(random.next() ** 1.6 * TWO_YEARS_MS);
        buffer.push({
          id: newId(createdAt),
          productId: productIds[p]!,
          authorId: authorIds[(start + k * step) % authors]!,
          rating,
          ...reviewText(random, rating),
          createdAt: new Date(createdAt),
        });
      }
      if (buffer.length >= FLUSH_ROWS) {
        await insertReviews(store, buffer);
        written += buffer.length;
        buffer = [];
      }
    }
    await insertReviews(store, buffer);
    written += buffer.length;
    await refreshRatingSummaries(store);
    return { reviews: written, reviewedProducts };
  });
}
