import { newId } from '@zhongtai/subgraph-kit';
import { errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, test as base, describe, expect } from 'vitest';
import { markOrderPaid } from '../src/lifecycle.ts';
import { as, insertOrder, type StoredOrder, startCenters } from '../src/testing.ts';

const centers = await startCenters('orders_reads');
afterAll(() => centers.stop());
const { orders } = centers;

/** A buyer of its own with three orders, oldest first: pending, paid and delivered. */
const test = base.extend<{ history: { buyer: string; orders: StoredOrder[] } }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  history: async ({}, use) => {
    const buyer = newId();
    const start = Date.now() - 3000;
    const stored: StoredOrder[] = [];
    for (const [i, status] of (['PENDING_PAYMENT', 'PAID', 'DELIVERED'] as const).entries()) {
      stored.push(
        await insertOrder(orders, {
          buyerId: buyer,
          status,
          placedAt: new Date(start + i * 1000),
          lines: [{ price: 1000 * (i + 1), quantity: 2 }, { price: 500 }],
        }),
      );
    }
    await use({ buyer, orders: stored });
  },
});

const ORDER = /* GraphQL */ `
  query Order($id: ID!) {
    order(id: $id) {
      id number status buyer { id } total { amount currency }
      lines { sku { id } product { id } title quantity unitPrice { amount currency } }
    }
  }
`;

const ENTITIES = /* GraphQL */ `
  query Entities($r: [_Any!]!) {
    _entities(representations: $r) {
      __typename
      ... on Order { id status }
      ... on User { id }
    }
  }
`;

/**
 * The SQL statements one operation makes. It runs once first: postgres.js reads the server's array
 * types on each new pool connection, which no request of a warm process makes.
 */
async function statementsFor(query: string, variables: Record<string, unknown>, userId: string) {
  await executeAs(orders, query, variables, as(userId));
  orders.database.stats.statements = 0;
  const result = await executeAs(orders, query, variables, as(userId));
  expect(result.errors).toBeUndefined();
  return orders.database.stats.statements;
}

describe('who sees an order', () => {
  test('the buyer reads their order with its lines and total', async ({ history }) => {
    const order = history.orders[1]!;
    const result = await executeAs(orders, ORDER, { id: order.id }, as(history.buyer));
    expect(result.errors).toBeUndefined();
    expect(result.data?.order).toMatchObject({
      id: order.id,
      number: order.number,
      status: 'PAID',
      buyer: { id: history.buyer },
      total: { amount: 4500, currency: 'CNY' },
      lines: [
        { title: 'Product 1', quantity: 2, unitPrice: { amount: 2000, currency: 'CNY' } },
        { title: 'Product 2', quantity: 1, unitPrice: { amount: 500, currency: 'CNY' } },
      ],
    });
  });

  test("another user's order, an unknown one and a malformed id all read as null", async ({ history }) => {
    const query =
      'query($a: ID!, $b: ID!, $c: ID!) { a: order(id: $a) { id } b: order(id: $b) { id } c: order(id: $c) { id } }';
    const result = await executeAs(
      orders,
      query,
      { a: history.orders[0]!.id, b: newId(), c: "'; drop table orders; --" },
      as(newId()),
    );
    expect(result).toEqual({ data: { a: null, b: null, c: null } });
  });

  test('reading an order signed out is UNAUTHENTICATED', async ({ history }) => {
    const result = await executeAs(orders, ORDER, { id: history.orders[0]!.id });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  test('order references resolve for the buyer only, null for anyone else', async ({ history }) => {
    const r = history.orders.map((order) => ({ __typename: 'Order', id: order.id }));
    const own = await executeAs(orders, ENTITIES, { r }, as(history.buyer));
    const other = await executeAs(orders, ENTITIES, { r }, as(newId()));
    const anonymous = await executeAs(orders, ENTITIES, { r });
    expect(own.data?._entities).toEqual(
      history.orders.map((order, i) => ({
        __typename: 'Order',
        id: order.id,
        status: ['PENDING_PAYMENT', 'PAID', 'DELIVERED'][i],
      })),
    );
    expect(other.data?._entities).toEqual([null, null, null]);
    expect(anonymous.data?._entities).toEqual([null, null, null]);
  });

  test("another user's cart and orders are FORBIDDEN", async ({ history }) => {
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { cart { totalQuantity } } } }';
    const ordersQuery =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders { totalCount } } } }';
    const r = [{ __typename: 'User', id: history.buyer }];
    expect(errorCodes(await executeAs(orders, query, { r }, as(newId())))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await executeAs(orders, ordersQuery, { r }, as(newId())))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await executeAs(orders, ordersQuery, { r }))).toEqual(['FORBIDDEN']);
  });
});

describe("a buyer's orders", () => {
  const ORDERS = /* GraphQL */ `
    query Orders($r: [_Any!]!, $first: Int, $after: String, $status: OrderStatus) {
      _entities(representations: $r) {
        ... on User {
          orders(first: $first, after: $after, status: $status) {
            edges { cursor node { id status } }
            pageInfo { hasNextPage endCursor }
            totalCount
          }
        }
      }
    }
  `;

  interface Page {
    edges: { cursor: string; node: { id: string; status: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  }

  async function page(buyer: string, variables: Record<string, unknown>) {
    const result = await executeAs<{ _entities: { orders: Page }[] }>(
      orders,
      ORDERS,
      { r: [{ __typename: 'User', id: buyer }], ...variables },
      as(buyer),
    );
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0]!.orders;
  }

  test('pages of orders run newest first, each order once', async ({ history }) => {
    const first = await page(history.buyer, { first: 2 });
    const second = await page(history.buyer, { first: 2, after: first.pageInfo.endCursor });
    const newestFirst = history.orders.map((order) => order.id).reverse();
    expect(first.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(0, 2));
    expect(first.pageInfo).toEqual({ hasNextPage: true, endCursor: first.edges[1]!.cursor });
    expect(second.edges.map((edge) => edge.node.id)).toEqual(newestFirst.slice(2));
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(first.totalCount).toBe(3);
  });

  test('a status keeps only the orders in it, and counts only them', async ({ history }) => {
    const paid = await page(history.buyer, { status: 'PAID' });
    expect(paid.edges.map((edge) => edge.node.id)).toEqual([history.orders[1]!.id]);
    expect(paid.totalCount).toBe(1);
  });

  test('first over 100 and a forged cursor are BAD_USER_INPUT errors', async ({ history }) => {
    const r = [{ __typename: 'User', id: history.buyer }];
    const tooMany = await executeAs(orders, ORDERS, { r, first: 101 }, as(history.buyer));
    const forged = await executeAs(
      orders,
      ORDERS,
      { r, after: Buffer.from(JSON.stringify(['1 or 1=1'])).toString('base64url') },
      as(history.buyer),
    );
    expect(errorCodes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(forged)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('statements per request', () => {
  const HISTORY = /* GraphQL */ `
    query History($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on User {
          orders(first: 50) {
            edges { node { id number total { amount } lines { sku { id } title quantity unitPrice { amount } } } }
            totalCount
          }
        }
      }
    }
  `;

  async function buyerWith(count: number) {
    const buyer = newId();
    for (let i = 0; i < count; i++) {
      await insertOrder(orders, { buyerId: buyer, status: 'DELIVERED', lines: [{}, {}, {}] });
    }
    return buyer;
  }

  test('an order history costs the same statements with 2 orders as with 20', async () => {
    const few = await buyerWith(2);
    const many = await buyerWith(20);
    const r = (buyer: string) => ({ r: [{ __typename: 'User', id: buyer }] });
    const forFew = await statementsFor(HISTORY, r(few), few);
    const forMany = await statementsFor(HISTORY, r(many), many);
    // One for the page, one for every order's lines, one for the count.
    expect(forFew).toBe(3);
    expect(forMany).toBe(forFew);
  });

  test('twenty order references with their lines take two statements', async () => {
    const buyer = await buyerWith(20);
    const page = await executeAs<{ _entities: { orders: { edges: { node: { id: string } }[] } }[] }>(
      orders,
      HISTORY,
      { r: [{ __typename: 'User', id: buyer }] },
      as(buyer),
    );
    const r = page.data!._entities[0]!.orders.edges.map((edge) => ({
      __typename: 'Order',
      id: edge.node.id,
    }));
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id lines { title } } } }';
    expect(r).toHaveLength(20);
    expect(await statementsFor(query, { r }, buyer)).toBe(2);
  });
});

describe('verified purchases', () => {
  const REVIEWS = /* GraphQL */ `
    query Reviews($r: [_Any!]!) {
      _entities(representations: $r) { ... on Review { id verifiedPurchase } }
    }
  `;

  const review = (authorId: string, productId: string) => ({
    __typename: 'Review',
    id: newId(),
    product: { id: productId },
    author: { id: authorId },
  });

  async function verified(representations: ReturnType<typeof review>[]) {
    const result = await executeAs<{ _entities: { id: string; verifiedPurchase: boolean }[] }>(
      orders,
      REVIEWS,
      { r: representations },
    );
    expect(result.errors).toBeUndefined();
    return result.data!._entities.map((entity) => entity.verifiedPurchase);
  }

  test('a review is a verified purchase once its author has paid for the product', async () => {
    const [sku] = await centers.catalog(1);
    const author = newId();
    const placed = await executeAs<{ placeOrder: { id: string } }>(
      orders,
      'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      { input: { lines: [{ skuId: sku!.id, quantity: 1 }], idempotencyKey: newId() } },
      as(author),
    );
    const representation = review(author, sku!.productId);
    expect(await verified([representation])).toEqual([false]);

    // As markOrderPaid records it once the Payment Center confirmed the payment.
    const paid = await markOrderPaid(
      orders.database.db,
      orders.contextFor(as(author)).centers.inventory,
      author,
      placed.data!.placeOrder.id,
      { id: newId(), amount: sku!.price, currency: sku!.currency },
      { identity: as(author), requestId: 'orders-test' },
    );
    expect(paid.status).toBe('PAID');
    expect(await verified([representation])).toEqual([true]);
  });

  test('a pending or cancelled order, another product or another buyer is not a verified purchase', async () => {
    const buyer = newId();
    const [bought, pending, cancelled, other] = [newId(), newId(), newId(), newId()];
    await insertOrder(orders, { buyerId: buyer, status: 'SHIPPED', lines: [{ productId: bought }] });
    await insertOrder(orders, { buyerId: buyer, status: 'PENDING_PAYMENT', lines: [{ productId: pending }] });
    await insertOrder(orders, { buyerId: buyer, status: 'CANCELLED', lines: [{ productId: cancelled }] });
    expect(
      await verified([
        review(buyer, bought),
        review(buyer, pending),
        review(buyer, cancelled),
        review(buyer, other),
        review(newId(), bought),
        review('not-an-id', bought),
      ]),
    ).toEqual([true, false, false, false, false, false]);
  });

  test('thirty reviews of many authors and products take one statement', async () => {
    const representations = [];
    for (let i = 0; i < 30; i++) {
      const buyer = newId();
      const productId = newId();
      if (i % 3 === 0) {
        await insertOrder(orders, { buyerId: buyer, status: 'DELIVERED', lines: [{ productId }] });
      }
      representations.push(review(buyer, productId));
    }
    expect(await statementsFor(REVIEWS, { r: representations }, newId())).toBe(1);
    const answers = await verified(representations);
    expect(answers).toEqual(representations.map((_, i) => i % 3 === 0));
  });
});
