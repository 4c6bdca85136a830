import { createProductsCenter, seedProducts } from '@zhongtai/products';
import { createRouter, loadRouterConfig, type Router } from '@zhongtai/router';
import { createTestDatabase, DEV_JWT_SECRET, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { createUsersCenter, seedUsers } from '@zhongtai/users';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { graphql, PRODUCT_LIST, type ProductList } from '../src/client.ts';

// Centers and router in this process, so the test can read each center's driver-level statement
// counter, but still talking real HTTP to each other exactly as in production.
describe('the product list has no N+1 anywhere on its path', () => {
  let database: TestDatabase;
  let users: Awaited<ReturnType<typeof createUsersCenter>>;
  let products: Awaited<ReturnType<typeof createProductsCenter>>;
  let router: Router;
  let routerUrl: string;

  beforeAll(async () => {
    database = await createTestDatabase('nplus1');
    const common = {
      DATABASE_URL: database.url,
      DATA_DIR: database.dataDir,
      LOG_LEVEL: 'silent' as const,
    };
    users = await createUsersCenter({ ...common, JWT_SECRET: DEV_JWT_SECRET, JWT_TTL: '1h' });
    products = await createProductsCenter(common);
    const { userIds } = await seedUsers(users.database.db, { count: 20 });
    await seedProducts(products.database.db, { sellerIds: userIds.slice(0, 8), products: 60 });
    const usersUrl = await users.listen(0);
    const productsUrl = await products.listen(0);
    router = createRouter(
      loadRouterConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SUBGRAPH_URLS: `users=${usersUrl}/graphql,products=${productsUrl}/graphql`,
      }),
    );
    routerUrl = `${await router.listen()}/graphql`;
  });

  afterAll(async () => {
    await router?.stop();
    await users?.stop();
    await products?.stop();
    await database?.drop();
  });

  async function statementsFor(first: number) {
    users.database.stats.statements = 0;
    products.database.stats.statements = 0;
    const result = await graphql<ProductList>(routerUrl, PRODUCT_LIST, { first });
    expect(result.errors).toBeUndefined();
    expect(result.data!.products.edges).toHaveLength(first);
    return { users: users.database.stats.statements, products: products.database.stats.statements };
  }

  test('first: 3 and first: 50 make the same number of SQL statements in each center', async () => {
    await statementsFor(3); // plans the operation once, so both measured runs take the same path
    const three = await statementsFor(3);
    const fifty = await statementsFor(50);
    console.log(
      `SQL statements for the product list: first 3 → ${JSON.stringify(three)}, first 50 → ${JSON.stringify(fifty)}`,
    );
    expect(three.products).toBeGreaterThan(0);
    expect(three.users).toBeGreaterThan(0);
    expect(fifty).toEqual(three);
  });
});
