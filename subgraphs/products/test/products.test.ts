import { randomUUID } from 'node:crypto';
import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, test as base, describe, expect } from 'vitest';
import { createProductsCenter } from '../src/server.ts';
import { createCategoryChain, createListings, type Listing, uniqueWord } from './catalog.ts';

const testDb = await createTestDatabase('products');
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

interface Chain {
  root: { id: string };
  child: { id: string };
  grandchild: { id: string };
}

const test = base.extend<{ chain: Chain; word: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  chain: async ({}, use) => {
    await use(await createCategoryChain(db));
  },
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  word: async ({}, use) => {
    await use(uniqueWord());
  },
});

interface Page {
  edges: { cursor: string; node: { id: string; title: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount?: number;
}

const PRODUCTS = /* GraphQL */ `
  query Products($first: Int, $after: String, $categoryId: ID, $search: String) {
    products(first: $first, after: $after, categoryId: $categoryId, search: $search) {
      edges { cursor node { id title } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`;

async function page(variables: Record<string, unknown>) {
  const result = await executeAs<{ products: Page }>(center, PRODUCTS, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.products;
}

/** Follows `endCursor` until the last page, checking pageInfo on the way. */
async function walk(variables: Record<string, unknown>, first: number) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const current: Page = await page({ ...variables, first, after });
    ids.push(...current.edges.map((edge) => edge.node.id));
    sizes.push(current.edges.length);
    expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
    if (!current.pageInfo.hasNextPage) return { ids, sizes };
    after = current.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('one product', () => {
  const PRODUCT = /* GraphQL */ `
    query Product($id: ID, $slug: String) {
      product(id: $id, slug: $slug) {
        id slug title brand createdAt
        category { name parent { name } }
        seller { id }
        skus { code attributes { name value } price { amount currency } weightGrams product { id } }
        priceRange { min { amount currency } max { amount currency } }
        images { url alt }
      }
    }
  `;

  test('a product is found by id and by slug, with its SKUs, price range, category and images', async ({
    chain,
  }) => {
    const [listing] = await createListings(db, [
      {
        title: '小米 Xiaomi 14 Pro 5G手机',
        brand: 'Xiaomi',
        categoryId: chain.child.id,
        prices: [499900, 429900],
      },
    ]);
    const byId = await executeAs<{ product: Record<string, unknown> }>(center, PRODUCT, { id: listing!.id });
    const bySlug = await executeAs<{ product: Record<string, unknown> }>(center, PRODUCT, {
      slug: listing!.slug,
    });
    expect(byId.errors).toBeUndefined();
    expect(bySlug.data).toEqual(byId.data);
    expect(byId.data?.product).toMatchObject({
      id: listing!.id,
      slug: listing!.slug,
      title: '小米 Xiaomi 14 Pro 5G手机',
      brand: 'Xiaomi',
      category: { name: expect.stringMatching(/^Child /), parent: { name: expect.stringMatching(/^Root /) } },
      seller: { id: listing!.sellerId },
      skus: [
        {
          code: 'T-1',
          attributes: [{ name: '颜色', value: '颜色1' }],
          price: { amount: 499900, currency: 'CNY' },
          weightGrams: 500,
          product: { id: listing!.id },
        },
        { code: 'T-2', price: { amount: 429900, currency: 'CNY' }, weightGrams: 501 },
      ],
      priceRange: { min: { amount: 429900, currency: 'CNY' }, max: { amount: 499900, currency: 'CNY' } },
      images: [{ url: `https://img.zhongtai.dev/p/${listing!.id}/1.jpg`, alt: '小米 Xiaomi 14 Pro 5G手机' }],
    });
    expect(new Date(byId.data?.product.createdAt as string).toISOString()).toBe(byId.data?.product.createdAt);
  });

  test('a product without SKUs has no price range and one without category has null', async () => {
    const [listing] = await createListings(db, [{ title: 'Empty listing', prices: [] }]);
    const result = await executeAs(center, PRODUCT, { id: listing!.id });
    expect(result.data?.product).toMatchObject({ skus: [], priceRange: null, category: null });
  });

  test('asking with both id and slug, or with neither, is a BAD_USER_INPUT error', async () => {
    const both = await executeAs(center, PRODUCT, { id: randomUUID(), slug: 'some-slug' });
    const neither = await executeAs(center, PRODUCT, {});
    expect(errorCodes(both)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(neither)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(both.errors)).not.toMatch(/stacktrace|at .*\.ts:/);
  });

  test('an unknown id, a malformed id and an unknown slug give null, not an error', async () => {
    const query =
      'query($a: ID, $b: ID, $c: String) { a: product(id: $a) { id } b: product(id: $b) { id } c: product(slug: $c) { id } }';
    const result = await executeAs(center, query, { a: newId(), b: "'; drop table x; --", c: uniqueWord() });
    expect(result).toEqual({ data: { a: null, b: null, c: null } });
  });
});

describe('pages of products', () => {
  test('walking the pages returns every product once, newest first, with pageInfo right', async ({
    chain,
  }) => {
    const listings = await createListings(
      db,
      Array.from({ length: 7 }, (_, i) => ({ title: `Listing ${i}`, categoryId: chain.grandchild.id })),
    );
    const newestFirst = listings.map((l) => l.id).reverse();
    const { ids, sizes } = await walk({ categoryId: chain.grandchild.id }, 3);
    expect(ids).toEqual(newestFirst);
    expect(sizes).toEqual([3, 3, 1]);

    const first = await page({ categoryId: chain.grandchild.id, first: 7 });
    expect(first.pageInfo.hasNextPage).toBe(false);
    expect(first.totalCount).toBe(7);
  });

  test('first: 0 gives an empty page that still says whether products follow', async ({ chain }) => {
    await createListings(db, [{ title: 'Only one', categoryId: chain.root.id }]);
    const empty = await page({ categoryId: chain.root.id, first: 0 });
    expect(empty).toEqual({ edges: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: 1 });
  });

  test('first over 100, a negative first and a malformed cursor are BAD_USER_INPUT errors', async () => {
    const tooMany = await executeAs(center, PRODUCTS, { first: 101 });
    const negative = await executeAs(center, PRODUCTS, { first: -1 });
    const malformed = await executeAs(center, PRODUCTS, { after: 'not-a-cursor' });
    const forged = await executeAs(center, PRODUCTS, {
      after: Buffer.from(JSON.stringify(['1 or 1=1'])).toString('base64url'),
    });
    for (const result of [tooMany, negative, malformed, forged]) {
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.data).toBeNull();
    }
  });

  test('a cursor from a search is refused without the search, and the other way round', async ({ word }) => {
    await createListings(db, [{ title: `${word} one` }, { title: `${word} two` }]);
    const searched = await page({ search: word, first: 1 });
    const plain = await page({ first: 1 });
    const mixedUp = await executeAs(center, PRODUCTS, { after: searched.pageInfo.endCursor });
    const otherWay = await executeAs(center, PRODUCTS, { after: plain.pageInfo.endCursor, search: word });
    expect(errorCodes(mixedUp)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(otherWay)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('categories', () => {
  test('categoryId includes the products of every subcategory', async ({ chain }) => {
    const [inRoot, inChild, inGrandchild] = await createListings(db, [
      { title: 'In root', categoryId: chain.root.id },
      { title: 'In child', categoryId: chain.child.id },
      { title: 'In grandchild', categoryId: chain.grandchild.id },
    ]);
    const ids = async (categoryId: string) => (await page({ categoryId })).edges.map((e) => e.node.id);
    expect(await ids(chain.root.id)).toEqual([inGrandchild!.id, inChild!.id, inRoot!.id]);
    expect(await ids(chain.child.id)).toEqual([inGrandchild!.id, inChild!.id]);
    expect(await ids(chain.grandchild.id)).toEqual([inGrandchild!.id]);
  });

  test('an unknown or malformed categoryId gives an empty page', async () => {
    for (const categoryId of [newId(), 'shoes']) {
      expect(await page({ categoryId })).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
        totalCount: 0,
      });
    }
  });

  test('a category knows its parent and children, and the roots are listed', async ({ chain }) => {
    const result = await executeAs<{
      category: unknown;
      categories: { id: string; parent: null }[];
    }>(
      center,
      'query($id: ID!) { category(id: $id) { id parent { id } children { id parent { id } } } categories { id parent { id } } }',
      { id: chain.child.id },
    );
    expect(result.data?.category).toEqual({
      id: chain.child.id,
      parent: { id: chain.root.id },
      children: [{ id: chain.grandchild.id, parent: { id: chain.child.id } }],
    });
    expect(result.data?.categories).toContainEqual({ id: chain.root.id, parent: null });
    expect(result.data?.categories.map((c) => c.id)).not.toContain(chain.child.id);
  });

  test('an unknown or malformed category id gives null', async () => {
    const result = await executeAs(
      center,
      'query($a: ID!, $b: ID!) { a: category(id: $a) { id } b: category(id: $b) { id } }',
      {
        a: newId(),
        b: 'phones',
      },
    );
    expect(result).toEqual({ data: { a: null, b: null } });
  });
});

describe('search', () => {
  test('search finds products by title words and by brand, best match first', async ({ word }) => {
    const brand = uniqueWord('Brand');
    const [inDescription, inTitle, inBrand] = await createListings(db, [
      { title: 'Plain title', description: `Mentions ${word} in passing` },
      { title: `华为 HUAWEI ${word} Mate 60 Pro 手机` },
      { title: 'Another title', brand },
      { title: 'Unrelated listing' },
    ]);
    const byWord = await page({ search: word });
    expect(byWord.edges.map((e) => e.node.id)).toEqual([inTitle!.id, inDescription!.id]);
    expect(byWord.totalCount).toBe(2);

    const byBrand = await page({ search: brand.toLowerCase() });
    expect(byBrand.edges.map((e) => e.node.id)).toEqual([inBrand!.id]);

    const chinese = await page({ search: `手机 ${word}` });
    expect(chinese.edges.map((e) => e.node.id)).toEqual([inTitle!.id]);
  });

  test('search results paginate without duplicates or gaps', async ({ word }) => {
    const listings: Listing[] = await createListings(db, [
      ...Array.from({ length: 5 }, (_, i) => ({ title: `${word} ${word} strong match ${i}` })),
      ...Array.from({ length: 4 }, (_, i) => ({ title: `weak match ${i}`, description: word })),
    ]);
    const { ids, sizes } = await walk({ search: word }, 2);
    expect(sizes).toEqual([2, 2, 2, 2, 1]);
    expect(new Set(ids).size).toBe(9);
    // Strong matches first, ties newest first.
    expect(ids).toEqual([
      ...listings
        .slice(0, 5)
        .map((l) => l.id)
        .reverse(),
      ...listings
        .slice(5)
        .map((l) => l.id)
        .reverse(),
    ]);
  });

  test('web-search syntax works and odd input never errors', async ({ word }) => {
    const [wanted] = await createListings(db, [{ title: `${word} 红色 T恤` }, { title: `${word} 黑色 T恤` }]);
    const excluding = await page({ search: `${word} -黑色` });
    expect(excluding.edges.map((e) => e.node.id)).toEqual([wanted!.id]);
    for (const search of ['"unclosed', '((( & | !', '-', "'; select 1; --", 'a:*']) {
      const result = await executeAs(center, PRODUCTS, { search });
      expect(result.errors).toBeUndefined();
    }
  });

  test('a blank search means no search', async ({ chain }) => {
    const [older, newer] = await createListings(db, [
      { title: 'Older', categoryId: chain.grandchild.id },
      { title: 'Newer', categoryId: chain.grandchild.id },
    ]);
    const result = await page({ search: '   ', categoryId: chain.grandchild.id });
    expect(result.edges.map((e) => e.node.id)).toEqual([newer!.id, older!.id]);
  });

  test('search and categoryId combine', async ({ chain, word }) => {
    const [inside] = await createListings(db, [
      { title: `${word} inside`, categoryId: chain.grandchild.id },
      { title: `${word} outside` },
    ]);
    const result = await page({ search: word, categoryId: chain.root.id });
    expect(result.edges.map((e) => e.node.id)).toEqual([inside!.id]);
    expect(result.totalCount).toBe(1);
  });

  test('a search longer than 200 characters is a BAD_USER_INPUT error', async () => {
    const result = await executeAs(center, PRODUCTS, { search: 'x'.repeat(201) });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});
