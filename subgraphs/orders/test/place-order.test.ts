import { randomUUID } from 'node:crypto';
import { schema as productsSchema } from '@zhongtai/products';
import { newId } from '@zhongtai/subgraph-kit';
import { errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { eq } from 'drizzle-orm';
import { afterAll, test as base, describe, expect } from 'vitest';
import { as, type CatalogSku, startCenters } from '../src/testing.ts';

const centers = await startCenters('orders_place');
afterAll(() => centers.stop());
const { orders } = centers;

const test = base.extend<{ skus: CatalogSku[]; buyer: string; key: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  skus: async ({}, use) => {
    await use(await centers.catalog(3));
  },
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  buyer: async ({}, use) => {
    await use(newId());
  },
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  key: async ({}, use) => {
    await use(randomUUID());
  },
});

const PLACE = /* GraphQL */ `
  mutation Place($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      id number status placedAt expiresAt paidAt cancelledAt
      buyer { id }
      total { amount currency }
      shippingAddress { recipient phone province city district line1 postalCode }
      lines { sku { id } product { id } quantity unitPrice { amount currency } title }
    }
  }
`;

interface PlacedOrder {
  id: string;
  number: string;
  status: string;
  placedAt: string;
  expiresAt: string | null;
  total: { amount: number; currency: string };
  shippingAddress: Record<string, string | null> | null;
  lines: {
    sku: { id: string };
    product: { id: string };
    quantity: number;
    unitPrice: { amount: number };
    title: string;
  }[];
}

interface PlaceInput {
  lines: { skuId: string; quantity: number }[];
  addressId?: string;
  idempotencyKey: string;
}

const place = (buyer: string, input: PlaceInput) =>
  executeAs<{ placeOrder: PlacedOrder }>(orders, PLACE, { input }, as(buyer));

async function placed(buyer: string, input: PlaceInput): Promise<PlacedOrder> {
  const result = await place(buyer, input);
  expect(result.errors).toBeUndefined();
  return result.data!.placeOrder;
}

const ORDER_COUNT =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders { totalCount } } } }';

async function orderCount(buyer: string): Promise<number> {
  const result = await executeAs<{ _entities: { orders: { totalCount: number } }[] }>(
    orders,
    ORDER_COUNT,
    { r: [{ __typename: 'User', id: buyer }] },
    as(buyer),
  );
  return result.data!._entities[0]!.orders.totalCount;
}

describe('placing an order', () => {
  test('an order snapshots titles and prices, totals its lines and reserves the stock', async ({
    skus,
    buyer,
    key,
  }) => {
    const [a, b] = skus;
    const before = Date.now();
    const order = await placed(buyer, {
      lines: [
        { skuId: a!.id, quantity: 2 },
        { skuId: b!.id, quantity: 1 },
      ],
      idempotencyKey: key,
    });
    expect(order).toMatchObject({
      status: 'PENDING_PAYMENT',
      buyer: { id: buyer },
      total: { amount: a!.price * 2 + b!.price, currency: 'CNY' },
      paidAt: null,
      cancelledAt: null,
      lines: [
        {
          sku: { id: a!.id },
          product: { id: a!.productId },
          quantity: 2,
          unitPrice: { amount: a!.price, currency: 'CNY' },
          title: a!.title,
        },
        { sku: { id: b!.id }, product: { id: b!.productId }, quantity: 1, title: b!.title },
      ],
    });
    const ttl = Date.parse(order.expiresAt!) - Date.parse(order.placedAt);
    expect(ttl).toBeGreaterThan(1799_000);
    expect(ttl).toBeLessThanOrEqual(1800_000);
    expect(Date.parse(order.placedAt)).toBeGreaterThan(before - 5000);
    expect(await centers.stock(a!.id)).toEqual({ available: 98, reserved: 2 });
    expect(await centers.stock(b!.id)).toEqual({ available: 99, reserved: 1 });
  });

  test('order numbers are ZT, the day in China and eight digits, different for every order', async ({
    skus,
    buyer,
  }) => {
    const lines = [{ skuId: skus[0]!.id, quantity: 1 }];
    const first = await placed(buyer, { lines, idempotencyKey: randomUUID() });
    const second = await placed(buyer, { lines, idempotencyKey: randomUUID() });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .replaceAll('-', '');
    expect(first.number).toMatch(new RegExp(`^ZT${today}\\d{8}$`));
    expect(second.number).toMatch(/^ZT\d{16}$/);
    expect(second.number).not.toBe(first.number);
  });

  test('a later price change leaves a placed order as it was', async ({ skus, buyer, key }) => {
    const sku = skus[0]!;
    const order = await placed(buyer, { lines: [{ skuId: sku.id, quantity: 3 }], idempotencyKey: key });
    await centers.products.database.db
      .update(productsSchema.skus)
      .set({ priceAmount: sku.price + 1000 })
      .where(eq(productsSchema.skus.id, sku.id));
    const again = await executeAs<{ order: PlacedOrder }>(
      orders,
      'query($id: ID!) { order(id: $id) { total { amount } lines { unitPrice { amount } } } }',
      { id: order.id },
      as(buyer),
    );
    expect(again.data?.order).toEqual({
      total: { amount: sku.price * 3 },
      lines: [{ unitPrice: { amount: sku.price } }],
    });
  });

  test('signing in is needed to place an order', async ({ skus, key }) => {
    const result = await executeAs(orders, PLACE, {
      input: { lines: [{ skuId: skus[0]!.id, quantity: 1 }], idempotencyKey: key },
    });
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('shipping address', () => {
  test("without an address named, the buyer's default address is snapshotted", async ({ skus, key }) => {
    const buyer = await centers.signUp([{ recipient: '王芳' }, { recipient: '李伟', city: '宁波市' }]);
    const order = await placed(buyer.id, {
      lines: [{ skuId: skus[0]!.id, quantity: 1 }],
      idempotencyKey: key,
    });
    expect(order.shippingAddress).toEqual({
      recipient: '王芳',
      phone: '13800138000',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      line1: '文三路 90 号',
      postalCode: '310012',
    });
  });

  test('a named address of the buyer is snapshotted', async ({ skus, key }) => {
    const buyer = await centers.signUp([{ recipient: '王芳' }, { recipient: '李伟', city: '宁波市' }]);
    const order = await placed(buyer.id, {
      lines: [{ skuId: skus[0]!.id, quantity: 1 }],
      addressId: buyer.addressIds[1]!,
      idempotencyKey: key,
    });
    expect(order.shippingAddress).toMatchObject({ recipient: '李伟', city: '宁波市' });
  });

  test('a buyer with no saved address gets an order without a shipping address', async ({
    skus,
    buyer,
    key,
  }) => {
    const order = await placed(buyer, { lines: [{ skuId: skus[0]!.id, quantity: 1 }], idempotencyKey: key });
    expect(order.shippingAddress).toBeNull();
  });

  test("an unknown address or another user's address is a BAD_USER_INPUT error that stores nothing", async ({
    skus,
  }) => {
    const buyer = await centers.signUp([{ recipient: '王芳' }]);
    const other = await centers.signUp([{ recipient: '赵敏' }]);
    const lines = [{ skuId: skus[0]!.id, quantity: 1 }];
    for (const addressId of [newId(), other.addressIds[0]!, 'not-an-id']) {
      const result = await place(buyer.id, { lines, addressId, idempotencyKey: randomUUID() });
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe('addressId');
    }
    expect(await orderCount(buyer.id)).toBe(0);
    expect(await centers.stock(skus[0]!.id)).toEqual({ available: 100, reserved: 0 });
  });
});

describe('idempotency', () => {
  test('the same key twice returns the first order and reserves the stock once', async ({
    skus,
    buyer,
    key,
  }) => {
    const sku = skus[0]!;
    const first = await placed(buyer, { lines: [{ skuId: sku.id, quantity: 2 }], idempotencyKey: key });
    // Even with other lines, the key decides: it is the same checkout.
    const second = await placed(buyer, { lines: [{ skuId: sku.id, quantity: 5 }], idempotencyKey: key });
    expect(second).toEqual(first);
    expect(await orderCount(buyer)).toBe(1);
    expect(await centers.stock(sku.id)).toEqual({ available: 98, reserved: 2 });
  });

  test('five requests with one key at the same moment make one order', async ({ skus, buyer, key }) => {
    const sku = skus[0]!;
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        place(buyer, { lines: [{ skuId: sku.id, quantity: 1 }], idempotencyKey: key }),
      ),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    const ids = new Set(results.map((result) => result.data!.placeOrder.id));
    expect(ids.size).toBe(1);
    expect(await orderCount(buyer)).toBe(1);
    expect(await centers.stock(sku.id)).toEqual({ available: 99, reserved: 1 });
  });

  test('one key from two buyers makes two orders', async ({ skus, key }) => {
    const lines = [{ skuId: skus[0]!.id, quantity: 1 }];
    const first = await placed(newId(), { lines, idempotencyKey: key });
    const second = await placed(newId(), { lines, idempotencyKey: key });
    expect(second.id).not.toBe(first.id);
  });

  test('after a failed attempt the same key can place the order', async ({ skus, buyer, key }) => {
    const sku = skus[0]!;
    await centers.setStock(sku.id, 1);
    const failed = await place(buyer, { lines: [{ skuId: sku.id, quantity: 2 }], idempotencyKey: key });
    expect(errorCodes(failed)).toEqual(['OUT_OF_STOCK']);
    await centers.setStock(sku.id, 5);
    const order = await placed(buyer, { lines: [{ skuId: sku.id, quantity: 2 }], idempotencyKey: key });
    expect(order.status).toBe('PENDING_PAYMENT');
  });
});

describe('refusals', () => {
  test('too few units is an OUT_OF_STOCK error that stores nothing and reserves nothing', async ({
    skus,
    buyer,
    key,
  }) => {
    const [plenty, scarce] = skus;
    await centers.setStock(scarce!.id, 2);
    const result = await place(buyer, {
      lines: [
        { skuId: plenty!.id, quantity: 1 },
        { skuId: scarce!.id, quantity: 3 },
      ],
      idempotencyKey: key,
    });
    expect(errorCodes(result)).toEqual(['OUT_OF_STOCK']);
    expect(result.errors?.[0]?.extensions).toMatchObject({ skuId: scarce!.id, requested: 3, available: 2 });
    expect(await orderCount(buyer)).toBe(0);
    expect(await centers.stock(plenty!.id)).toEqual({ available: 100, reserved: 0 });
    expect(await centers.stock(scarce!.id)).toEqual({ available: 2, reserved: 0 });
  });

  test('an unknown SKU is a BAD_USER_INPUT error naming it, and nothing is reserved', async ({
    skus,
    buyer,
    key,
  }) => {
    const unknown = newId();
    const result = await place(buyer, {
      lines: [
        { skuId: skus[0]!.id, quantity: 1 },
        { skuId: unknown, quantity: 1 },
      ],
      idempotencyKey: key,
    });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toContain(unknown);
    expect(result.errors?.[0]?.extensions?.field).toBe('lines.1.skuId');
    expect(await orderCount(buyer)).toBe(0);
    expect(await centers.stock(skus[0]!.id)).toEqual({ available: 100, reserved: 0 });
  });

  test('malformed input is a BAD_USER_INPUT error naming the field', async ({ skus, buyer }) => {
    const sku = skus[0]!.id;
    const cases: [PlaceInput, string][] = [
      [{ lines: [], idempotencyKey: 'k' }, 'lines'],
      [
        {
          lines: Array.from({ length: 51 }, () => ({ skuId: newId(), quantity: 1 })),
          idempotencyKey: 'k',
        },
        'lines',
      ],
      [{ lines: [{ skuId: sku, quantity: 0 }], idempotencyKey: 'k' }, 'lines.0.quantity'],
      [{ lines: [{ skuId: sku, quantity: 100 }], idempotencyKey: 'k' }, 'lines.0.quantity'],
      [{ lines: [{ skuId: "1' or '1'='1", quantity: 1 }], idempotencyKey: 'k' }, 'lines.0.skuId'],
      [
        {
          lines: [
            { skuId: sku, quantity: 1 },
            { skuId: sku, quantity: 1 },
          ],
          idempotencyKey: 'k',
        },
        'lines.1.skuId',
      ],
      [{ lines: [{ skuId: sku, quantity: 1 }], idempotencyKey: '' }, 'idempotencyKey'],
      [{ lines: [{ skuId: sku, quantity: 1 }], idempotencyKey: 'k'.repeat(101) }, 'idempotencyKey'],
    ];
    for (const [input, field] of cases) {
      const result = await place(buyer, input);
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(await orderCount(buyer)).toBe(0);
  });

  test('an inventory center that does not answer is a SERVICE_UNAVAILABLE error and leaves no order', async ({
    skus,
    buyer,
    key,
  }) => {
    const cut = await centers.anotherOrdersCenter({
      SUBGRAPH_URLS: { ...centers.ordersConfig.SUBGRAPH_URLS, inventory: 'http://127.0.0.1:9/graphql' },
    });
    try {
      const result = await executeAs(
        cut,
        PLACE,
        { input: { lines: [{ skuId: skus[0]!.id, quantity: 1 }], idempotencyKey: key } },
        as(buyer),
      );
      expect(errorCodes(result)).toEqual(['SERVICE_UNAVAILABLE']);
      expect(result.errors?.[0]?.message).toMatch(/inventory/);
      const stored = await executeAs(cut, ORDER_COUNT, { r: [{ __typename: 'User', id: buyer }] }, as(buyer));
      expect(stored.data).toEqual({ _entities: [{ orders: { totalCount: 0 } }] });
    } finally {
      await cut.stop();
    }
  });
});
