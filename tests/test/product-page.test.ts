import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as products from '@zhongtai/products';
import * as reviews from '@zhongtai/reviews';
import { OPERATIONS_DIR } from '@zhongtai/scripts/operations';
import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import * as users from '@zhongtai/users';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql } from '../src/client.ts';
import { type InProcessSupergraph, startInProcess } from '../src/in-process.ts';

// The README's sample of a query plan request: its curl's header and body, as a reader would send them.
function readmePlanSample(): { query: string } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const sample = /-H 'x-zhongtai-debug: plan' \\\n\s*-d '([^']+)'/.exec(readme);
  if (!sample?.[1]) throw new Error('README.md has no curl sample with x-zhongtai-debug: plan');
  return JSON.parse(sample[1]) as { query: string };
}

// The web front-end's own product page operation, as it sends it.
const PRODUCT_PAGE = readFileSync(join(OPERATIONS_DIR, 'web/ProductPage.graphql'), 'utf8');

describe('the supergraph through its router', () => {
  let database: TestDatabase;
  let supergraph: InProcessSupergraph;
  let authors: string[];
  let sellerId: string;

  beforeAll(async () => {
    database = await createTestDatabase('page');
    supergraph = await startInProcess(database);
    authors = (await users.seedUsers(supergraph.centers.users.database.db, { count: 200, seed: 3 })).userIds;
    sellerId = authors[0]!;
  });

  afterAll(async () => {
    await supergraph?.stop();
    await database?.drop();
  });

  /** A product with its own SKUs and reviews, written straight into the centers' tables. */
  async function productWith(skuCount: number, reviewCount: number): Promise<string> {
    const { centers } = supergraph;
    const id = newId();
    const slug = `page-test-${id}`;
    await centers.products.database.db
      .insert(products.schema.products)
      .values({ id, slug, title: `Test product ${id}`, sellerId });
    await centers.products.database.db.insert(products.schema.skus).values(
      Array.from({ length: skuCount }, (_, i) => ({
        id: newId(),
        productId: id,
        code: `${id}-${i}`,
        priceAmount: 1000 + i,
        weightGrams: 500 + i * 100,
        position: i,
      })),
    );
    if (reviewCount > 0) {
      await centers.reviews.database.db.insert(reviews.schema.reviews).values(
        Array.from({ length: reviewCount }, (_, i) => ({
          id: newId(),
          productId: id,
          authorId: authors[i % authors.length]!,
          rating: 1 + (i % 5),
          title: `Review ${i}`,
          body: 'Fine.',
        })),
      );
    }
    return slug;
  }

  async function statementsFor(slug: string) {
    await graphql(supergraph.routerUrl, PRODUCT_PAGE, { slug, province: '四川省' }); // plans once
    supergraph.resetStatements();
    const result = await graphql<{ product: { skus: unknown[]; reviews: { edges: unknown[] } } }>(
      supergraph.routerUrl,
      PRODUCT_PAGE,
      { slug, province: '四川省' },
    );
    expect(result.errors).toBeUndefined();
    return { statements: supergraph.statements(), product: result.data!.product };
  }

  describe('the product page has no N+1 anywhere on its path', () => {
    test('2 reviews and 200 reviews take the same statements in every center', async () => {
      const few = await statementsFor(await productWith(3, 2));
      const many = await statementsFor(await productWith(3, 200));
      console.log(
        `product page SQL statements: 2 reviews → ${JSON.stringify(few.statements)}, 200 → ${JSON.stringify(many.statements)}`,
      );
      expect(few.product.reviews.edges).toHaveLength(2);
      expect(many.product.reviews.edges).toHaveLength(10);
      expect(many.statements).toEqual(few.statements);
      // Every center on the page's path was asked, so equal counts are not two empty counters.
      for (const center of ['users', 'products', 'inventory', 'reviews'])
        expect(few.statements[center]).toBeGreaterThan(0);
    });

    test('1 SKU and 20 SKUs take the same statements in every center', async () => {
      const one = await statementsFor(await productWith(1, 5));
      const twenty = await statementsFor(await productWith(20, 5));
      console.log(
        `product page SQL statements: 1 SKU → ${JSON.stringify(one.statements)}, 20 → ${JSON.stringify(twenty.statements)}`,
      );
      expect(one.product.skus).toHaveLength(1);
      expect(twenty.product.skus).toHaveLength(20);
      expect(twenty.statements).toEqual(one.statements);
      for (const center of ['users', 'products', 'inventory', 'reviews'])
        expect(one.statements[center]).toBeGreaterThan(0);
    });
  });

  describe('a query plan on request', () => {
    test("the README's plan sample answers with data, a plan over products and users, and each fetch's duration", async () => {
      await productWith(1, 0);
      const { query } = readmePlanSample();
      const response = await fetch(`${supergraph.routerUrl}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zhongtai-debug': 'plan' },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as {
        data?: { products: { edges: { node: { title: string; seller: { displayName: string } | null } }[] } };
        extensions?: { queryPlan?: { node: unknown }; fetches?: { subgraph: string; durationMs: number }[] };
      };
      expect(response.status).toBe(200);
      const first = body.data?.products.edges[0]?.node;
      expect(first?.title).toMatch(/\S/);
      expect(first?.seller?.displayName).toMatch(/\S/);
      const planned = JSON.stringify(body.extensions?.queryPlan?.node);
      expect(planned).toContain('"subgraph":"products"');
      expect(planned).toContain('"subgraph":"users"');
      const fetches = body.extensions?.fetches ?? [];
      expect(fetches.map((f) => f.subgraph).sort()).toEqual(['products', 'users']);
      for (const f of fetches) expect(f.durationMs).toBeGreaterThan(0);

      const plain = (await (
        await fetch(`${supergraph.routerUrl}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        })
      ).json()) as { extensions?: unknown };
      expect(plain.extensions).toBeUndefined();
    });
  });
});
