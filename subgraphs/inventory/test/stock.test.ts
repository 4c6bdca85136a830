import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, errorCodes, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, test as base, describe, expect } from 'vitest';
import { createInventoryCenter } from '../src/server.ts';
import { buyer, stockedSkus } from './fixtures.ts';

const testDb = await createTestDatabase('inventory_stock');
const center = await createInventoryCenter({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

const db = center.database.db;

const test = base.extend<{ stocked: ReturnType<typeof stockedSkus> }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  stocked: async ({}, use) => {
    await use(stockedSkus(db));
  },
});

const ENTITIES = /* GraphQL */ `
  query Entities($r: [_Any!]!) {
    _entities(representations: $r) {
      __typename
      ... on Sku { id stock { available reserved } inStock }
      ... on Product { id inStock }
    }
  }
`;

async function entities(representations: Record<string, unknown>[]) {
  const result = await executeAs<{ _entities: Record<string, unknown>[] }>(
    center,
    ENTITIES,
    { r: representations },
    buyer(),
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

const sku = (id: string) => ({ __typename: 'Sku', id });
const product = (skuIds: string[]) => ({
  __typename: 'Product',
  id: newId(),
  skus: skuIds.map((id) => ({ __typename: 'Sku', id })),
});

/**
 * The SQL statements one operation makes. It runs once first: postgres.js reads the server's array
 * types on each new pool connection, which a warm process never does again.
 */
async function statementsFor(query: string, variables: Record<string, unknown>) {
  await executeAs(center, query, variables, buyer());
  center.database.stats.statements = 0;
  const result = await executeAs(center, query, variables, buyer());
  expect(result.errors).toBeUndefined();
  return center.database.stats.statements;
}

describe('stock of SKUs', () => {
  test('SKUs resolve in the order asked, with zero stock for a SKU this center does not know', async ({
    stocked,
  }) => {
    const [plenty, soldOut] = await stocked(120, 0);
    const unknown = newId();
    expect(await entities([sku(soldOut!), sku(unknown), sku(plenty!), sku('not-an-id')])).toEqual([
      { __typename: 'Sku', id: soldOut, stock: { available: 0, reserved: 0 }, inStock: false },
      { __typename: 'Sku', id: unknown, stock: { available: 0, reserved: 0 }, inStock: false },
      { __typename: 'Sku', id: plenty, stock: { available: 120, reserved: 0 }, inStock: true },
      { __typename: 'Sku', id: 'not-an-id', stock: { available: 0, reserved: 0 }, inStock: false },
    ]);
  });

  test('a product is in stock when any one of its SKUs is', async ({ stocked }) => {
    const [none, one, many] = await stocked(0, 1, 40);
    const [mixed, allSoldOut, noSkus, unknownSkus] = [
      product([none!, one!]),
      product([none!]),
      product([]),
      product([newId(), newId()]),
    ];
    const result = await entities([mixed, allSoldOut, noSkus, unknownSkus, product([many!, many!])]);
    expect(result.map((p) => p.inStock)).toEqual([true, false, false, false, true]);
    expect(result.map((p) => p.id)).toEqual([
      mixed.id,
      allSoldOut.id,
      noSkus.id,
      unknownSkus.id,
      expect.any(String),
    ]);
  });

  test('a product representation without its SKUs is refused', async () => {
    const result = await executeAs(
      center,
      ENTITIES,
      { r: [{ __typename: 'Product', id: newId() }] },
      buyer(),
    );
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('shipping estimates', () => {
  const ESTIMATE = /* GraphQL */ `
    query Estimate($r: [_Any!]!, $province: String!) {
      _entities(representations: $r) {
        ... on Sku { id shippingEstimate(province: $province) { province carrier cost { amount currency } minDays maxDays } }
      }
    }
  `;
  const estimate = (representations: Record<string, unknown>[], province: string) =>
    executeAs<{ _entities: { id: string; shippingEstimate: Record<string, unknown> | null }[] }>(
      center,
      ESTIMATE,
      { r: representations, province },
      buyer(),
    );

  test('the estimate uses the weight the router sends with the SKU', async () => {
    const [light, heavy] = [newId(), newId()];
    const result = await estimate(
      [
        { __typename: 'Sku', id: light, weightGrams: 800 },
        { __typename: 'Sku', id: heavy, weightGrams: 2500 },
      ],
      '广东',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: light,
        shippingEstimate: {
          province: '广东省',
          carrier: '中通快递',
          cost: { amount: 1200, currency: 'CNY' },
          minDays: 2,
          maxDays: 4,
        },
      },
      {
        id: heavy,
        shippingEstimate: {
          province: '广东省',
          carrier: '中通快递',
          cost: { amount: 2400, currency: 'CNY' },
          minDays: 2,
          maxDays: 4,
        },
      },
    ]);
  });

  test('zones differ by destination: the same province, a neighbour, far away, Hong Kong', async () => {
    const r = [{ __typename: 'Sku', id: newId(), weightGrams: 1000 }];
    const days = async (province: string) => {
      const result = await estimate(r, province);
      expect(result.errors).toBeUndefined();
      const e = result.data!._entities[0]!.shippingEstimate!;
      return [e.province, e.carrier, e.minDays, e.maxDays];
    };
    expect(await days('浙江省')).toEqual(['浙江省', '中通快递', 1, 2]);
    expect(await days('上海')).toEqual(['上海市', '中通快递', 1, 3]);
    expect(await days('西藏')).toEqual(['西藏自治区', 'EMS', 4, 7]);
    expect(await days('香港特别行政区')).toEqual(['香港特别行政区', '顺丰速运', 5, 9]);
  });

  test('an unknown province is BAD_USER_INPUT', async () => {
    const result = await estimate([{ __typename: 'Sku', id: newId(), weightGrams: 1000 }], 'Atlantis');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data!._entities[0]!.shippingEstimate).toBeNull();
  });

  test('a representation without weightGrams gets no estimate', async () => {
    const result = await estimate([{ __typename: 'Sku', id: newId() }], '浙江');
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/weightGrams/);
  });
});

describe('SQL statements a request makes', () => {
  test('stock for 40 SKUs costs the same single statement as for 2', async ({ stocked }) => {
    const ids = await stocked(...Array.from({ length: 40 }, (_, i) => i));
    const forTwo = await statementsFor(ENTITIES, { r: ids.slice(0, 2).map(sku) });
    const forForty = await statementsFor(ENTITIES, { r: ids.map(sku) });
    expect(forTwo).toBe(1);
    expect(forForty).toBe(forTwo);
  });

  test('whether 20 products are in stock costs the same single statement as for 2, SKUs included', async ({
    stocked,
  }) => {
    const ids = await stocked(...Array.from({ length: 60 }, (_, i) => i % 2));
    const products = Array.from({ length: 20 }, (_, i) => product(ids.slice(3 * i, 3 * i + 3)));
    const forTwo = await statementsFor(ENTITIES, { r: [...products.slice(0, 2), sku(ids[0]!)] });
    const forTwenty = await statementsFor(ENTITIES, { r: [...products, ...ids.slice(0, 20).map(sku)] });
    expect(forTwo).toBe(1);
    expect(forTwenty).toBe(forTwo);
  });

  test('shipping estimates cost no statement at all', async () => {
    const statements = await statementsFor(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku { shippingEstimate(province: "北京") { carrier } } } }',
      { r: Array.from({ length: 10 }, () => ({ __typename: 'Sku', id: newId(), weightGrams: 300 })) },
    );
    expect(statements).toBe(0);
  });
});
