import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, test as base, describe, expect } from 'vitest';
import { createProductsCenter, seedProducts } from '../src/server.ts';
import { createCategoryChain, createListings, type Listing } from './catalog.ts';

const testDb = await createTestDatabase('products_federation');
const center = await createProductsCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const db = center.database.db;

// A catalog big enough for fifty-product pages: 30 sellers with about 120 products between them.
const sellerIds = Array.from({ length: 30 }, () => newId());
await seedProducts(db, { sellerIds, products: 120, seed: 7 });

const test = base.extend<{ listings: Listing[] }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  listings: async ({}, use) => {
    const { child } = await createCategoryChain(db);
    const sellerId = newId();
    await use(
      await createListings(db, [
        { title: 'First', categoryId: child.id, sellerId, prices: [1990, 2990] },
        { title: 'Second', categoryId: child.id, sellerId },
        { title: 'Third', sellerId },
      ]),
    );
  },
});

const ENTITIES = /* GraphQL */ `
  query Entities($r: [_Any!]!) {
    _entities(representations: $r) {
      __typename
      ... on Product { id title skus { id } }
      ... on Sku { id code product { id } }
      ... on Category { id name parent { id } }
      ... on User { id products(first: 2) { edges { node { id } } pageInfo { hasNextPage } totalCount } }
    }
  }
`;

type Entity = Record<string, unknown> | null;

async function entities(representations: Record<string, unknown>[]) {
  const result = await executeAs<{ _entities: Entity[] }>(center, ENTITIES, { r: representations });
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

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

describe('entity references', () => {
  test('products resolve by id and by slug in the order asked, with null for unknown keys', async ({
    listings,
  }) => {
    const [first, second] = listings;
    const result = await entities([
      { __typename: 'Product', slug: second!.slug },
      { __typename: 'Product', id: newId() },
      { __typename: 'Product', id: first!.id },
      { __typename: 'Product', slug: 'no-such-slug' },
      { __typename: 'Product', id: 'not-an-id' },
    ]);
    expect(result).toEqual([
      { __typename: 'Product', id: second!.id, title: 'Second', skus: [{ id: second!.skuIds[0] }] },
      null,
      { __typename: 'Product', id: first!.id, title: 'First', skus: first!.skuIds.map((id) => ({ id })) },
      null,
      null,
    ]);
  });

  test('SKUs and categories resolve in the order asked, with null for unknown ids', async ({ listings }) => {
    const [first] = listings;
    const product = await executeAs<{ product: { skus: { id: string }[]; category: { id: string } } }>(
      center,
      'query($id: ID) { product(id: $id) { skus { id } category { id } } }',
      { id: first!.id },
    );
    const [skuA, skuB] = product.data!.product.skus;
    const categoryId = product.data!.product.category.id;
    const result = await entities([
      { __typename: 'Sku', id: skuB!.id },
      { __typename: 'Category', id: newId() },
      { __typename: 'Sku', id: newId() },
      { __typename: 'Category', id: categoryId },
      { __typename: 'Sku', id: skuA!.id },
    ]);
    expect(result).toEqual([
      { __typename: 'Sku', id: skuB!.id, code: 'T-2', product: { id: first!.id } },
      null,
      null,
      {
        __typename: 'Category',
        id: categoryId,
        name: expect.stringMatching(/^Child /),
        parent: { id: expect.any(String) },
      },
      { __typename: 'Sku', id: skuA!.id, code: 'T-1', product: { id: first!.id } },
    ]);
  });

  test("a user's products are their listings, newest first, and none for a user who sells nothing", async ({
    listings,
  }) => {
    const [first, second, third] = listings;
    const nobody = newId();
    const result = await entities([
      { __typename: 'User', id: nobody },
      { __typename: 'User', id: first!.sellerId },
    ]);
    expect(result).toEqual([
      {
        __typename: 'User',
        id: nobody,
        products: { edges: [], pageInfo: { hasNextPage: false }, totalCount: 0 },
      },
      {
        __typename: 'User',
        id: first!.sellerId,
        products: {
          edges: [{ node: { id: third!.id } }, { node: { id: second!.id } }],
          pageInfo: { hasNextPage: true },
          totalCount: 3,
        },
      },
    ]);
  });

  test("a user's products paginate with their cursor and check their arguments", async ({ listings }) => {
    const sellerId = listings[0]!.sellerId;
    const query = `query($r: [_Any!]!, $first: Int, $after: String) {
      _entities(representations: $r) { ... on User { products(first: $first, after: $after) {
        edges { node { id createdAt } } pageInfo { hasNextPage endCursor } } } }
    }`;
    type Products = {
      products: { edges: { node: { id: string; createdAt: string } }[]; pageInfo: { endCursor: string } };
    };
    const r = [{ __typename: 'User', id: sellerId }];
    const one = await executeAs<{ _entities: Products[] }>(center, query, { r, first: 2 });
    const two = await executeAs<{ _entities: Products[] }>(center, query, {
      r,
      first: 2,
      after: one.data!._entities[0]!.products.pageInfo.endCursor,
    });
    const ids = [...one.data!._entities[0]!.products.edges, ...two.data!._entities[0]!.products.edges].map(
      (e) => e.node.id,
    );
    expect(ids).toEqual(listings.map((l) => l.id).reverse());
    expect(one.data!._entities[0]!.products.edges[0]!.node.createdAt).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/);

    const tooMany = await executeAs(center, query, { r, first: 101 });
    const badCursor = await executeAs(center, query, { r, after: 'bm9wZQ' });
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('SQL statements a request makes', () => {
  const LIST = /* GraphQL */ `
    query List($first: Int) {
      products(first: $first) {
        edges { node {
          id
          skus { price { amount currency } }
          priceRange { min { amount } }
          category { name }
          seller { id }
        } }
      }
    }
  `;

  test('a product list with SKUs, price ranges, categories and sellers costs the same for 3 and 50 products', async () => {
    const forThree = await statementsFor(LIST, { first: 3 });
    const forFifty = await statementsFor(LIST, { first: 50 });
    // One for the page, one for all SKUs, one for all categories.
    expect(forThree).toBe(3);
    expect(forFifty).toBe(forThree);
  });

  test('the products of 20 users cost the same as the products of 2', async () => {
    const USERS = /* GraphQL */ `
      query($r: [_Any!]!) {
        _entities(representations: $r) { ... on User { products(first: 5) {
          edges { node { id skus { id } } } totalCount } } }
      }
    `;
    const users = (n: number) => sellerIds.slice(0, n).map((id) => ({ __typename: 'User', id }));
    const forTwo = await statementsFor(USERS, { r: users(2) });
    const forTwenty = await statementsFor(USERS, { r: users(20) });
    // One for the pages, one for the counts, one for the SKUs.
    expect(forTwo).toBe(3);
    expect(forTwenty).toBe(forTwo);
  });

  test('fifty mixed entity references cost one statement a kind', async ({ listings }) => {
    const many = await executeAs<{
      products: {
        edges: {
          node: { id: string; slug: string; skus: { id: string }[]; category: { id: string } | null };
        }[];
      };
    }>(center, '{ products(first: 50) { edges { node { id slug skus { id } category { id } } } } }');
    const nodes = many.data!.products.edges.map((e) => e.node);
    const representations = [
      ...nodes.slice(0, 20).map((n) => ({ __typename: 'Product', id: n.id })),
      ...nodes.slice(20, 40).map((n) => ({ __typename: 'Product', slug: n.slug })),
      ...nodes
        .flatMap((n) => n.skus.slice(0, 1))
        .slice(0, 20)
        .map((s) => ({ __typename: 'Sku', id: s.id })),
      ...nodes
        .flatMap((n) => (n.category ? [n.category] : []))
        .slice(0, 10)
        .map((c) => ({ __typename: 'Category', id: c.id })),
      { __typename: 'Product', id: listings[0]!.id },
    ];
    const statements = await statementsFor(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id } ... on Sku { id } ... on Category { id } } }',
      { r: representations },
    );
    // Products by id, products by slug, SKUs by id, categories by id.
    expect(statements).toBe(4);
  });
});
