import { randomUUID } from 'node:crypto';
import * as inventory from '@zhongtai/inventory';
import type * as products from '@zhongtai/products';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bearer, graphql, SIGN_UP } from '../src/client.ts';
import { type InProcessSupergraph, seedCatalog, startInProcess } from '../src/in-process.ts';

const PLACE_ORDER = /* GraphQL */ `
  mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status total { amount } } }
`;
const PAY_ORDER = /* GraphQL */ `
  mutation($orderId: ID!, $key: String!) {
    payOrder(orderId: $orderId, method: ALIPAY, idempotencyKey: $key) { id status order { id status } }
  }
`;
const STOCK = 'query($id: ID!) { product(id: $id) { skus { id stock { available reserved } } } }';

// The transaction chain through the router, with every center in this process on its own port so the
// test can set stock and count statements, on a real PostgreSQL and on the embedded default.
describe.each([
  ['a real PostgreSQL', true],
  ['the embedded PGlite', false],
])('buying on %s', (_label, real) => {
  let database: TestDatabase;
  let supergraph: InProcessSupergraph;
  let catalog: Awaited<ReturnType<typeof products.seedProducts>>;
  let url: string;

  beforeAll(async () => {
    database = real
      ? await createTestDatabase('tx')
      : { url: undefined, dataDir: 'memory://', drop: async () => {} };
    if (real) expect(database.url, 'npm test provides DATABASE_URL').toBeDefined();
    supergraph = await startInProcess(database);
    url = supergraph.routerUrl;
    const { centers } = supergraph;
    catalog = await seedCatalog(supergraph, { users: 5, products: 12, seed: 7 });
    await inventory.seedInventory(centers.inventory.database.db, { skus: catalog.skus, seed: 7 });
  });

  afterAll(async () => {
    await supergraph?.stop();
    await database?.drop();
  });

  async function signUp(): Promise<string> {
    const result = await graphql<{ signUp: { token: string } }>(url, SIGN_UP, {
      input: {
        email: `buyer-${randomUUID()}@example.com`,
        password: 'flash sale buyer',
        displayName: '抢购用户',
      },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.signUp.token;
  }

  const placeOrder = (token: string, skuId: string, idempotencyKey = randomUUID(), quantity = 1) =>
    graphql<{ placeOrder: { id: string; status: string } }>(
      url,
      PLACE_ORDER,
      { input: { lines: [{ skuId, quantity }], idempotencyKey } },
      bearer(token),
    );

  async function stockOf(productId: string, skuId: string) {
    const result = await graphql<{
      product: { skus: { id: string; stock: { available: number; reserved: number } }[] };
    }>(url, STOCK, { id: productId });
    return result.data!.product.skus.find((sku) => sku.id === skuId)!.stock;
  }

  test.each([1, 3, 5])(
    'a flash sale of %i unit(s) to ten times as many buyers at once sells exactly that many',
    async (units) => {
      const sku = catalog.skus[units]!;
      await inventory.setStock(supergraph.centers.inventory.database.db, sku.id, units);
      const tokens = await Promise.all(Array.from({ length: 10 * units }, signUp));

      const results = await Promise.all(tokens.map((token) => placeOrder(token, sku.id)));

      const placed = results.filter((r) => r.data?.placeOrder.status === 'PENDING_PAYMENT');
      const refused = results.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.code);
      expect(placed).toHaveLength(units);
      expect(refused).toEqual(Array(9 * units).fill('OUT_OF_STOCK'));
      expect(await stockOf(sku.productId, sku.id)).toEqual({ available: 0, reserved: units });
    },
  );

  test('the same idempotency key, twice at once and once more later, places one order', async () => {
    const token = await signUp();
    const sku = catalog.skus[6]!;
    const key = randomUUID();
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => placeOrder(token, sku.id, key)));
    const later = await placeOrder(token, sku.id, key);
    const ids = [...concurrent, later].map((r) => r.data?.placeOrder.id);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBeDefined();
    const mine = await graphql<{ me: { orders: { totalCount: number } } }>(
      url,
      '{ me { orders(first: 10) { totalCount } } }',
      {},
      bearer(token),
    );
    expect(mine.data?.me.orders.totalCount).toBe(1);
  });

  test("the router refuses an order to a signed-out caller field-level, and buyer B cannot read buyer A's", async () => {
    const buyerA = await signUp();
    const order = (await placeOrder(buyerA, catalog.skus[8]!.id)).data!.placeOrder;
    const READ = 'query($id: ID!) { order(id: $id) { id } }';

    // @authenticated: taken out before planning, so the Transaction Center is never asked.
    supergraph.resetStatements();
    const anonymous = await graphql<{ order: { id: string } | null }>(url, READ, { id: order.id });
    expect(anonymous.data).toEqual({ order: null });
    expect(anonymous.errors).toHaveLength(1);
    expect(anonymous.errors?.[0]).toMatchObject({ path: ['order'], extensions: { code: 'UNAUTHENTICATED' } });
    expect(supergraph.statements().orders).toBe(0);

    // Signed in but not the buyer: the Transaction Center's ownership check answers null.
    const buyerB = await signUp();
    const stranger = await graphql<{ order: { id: string } | null }>(
      url,
      READ,
      { id: order.id },
      bearer(buyerB),
    );
    expect(stranger).toMatchObject({ data: { order: null } });
    expect(stranger.errors).toBeUndefined();
    const owner = await graphql<{ order: { id: string } | null }>(
      url,
      READ,
      { id: order.id },
      bearer(buyerA),
    );
    expect(owner.data).toEqual({ order: { id: order.id } });

    // A refused non-null mutation field nulls the whole data, and places nothing.
    const placed = await graphql<{ placeOrder: { id: string } }>(url, PLACE_ORDER, {
      input: { lines: [{ skuId: catalog.skus[8]!.id, quantity: 1 }], idempotencyKey: randomUUID() },
    });
    expect(placed.data).toBeNull();
    expect(placed.errors).toMatchObject([{ path: ['placeOrder'], extensions: { code: 'UNAUTHENTICATED' } }]);
  });

  test('payOrder twice with one key makes one payment and the order reads PAID', async () => {
    const token = await signUp();
    const order = (await placeOrder(token, catalog.skus[7]!.id)).data!.placeOrder;
    const key = randomUUID();
    const payments = await Promise.all(
      [1, 2].map(() =>
        graphql<{ payOrder: { id: string; status: string } }>(
          url,
          PAY_ORDER,
          { orderId: order.id, key },
          bearer(token),
        ),
      ),
    );
    const again = await graphql<{ payOrder: { id: string } }>(
      url,
      PAY_ORDER,
      { orderId: order.id, key },
      bearer(token),
    );
    const ids = [...payments, again].map((r) => r.data?.payOrder.id);
    expect(payments[0]?.errors).toBeUndefined();
    expect(new Set(ids).size).toBe(1);
    expect(payments[0]?.data?.payOrder.status).toBe('CAPTURED');

    const status = await graphql<{ order: { status: string; payment: { id: string; status: string } } }>(
      url,
      'query($id: ID!) { order(id: $id) { status payment { id status } } }',
      { id: order.id },
      bearer(token),
    );
    expect(status.data?.order).toEqual({ status: 'PAID', payment: { id: ids[0], status: 'CAPTURED' } });
  });

  test('a review is a verified purchase only once its author has paid for the product', async () => {
    const token = await signUp();
    const sku = catalog.skus[8]!;
    const write = await graphql<{ writeReview: { id: string; verifiedPurchase: boolean } }>(
      url,
      'mutation($input: WriteReviewInput!) { writeReview(input: $input) { id verifiedPurchase } }',
      {
        input: { productId: sku.productId, rating: 5, title: '好用', body: 'Bought it before anyone asked.' },
      },
      bearer(token),
    );
    expect(write.errors).toBeUndefined();
    expect(write.data?.writeReview.verifiedPurchase).toBe(false);

    const order = (await placeOrder(token, sku.id)).data!.placeOrder;
    const unpaid = await reviewOf(sku.productId, write.data!.writeReview.id);
    expect(unpaid).toBe(false);
    await graphql(url, PAY_ORDER, { orderId: order.id, key: randomUUID() }, bearer(token));
    expect(await reviewOf(sku.productId, write.data!.writeReview.id)).toBe(true);
  });

  async function reviewOf(productId: string, reviewId: string) {
    const result = await graphql<{
      product: { reviews: { edges: { node: { id: string; verifiedPurchase: boolean } }[] } };
    }>(
      url,
      'query($id: ID!) { product(id: $id) { reviews(first: 50) { edges { node { id verifiedPurchase } } } } }',
      { id: productId },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.product.reviews.edges.find((edge) => edge.node.id === reviewId)?.node
      .verifiedPurchase;
  }
});
