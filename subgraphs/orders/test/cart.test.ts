import { newId } from '@zhongtai/subgraph-kit';
import { errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, test as base, describe, expect } from 'vitest';
import { as, type CatalogSku, startCenters } from '../src/testing.ts';

const centers = await startCenters('orders_cart');
afterAll(() => centers.stop());
const { orders } = centers;

const test = base.extend<{ skus: CatalogSku[]; user: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  skus: async ({}, use) => {
    await use(await centers.catalog(3));
  },
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  user: async ({}, use) => {
    await use(newId());
  },
});

interface Cart {
  lines: { sku: { id: string }; quantity: number }[];
  totalQuantity: number;
}

const CART_FIELDS = 'lines { sku { id } quantity } totalQuantity';

async function add(user: string | null, skuId: string, quantity: number) {
  return executeAs<{ addToCart: Cart }>(
    orders,
    `mutation($skuId: ID!, $quantity: Int!) { addToCart(skuId: $skuId, quantity: $quantity) { ${CART_FIELDS} } }`,
    { skuId, quantity },
    user ? as(user) : undefined,
  );
}

async function remove(user: string | null, skuId: string) {
  return executeAs<{ removeFromCart: Cart }>(
    orders,
    `mutation($skuId: ID!) { removeFromCart(skuId: $skuId) { ${CART_FIELDS} } }`,
    { skuId },
    user ? as(user) : undefined,
  );
}

async function cartOf(user: string, viewer: string | null = user) {
  return executeAs<{ _entities: { cart: Cart }[] }>(
    orders,
    `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { cart { ${CART_FIELDS} } } } }`,
    { r: [{ __typename: 'User', id: user }] },
    viewer ? as(viewer) : undefined,
  );
}

describe('the cart', () => {
  test('adding a SKU twice adds the quantities, lines staying in the order they were added', async ({
    skus,
    user,
  }) => {
    const [a, b] = skus;
    await add(user, a!.id, 2);
    await add(user, b!.id, 1);
    const result = await add(user, a!.id, 3);
    expect(result.errors).toBeUndefined();
    expect(result.data?.addToCart).toEqual({
      lines: [
        { sku: { id: a!.id }, quantity: 5 },
        { sku: { id: b!.id }, quantity: 1 },
      ],
      totalQuantity: 6,
    });
  });

  test('a SKU holds at most 99 units in a cart', async ({ skus, user }) => {
    await add(user, skus[0]!.id, 60);
    const result = await add(user, skus[0]!.id, 60);
    expect(result.data?.addToCart.lines).toEqual([{ sku: { id: skus[0]!.id }, quantity: 99 }]);
  });

  test('removing a SKU takes its line out; removing one not in the cart changes nothing', async ({
    skus,
    user,
  }) => {
    const [a, b] = skus;
    await add(user, a!.id, 1);
    await add(user, b!.id, 2);
    const removed = await remove(user, a!.id);
    expect(removed.data?.removeFromCart).toEqual({
      lines: [{ sku: { id: b!.id }, quantity: 2 }],
      totalQuantity: 2,
    });
    const again = await remove(user, a!.id);
    const malformed = await remove(user, 'not-an-id');
    expect(again.data).toEqual(removed.data);
    expect(malformed.data?.removeFromCart).toEqual(removed.data?.removeFromCart);
  });

  test('an empty cart has no lines', async ({ user }) => {
    const result = await cartOf(user);
    expect(result).toEqual({ data: { _entities: [{ cart: { lines: [], totalQuantity: 0 } }] } });
  });

  test('carts are per user: one user adding leaves another cart alone', async ({ skus, user }) => {
    const other = newId();
    await add(user, skus[0]!.id, 1);
    await add(other, skus[1]!.id, 4);
    expect((await cartOf(user)).data?._entities[0]?.cart.lines).toEqual([
      { sku: { id: skus[0]!.id }, quantity: 1 },
    ]);
    expect((await cartOf(other)).data?._entities[0]?.cart.totalQuantity).toBe(4);
  });

  test("another user's cart is FORBIDDEN, and so is reading one signed out", async ({ skus, user }) => {
    await add(user, skus[0]!.id, 1);
    expect(errorCodes(await cartOf(user, newId()))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await cartOf(user, null))).toEqual(['FORBIDDEN']);
  });
});

describe('refusals', () => {
  test('an unknown SKU, a malformed id or a quantity outside 1 to 99 is a BAD_USER_INPUT error', async ({
    skus,
    user,
  }) => {
    const cases: [string, number, string][] = [
      [newId(), 1, 'skuId'],
      ['sku-1', 1, 'skuId'],
      [skus[0]!.id, 0, 'quantity'],
      [skus[0]!.id, 100, 'quantity'],
      [skus[0]!.id, -3, 'quantity'],
    ];
    for (const [skuId, quantity, field] of cases) {
      const result = await add(user, skuId, quantity);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect((await cartOf(user)).data?._entities[0]?.cart.lines).toEqual([]);
  });

  test('changing a cart signed out is UNAUTHENTICATED', async ({ skus }) => {
    expect(errorCodes(await add(null, skus[0]!.id, 1))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await remove(null, skus[0]!.id))).toEqual(['UNAUTHENTICATED']);
  });
});
