import { createProductsCenter, seedProducts } from '@zhongtai/products';
import { createRandom, type Identity, newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, test as base, describe, expect } from 'vitest';
import { ratingSummaries } from '../src/db/schema.ts';
import { createReviewsCenter } from '../src/server.ts';
import { createReviews, manyReviews } from './fixtures.ts';

// The real Product Center, listening, so writeReview's product check goes over HTTP as in production.
const productsDb = await createTestDatabase('reviews_products');
const productsCenter = await createProductsCenter({
  DATABASE_URL: productsDb.url,
  DATA_DIR: productsDb.dataDir,
  LOG_LEVEL: 'silent',
});
const productsUrl = `${await productsCenter.listen(0)}/graphql`;

const testDb = await createTestDatabase('reviews');
const center = await createReviewsCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
  SUBGRAPH_URLS: { products: productsUrl },
});
afterAll(async () => {
  await center.stop();
  await productsCenter.stop();
  await testDb.drop();
  await productsDb.drop();
});

const db = center.database.db;
const random = createRandom(Date.now());

const test = base.extend<{ productId: string; author: Identity }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  productId: async ({}, use) => {
    const catalog = await seedProducts(productsCenter.database.db, {
      sellerIds: [newId()],
      products: 1,
      seed: random.int(1, 1_000_000),
    });
    await use(catalog.productIds[0]!);
  },
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  author: async ({}, use) => {
    await use({ userId: newId(), scopes: [] });
  },
});

const WRITE = /* GraphQL */ `
  mutation Write($input: WriteReviewInput!) {
    writeReview(input: $input) { id rating title body createdAt product { id } author { id } }
  }
`;

interface Written {
  id: string;
  rating: number;
  title: string;
  body: string;
  createdAt: string;
  product: { id: string };
  author: { id: string };
}

const input = (productId: string, overrides: Record<string, unknown> = {}) => ({
  productId,
  rating: 5,
  title: '非常满意',
  body: 'Great value. 物流很快。',
  ...overrides,
});

const write = (variables: Record<string, unknown>, identity?: Identity) =>
  executeAs<{ writeReview: Written }>(center, WRITE, { input: variables }, identity);

const RATING = /* GraphQL */ `
  query($r: [_Any!]!) {
    _entities(representations: $r) {
      ... on Product { rating { average count distribution { stars count } } }
    }
  }
`;

async function ratingOf(productId: string) {
  const result = await executeAs<{
    _entities: {
      rating: { average: number | null; count: number; distribution: { stars: number; count: number }[] };
    }[];
  }>(center, RATING, { r: [{ __typename: 'Product', id: productId }] });
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0]!.rating;
}

describe('writing a review', () => {
  test('a signed-in user reviews an existing product and the review is stored as written', async ({
    productId,
    author,
  }) => {
    const result = await write(
      input(productId, { rating: 4, title: '  质量很好  ', body: '  做工精细 and fast delivery.  ' }),
      author,
    );
    expect(result.errors).toBeUndefined();
    const review = result.data!.writeReview;
    expect(review).toMatchObject({
      rating: 4,
      title: '质量很好',
      body: '做工精细 and fast delivery.',
      product: { id: productId },
      author: { id: author.userId },
    });
    expect(Date.now() - Date.parse(review.createdAt)).toBeLessThan(60_000);

    const again = await executeAs<{ review: Written }>(
      center,
      'query($id: ID!) { review(id: $id) { id rating title product { id } author { id } } }',
      { id: review.id },
    );
    expect(again.data?.review).toEqual({
      id: review.id,
      rating: 4,
      title: '质量很好',
      product: { id: productId },
      author: { id: author.userId },
    });
  });

  test('writing without signing in is an UNAUTHENTICATED error', async ({ productId }) => {
    const result = await write(input(productId));
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.data).toBeNull();
  });

  test('a rating outside 1 to 5 and an empty or over-long title or body are BAD_USER_INPUT errors', async ({
    productId,
    author,
  }) => {
    const cases: [Record<string, unknown>, string][] = [
      [{ rating: 0 }, 'rating'],
      [{ rating: 6 }, 'rating'],
      [{ rating: -3 }, 'rating'],
      [{ title: '   ' }, 'title'],
      [{ title: '好'.repeat(121) }, 'title'],
      [{ body: '' }, 'body'],
      [{ body: 'x'.repeat(5001) }, 'body'],
    ];
    for (const [overrides, field] of cases) {
      const result = await write(input(productId, overrides), author);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    // The limits themselves are allowed, counted in characters: 120 Chinese characters, 5000 emoji.
    const atLimits = await write(
      input(productId, { title: '好'.repeat(120), body: '👍'.repeat(5000) }),
      author,
    );
    expect(atLimits.errors).toBeUndefined();
    expect(await ratingOf(productId)).toMatchObject({ count: 1 });
  });

  test('a product the Product Center does not know, or a malformed id, is a BAD_USER_INPUT error', async ({
    author,
  }) => {
    for (const productId of [newId(), 'not-a-product']) {
      const result = await write(input(productId), author);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('productId');
    }
  });

  test('a second review of the same product by the same author is a CONFLICT error', async ({
    productId,
    author,
  }) => {
    const first = await write(input(productId, { rating: 5 }), author);
    const second = await write(input(productId, { rating: 1 }), author);
    expect(first.errors).toBeUndefined();
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(await ratingOf(productId)).toMatchObject({ average: 5, count: 1 });
    // Another author may still review it.
    const other = await write(input(productId, { rating: 3 }), { userId: newId(), scopes: [] });
    expect(other.errors).toBeUndefined();
    expect(await ratingOf(productId)).toMatchObject({ average: 4, count: 2 });
  });

  test('two concurrent reviews of one product by one author store one review and give one CONFLICT', async ({
    productId,
    author,
  }) => {
    const results = await Promise.all([5, 4, 3].map((rating) => write(input(productId, { rating }), author)));
    const codes = results.map((result) => errorCodes(result)[0] ?? 'OK').sort();
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    expect(await ratingOf(productId)).toMatchObject({ count: 1 });
  });

  test('when the Product Center does not answer, writing is SERVICE_UNAVAILABLE and nothing is stored', async ({
    author,
  }) => {
    const downDb = await createTestDatabase('reviews_down');
    const isolated = await createReviewsCenter({
      DATABASE_URL: downDb.url,
      DATA_DIR: downDb.dataDir,
      LOG_LEVEL: 'silent',
      // Port 9 (discard) on loopback: nothing listens there.
      SUBGRAPH_URLS: { products: 'http://127.0.0.1:9/graphql' },
    });
    try {
      const result = await executeAs(isolated, WRITE, { input: input(newId()) }, author);
      expect(errorCodes(result)).toEqual(['SERVICE_UNAVAILABLE']);
      const rows = await isolated.database.db.select().from(ratingSummaries);
      expect(rows).toEqual([]);
    } finally {
      await isolated.stop();
      await downDb.drop();
    }
  });
});

describe('rating summaries', () => {
  test('a product nobody reviewed has count 0, a null average and an empty distribution', async () => {
    expect(await ratingOf(newId())).toEqual({
      average: null,
      count: 0,
      distribution: [5, 4, 3, 2, 1].map((stars) => ({ stars, count: 0 })),
    });
  });

  test('each review written updates the average, the count and the distribution at once', async ({
    productId,
  }) => {
    const ratings = [5, 4, 4, 1, 5, 5];
    for (const rating of ratings) {
      const result = await write(input(productId, { rating }), { userId: newId(), scopes: [] });
      expect(result.errors).toBeUndefined();
    }
    expect(await ratingOf(productId)).toEqual({
      average: 24 / 6,
      count: 6,
      distribution: [
        { stars: 5, count: 3 },
        { stars: 4, count: 2 },
        { stars: 3, count: 0 },
        { stars: 2, count: 0 },
        { stars: 1, count: 1 },
      ],
    });
  });
});

describe('pages of reviews', () => {
  const PRODUCT_REVIEWS = /* GraphQL */ `
    query($r: [_Any!]!, $first: Int, $after: String) {
      _entities(representations: $r) {
        ... on Product { reviews(first: $first, after: $after) {
          edges { cursor node { id rating } } pageInfo { hasNextPage endCursor } totalCount
        } }
      }
    }
  `;

  interface Page {
    edges: { cursor: string; node: { id: string; rating: number } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  }

  async function productPage(productId: string, first: number | null, after: string | null = null) {
    const result = await executeAs<{ _entities: { reviews: Page }[] }>(center, PRODUCT_REVIEWS, {
      r: [{ __typename: 'Product', id: productId }],
      first,
      after,
    });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0]!.reviews;
  }

  test("walking a product's pages returns every review once, newest first, with pageInfo right", async () => {
    const productId = newId();
    const ids = await createReviews(db, manyReviews(productId, 7));
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: Page = await productPage(productId, 3, after);
      seen.push(...page.edges.map((edge) => edge.node.id));
      sizes.push(page.edges.length);
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([...ids].reverse());
    expect(sizes).toEqual([3, 3, 1]);
  });

  test('without first a page has 20 reviews; first 0 gives an empty page that says more follow', async () => {
    const productId = newId();
    await createReviews(db, manyReviews(productId, 25));
    expect((await productPage(productId, null)).edges).toHaveLength(20);
    expect(await productPage(productId, 0)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: true, endCursor: null },
      totalCount: 25,
    });
  });

  test('a product without reviews has an empty connection', async () => {
    expect(await productPage(newId(), 10)).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
      totalCount: 0,
    });
  });

  test('first over 100, a negative first and a malformed or forged cursor are BAD_USER_INPUT errors', async () => {
    const r = [{ __typename: 'Product', id: newId() }];
    const forged = Buffer.from(JSON.stringify(['1 or 1=1'])).toString('base64url');
    for (const variables of [{ first: 101 }, { first: -1 }, { after: 'nope' }, { after: forged }]) {
      const result = await executeAs(center, PRODUCT_REVIEWS, { r, ...variables });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    }
  });

  test("a user's reviews are theirs only, newest first, across products, with their count", async () => {
    const authorId = newId();
    const [older, newer] = await createReviews(db, [
      { productId: newId(), authorId, rating: 2 },
      { productId: newId(), authorId, rating: 4 },
      { productId: newId() },
    ]);
    const query = /* GraphQL */ `
      query($r: [_Any!]!, $after: String) {
        _entities(representations: $r) {
          ... on User { id reviews(first: 1, after: $after) {
            edges { node { id rating author { id } } } pageInfo { hasNextPage endCursor } totalCount
          } }
        }
      }
    `;
    type UserPage = {
      id: string;
      reviews: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string }; totalCount: number };
    };
    const nobody = newId();
    const first = await executeAs<{ _entities: UserPage[] }>(center, query, {
      r: [
        { __typename: 'User', id: nobody },
        { __typename: 'User', id: authorId },
      ],
    });
    expect(first.data?._entities).toEqual([
      {
        id: nobody,
        reviews: { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 },
      },
      {
        id: authorId,
        reviews: {
          edges: [{ node: { id: newer, rating: 4, author: { id: authorId } } }],
          pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
          totalCount: 2,
        },
      },
    ]);
    const second = await executeAs<{ _entities: UserPage[] }>(center, query, {
      r: [{ __typename: 'User', id: authorId }],
      after: first.data!._entities[1]!.reviews.pageInfo.endCursor,
    });
    expect(second.data?._entities[0]?.reviews.edges).toEqual([
      { node: { id: older, rating: 2, author: { id: authorId } } },
    ]);
  });
});
