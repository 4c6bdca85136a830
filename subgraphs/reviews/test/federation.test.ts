import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, describe, expect, test } from 'vitest';
import { createReviewsCenter } from '../src/server.ts';
import { createReviews, manyReviews } from './fixtures.ts';

const testDb = await createTestDatabase('reviews_federation');
const center = await createReviewsCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
  SUBGRAPH_URLS: {},
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const db = center.database.db;

// Twenty products with 2 to 200 reviews, the first with 2 and the second with 200, and twenty authors
// who each reviewed several of them.
const productIds = Array.from({ length: 20 }, () => newId());
const authorIds = Array.from({ length: 20 }, () => newId());
const reviewCounts = productIds.map((_, i) => (i === 0 ? 2 : i === 1 ? 200 : 2 + ((i * 37) % 150)));
await createReviews(
  db,
  productIds.flatMap((productId, p) =>
    manyReviews(productId, reviewCounts[p]!).map((spec, i) => ({
      ...spec,
      // The first twenty reviews of each product are by the shared authors, the rest by strangers.
      ...(i < authorIds.length ? { authorId: authorIds[(i + p) % authorIds.length] } : {}),
    })),
  ),
);

/**
 * The SQL statements one operation makes. It runs once first: postgres.js reads the server's array
 * types on each new pool connection, and the kit's counter counts those reads too, so a cold pool
 * would add statements that no request of a warm process makes.
 */
async function statementsFor(query: string, variables: Record<string, unknown>) {
  await executeAs(center, query, variables);
  center.database.stats.statements = 0;
  const result = await executeAs(center, query, variables);
  expect(result.errors).toBeUndefined();
  return center.database.stats.statements;
}

const products = (ids: string[]) => ids.map((id) => ({ __typename: 'Product', id }));
const users = (ids: string[]) => ids.map((id) => ({ __typename: 'User', id }));

describe('entity references', () => {
  test('products, users and reviews resolve in the order asked, with null for an unknown review', async () => {
    const [reviewId] = await createReviews(db, [{ productId: productIds[3]!, authorId: newId(), rating: 2 }]);
    const result = await executeAs(
      center,
      `query($r: [_Any!]!) {
        _entities(representations: $r) {
          __typename
          ... on Review { id stars: rating product { id } author { id } }
          ... on Product { id rating { count } reviews(first: 1) { totalCount } }
          ... on User { id reviews(first: 1) { totalCount } }
        }
      }`,
      {
        r: [
          { __typename: 'Review', id: newId() },
          { __typename: 'User', id: authorIds[0] },
          { __typename: 'Product', id: productIds[1] },
          { __typename: 'Review', id: reviewId },
          { __typename: 'Review', id: 'not-an-id' },
          { __typename: 'Product', id: productIds[0] },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([
      null,
      { __typename: 'User', id: authorIds[0], reviews: { totalCount: expect.any(Number) } },
      { __typename: 'Product', id: productIds[1], rating: { count: 200 }, reviews: { totalCount: 200 } },
      {
        __typename: 'Review',
        id: reviewId,
        stars: 2,
        product: { id: productIds[3] },
        author: { id: expect.any(String) },
      },
      null,
      { __typename: 'Product', id: productIds[0], rating: { count: 2 }, reviews: { totalCount: 2 } },
    ]);
  });
});

describe('SQL statements a request makes', () => {
  // What a product page asks of this center.
  const PRODUCT_PAGE = /* GraphQL */ `
    query($r: [_Any!]!) {
      _entities(representations: $r) { ... on Product {
        reviews(first: 10) { edges { node { id rating author { id } } } }
        rating { average count }
      } }
    }
  `;

  test('the product page costs the same for a product with 2 reviews and one with 200', async () => {
    const withTwo = await statementsFor(PRODUCT_PAGE, { r: products([productIds[0]!]) });
    const withTwoHundred = await statementsFor(PRODUCT_PAGE, { r: products([productIds[1]!]) });
    // One for the page of reviews, one for the rating summary.
    expect(withTwo).toBe(2);
    expect(withTwoHundred).toBe(withTwo);
  });

  test('the reviews and ratings of 20 products cost the same as those of 2', async () => {
    const forTwo = await statementsFor(PRODUCT_PAGE, { r: products(productIds.slice(0, 2)) });
    const forTwenty = await statementsFor(PRODUCT_PAGE, { r: products(productIds) });
    expect(forTwo).toBe(2);
    expect(forTwenty).toBe(forTwo);

    const result = await executeAs<{ _entities: { reviews: { edges: unknown[] } }[] }>(center, PRODUCT_PAGE, {
      r: products(productIds),
    });
    expect(result.data?._entities.map((e) => e.reviews.edges.length)).toEqual(
      reviewCounts.map((count) => Math.min(count, 10)),
    );
  });

  test('totalCount costs nothing until asked for, and then one statement for every user', async () => {
    const query = (withCount: boolean) => /* GraphQL */ `
      query($r: [_Any!]!) {
        _entities(representations: $r) { ... on User {
          reviews(first: 5) { edges { node { id product { id } } } ${withCount ? 'totalCount' : ''} }
        } }
      }
    `;
    expect(await statementsFor(query(false), { r: users(authorIds.slice(0, 2)) })).toBe(1);
    expect(await statementsFor(query(false), { r: users(authorIds) })).toBe(1);
    expect(await statementsFor(query(true), { r: users(authorIds.slice(0, 2)) })).toBe(2);
    expect(await statementsFor(query(true), { r: users(authorIds) })).toBe(2);
  });

  test("a product's totalCount comes with its rating summary, in the same statement", async () => {
    const query = /* GraphQL */ `
      query($r: [_Any!]!) {
        _entities(representations: $r) { ... on Product {
          reviews(first: 3) { totalCount edges { node { id } } } rating { average count }
        } }
      }
    `;
    expect(await statementsFor(query, { r: products(productIds) })).toBe(2);
  });

  test('fifty review references cost one statement', async () => {
    const page = await executeAs<{ _entities: { reviews: { edges: { node: { id: string } }[] } }[] }>(
      center,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { reviews(first: 10) { edges { node { id } } } } } }',
      { r: products(productIds.slice(1, 6)) },
    );
    const ids = page.data!._entities.flatMap((e) => e.reviews.edges.map((edge) => edge.node.id));
    expect(ids).toHaveLength(50);
    const statements = await statementsFor(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Review { id rating title createdAt } } }',
      { r: ids.map((id) => ({ __typename: 'Review', id })) },
    );
    expect(statements).toBe(1);
  });
});
