import { ANONYMOUS, type Identity, newId } from '@zhongtai/subgraph-kit';
import {
  createTestDatabase,
  errorCodes,
  executeAs,
  postSigned,
  usesRealPostgres,
} from '@zhongtai/subgraph-kit/testing';
import { afterAll, test as base, describe, expect } from 'vitest';
import { findReservation } from '../src/repositories/reservations.ts';
import { findStockBySkuIds } from '../src/repositories/stock.ts';
import { createInventoryCenter, setStock } from '../src/server.ts';
import { buyer, stockedSkus } from './fixtures.ts';

const testDb = await createTestDatabase('inventory_reservations');
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

const test = base.extend<{ stocked: ReturnType<typeof stockedSkus>; identity: Identity }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  stocked: async ({}, use) => {
    await use(stockedSkus(db));
  },
  // The Transaction Center acting for a buyer: the only caller these internal mutations accept.
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  identity: async ({}, use) => {
    await use(fromOrders());
  },
});

/** The Transaction Center acting for a buyer of its own. */
const fromOrders = (): Identity => ({ ...buyer(), service: 'orders' });

interface Reservation {
  reference: string;
  status: 'RESERVED' | 'RELEASED' | 'COMMITTED';
  lines: { skuId: string; quantity: number }[];
}

const FIELDS = 'reference status lines { skuId quantity }';
const RESERVE = `mutation($input: ReserveStockInput!) { reserveStock(input: $input) { ${FIELDS} } }`;
const RELEASE = `mutation($reference: ID!) { releaseReservation(reference: $reference) { ${FIELDS} } }`;
const COMMIT = `mutation($reference: ID!) { commitReservation(reference: $reference) { ${FIELDS} } }`;

type Lines = { skuId: string; quantity: number }[];

const reserve = (identity: Identity, reference: string, lines: Lines) =>
  executeAs<{ reserveStock: Reservation }>(center, RESERVE, { input: { reference, lines } }, identity);
const release = (identity: Identity, reference: string) =>
  executeAs<{ releaseReservation: Reservation | null }>(center, RELEASE, { reference }, identity);
const commit = (identity: Identity, reference: string) =>
  executeAs<{ commitReservation: Reservation | null }>(center, COMMIT, { reference }, identity);

/** available/reserved of each SKU, in the order given. */
async function levels(...skuIds: string[]) {
  const rows = await findStockBySkuIds(db, skuIds);
  return skuIds.map((id) => {
    const row = rows.find((r) => r.skuId === id);
    return row ? [row.available, row.reserved] : null;
  });
}

describe('reserving stock', () => {
  test('a reservation moves units from available to reserved', async ({ stocked, identity }) => {
    const [a, b] = await stocked(10, 4);
    const reference = newId();
    const result = await reserve(identity, reference, [
      { skuId: a!, quantity: 3 },
      { skuId: b!, quantity: 4 },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.reserveStock).toEqual({
      reference,
      status: 'RESERVED',
      lines: [
        { skuId: a, quantity: 3 },
        { skuId: b, quantity: 4 },
      ].sort((x, y) => (x.skuId! < y.skuId! ? -1 : 1)),
    });
    expect(await levels(a!, b!)).toEqual([
      [7, 3],
      [0, 4],
    ]);
  });

  test('lines for the same SKU are added together', async ({ stocked, identity }) => {
    const [a] = await stocked(10);
    const result = await reserve(identity, newId(), [
      { skuId: a!, quantity: 2 },
      { skuId: a!, quantity: 5 },
    ]);
    expect(result.data!.reserveStock.lines).toEqual([{ skuId: a, quantity: 7 }]);
    expect(await levels(a!)).toEqual([[3, 7]]);
  });

  test('asking for more than is available is OUT_OF_STOCK and changes nothing', async ({
    stocked,
    identity,
  }) => {
    const [a] = await stocked(2);
    const reference = newId();
    const result = await reserve(identity, reference, [{ skuId: a!, quantity: 3 }]);
    expect(errorCodes(result)).toEqual(['OUT_OF_STOCK']);
    expect(result.errors![0]!.extensions).toMatchObject({ skuId: a, requested: 3, available: 2 });
    expect(await levels(a!)).toEqual([[2, 0]]);
    expect(await findReservation(db, reference)).toBeNull();
  });

  test('when only the second line is short, the first line is not taken either', async ({ identity }) => {
    // Lines are taken in SKU id order; the short SKU is the second in that order.
    const [plenty, short] = [newId(), newId()].sort() as [string, string];
    await setStock(db, plenty, 10);
    await setStock(db, short, 1);
    const reference = newId();
    const result = await reserve(identity, reference, [
      { skuId: plenty, quantity: 5 },
      { skuId: short, quantity: 2 },
    ]);
    expect(errorCodes(result)).toEqual(['OUT_OF_STOCK']);
    expect(result.errors![0]!.extensions).toMatchObject({ skuId: short, requested: 2, available: 1 });
    expect(await levels(plenty, short)).toEqual([
      [10, 0],
      [1, 0],
    ]);
    expect(await findReservation(db, reference)).toBeNull();

    // Nothing of the failed call remains: the same reference can reserve what there is.
    const retry = await reserve(identity, reference, [{ skuId: plenty, quantity: 5 }]);
    expect(retry.errors).toBeUndefined();
    expect(await levels(plenty, short)).toEqual([
      [5, 5],
      [1, 0],
    ]);
  });

  test('a SKU with no stock record is OUT_OF_STOCK with nothing available', async ({ identity }) => {
    const skuId = newId();
    const result = await reserve(identity, newId(), [{ skuId, quantity: 1 }]);
    expect(errorCodes(result)).toEqual(['OUT_OF_STOCK']);
    expect(result.errors![0]!.extensions).toMatchObject({ skuId, requested: 1, available: 0 });
  });

  test('the same reference twice takes the stock once and returns the first reservation', async ({
    stocked,
    identity,
  }) => {
    const [a, b] = await stocked(10, 10);
    const reference = newId();
    const first = await reserve(identity, reference, [{ skuId: a!, quantity: 4 }]);
    const again = await reserve(identity, reference, [{ skuId: a!, quantity: 4 }]);
    const different = await reserve(identity, reference, [{ skuId: b!, quantity: 1 }]);
    expect(again.data).toEqual(first.data);
    expect(different.data).toEqual(first.data);
    expect(await levels(a!, b!)).toEqual([
      [6, 4],
      [10, 0],
    ]);
  });

  test('bad input is BAD_USER_INPUT and takes nothing', async ({ stocked, identity }) => {
    const [a] = await stocked(5000);
    const cases: [string, Lines][] = [
      [newId(), []],
      [newId(), [{ skuId: a!, quantity: 0 }]],
      [newId(), [{ skuId: a!, quantity: -1 }]],
      [newId(), [{ skuId: a!, quantity: 1000 }]],
      [
        newId(),
        [
          { skuId: a!, quantity: 500 },
          { skuId: a!, quantity: 500 },
        ],
      ],
      [newId(), [{ skuId: 'sku-1', quantity: 1 }]],
      ['order-1', [{ skuId: a!, quantity: 1 }]],
      [newId(), Array.from({ length: 101 }, () => ({ skuId: newId(), quantity: 1 }))],
    ];
    for (const [reference, lines] of cases) {
      expect(errorCodes(await reserve(identity, reference, lines))).toEqual(['BAD_USER_INPUT']);
    }
    expect(await levels(a!)).toEqual([[5000, 0]]);
  });
});

describe('releasing and committing', () => {
  const reserved = async (identity: Identity, lines: Lines) => {
    const reference = newId();
    const result = await reserve(identity, reference, lines);
    expect(result.errors).toBeUndefined();
    return reference;
  };

  test('releasing gives the units back; releasing again changes nothing', async ({ stocked, identity }) => {
    const [a, b] = await stocked(5, 5);
    const reference = await reserved(identity, [
      { skuId: a!, quantity: 2 },
      { skuId: b!, quantity: 5 },
    ]);
    const released = await release(identity, reference);
    expect(released.errors).toBeUndefined();
    expect(released.data!.releaseReservation).toMatchObject({ reference, status: 'RELEASED' });
    expect(released.data!.releaseReservation!.lines).toHaveLength(2);
    expect(await levels(a!, b!)).toEqual([
      [5, 0],
      [5, 0],
    ]);

    const again = await release(identity, reference);
    expect(again.data).toEqual(released.data);
    expect(await levels(a!, b!)).toEqual([
      [5, 0],
      [5, 0],
    ]);
  });

  test('committing lets the reserved units go; committing again changes nothing', async ({
    stocked,
    identity,
  }) => {
    const [a] = await stocked(5);
    const reference = await reserved(identity, [{ skuId: a!, quantity: 3 }]);
    const committed = await commit(identity, reference);
    expect(committed.errors).toBeUndefined();
    expect(committed.data!.commitReservation).toEqual({
      reference,
      status: 'COMMITTED',
      lines: [{ skuId: a, quantity: 3 }],
    });
    expect(await levels(a!)).toEqual([[2, 0]]);
    expect((await commit(identity, reference)).data).toEqual(committed.data);
    expect(await levels(a!)).toEqual([[2, 0]]);
  });

  test('committing a released reservation, or releasing a committed one, is a CONFLICT', async ({
    stocked,
    identity,
  }) => {
    const [a] = await stocked(5);
    const released = await reserved(identity, [{ skuId: a!, quantity: 1 }]);
    const committed = await reserved(identity, [{ skuId: a!, quantity: 1 }]);
    await release(identity, released);
    await commit(identity, committed);
    expect(errorCodes(await commit(identity, released))).toEqual(['CONFLICT']);
    expect(errorCodes(await release(identity, committed))).toEqual(['CONFLICT']);
    expect(await levels(a!)).toEqual([[4, 0]]);
  });

  test('an unknown reference is null', async ({ identity }) => {
    expect((await release(identity, newId())).data).toEqual({ releaseReservation: null });
    expect((await commit(identity, newId())).data).toEqual({ commitReservation: null });
    expect((await commit(identity, 'not-an-id')).data).toEqual({ commitReservation: null });
  });
});

describe(`concurrency (${usesRealPostgres() ? 'PostgreSQL' : 'PGlite, which runs one transaction at a time'})`, () => {
  test('30 buyers racing for 3 units: exactly 3 get one, the rest are OUT_OF_STOCK', async ({ stocked }) => {
    const [skuId] = await stocked(3);
    const results = await Promise.all(
      Array.from({ length: 30 }, () => reserve(fromOrders(), newId(), [{ skuId: skuId!, quantity: 1 }])),
    );
    const codes = results.map((r) => errorCodes(r)[0] ?? 'RESERVED');
    expect(codes.filter((c) => c === 'RESERVED')).toHaveLength(3);
    expect(codes.filter((c) => c === 'OUT_OF_STOCK')).toHaveLength(27);
    expect(await levels(skuId!)).toEqual([[0, 3]]);
  });

  test('the same reference sent 10 times at once takes the stock once', async ({ stocked, identity }) => {
    const [skuId] = await stocked(100);
    const reference = newId();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => reserve(identity, reference, [{ skuId: skuId!, quantity: 7 }])),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(await levels(skuId!)).toEqual([[93, 7]]);
  });

  test('reservations naming the same SKUs in opposite orders never deadlock', async ({ stocked }) => {
    const [a, b, c] = await stocked(100, 100, 100);
    const orders = [
      [a!, b!, c!],
      [c!, b!, a!],
      [b!, a!, c!],
    ];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        reserve(
          fromOrders(),
          newId(),
          orders[i % 3]!.map((skuId) => ({ skuId, quantity: 2 })),
        ),
      ),
    );
    expect(results.flatMap((r) => errorCodes(r))).toEqual([]);
    expect(await levels(a!, b!, c!)).toEqual([
      [40, 60],
      [40, 60],
      [40, 60],
    ]);
  });

  test('releases and commits racing reserves keep every unit counted once', async ({ stocked }) => {
    const [a, b] = await stocked(50, 50);
    const first = await Promise.all(
      Array.from({ length: 10 }, async () => {
        const reference = newId();
        await reserve(fromOrders(), reference, [
          { skuId: a!, quantity: 2 },
          { skuId: b!, quantity: 1 },
        ]);
        return reference;
      }),
    );
    // Each earlier reservation is released or committed twice over, while 10 more reserve.
    await Promise.all([
      ...first.flatMap((reference, i): Promise<unknown>[] =>
        i % 2 === 0
          ? [release(fromOrders(), reference), release(fromOrders(), reference)]
          : [commit(fromOrders(), reference), commit(fromOrders(), reference)],
      ),
      ...Array.from({ length: 10 }, () =>
        reserve(fromOrders(), newId(), [
          { skuId: b!, quantity: 1 },
          { skuId: a!, quantity: 1 },
        ]),
      ),
    ]);
    // a: 50 - 5 committed × 2 = 40 on hand, 10 reserved by the newer ones; b likewise with 1 each.
    expect(await levels(a!, b!)).toEqual([
      [30, 10],
      [35, 10],
    ]);
  });
});

describe('over HTTP', () => {
  test("the internal mutations answer only the orders center's own signed requests", async ({
    stocked,
    identity,
  }) => {
    const [skuId] = await stocked(5);
    const url = `${await center.listen(0)}/graphql`;
    const operation = () => ({
      query: RESERVE,
      variables: { input: { reference: newId(), lines: [{ skuId, quantity: 1 }] } },
    });
    try {
      const unsigned = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(operation()),
      });
      expect(unsigned.status).toBe(401);
      // The router for a signed-in buyer or for no one, and another center's key: all FORBIDDEN.
      for (const [caller, as] of [
        ['router', identity],
        ['router', ANONYMOUS],
        ['fresh', identity],
        ['payments', identity],
      ] as const) {
        const refused = await postSigned(url, 'inventory', operation(), as, caller);
        expect(errorCodes(refused.body)).toEqual(['FORBIDDEN']);
      }
      expect(await levels(skuId!)).toEqual([[5, 0]]);

      const signed = await postSigned(url, 'inventory', operation(), identity, 'orders');
      expect((signed.body.data as { reserveStock: Reservation }).reserveStock.status).toBe('RESERVED');
      expect(await levels(skuId!)).toEqual([[4, 1]]);
    } finally {
      center.httpServer.close();
    }
  });

  test('in process, a buyer or anonymous identity that is no service is FORBIDDEN', async ({
    stocked,
    identity,
  }) => {
    const [skuId] = await stocked(5);
    const reference = newId();
    const { service: _orders, ...user } = identity;
    for (const as of [user, ANONYMOUS]) {
      expect(errorCodes(await reserve(as, reference, [{ skuId: skuId!, quantity: 5 }]))).toEqual([
        'FORBIDDEN',
      ]);
      expect(errorCodes(await release(as, reference))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await commit(as, reference))).toEqual(['FORBIDDEN']);
    }
    expect(await levels(skuId!)).toEqual([[5, 0]]);
  });
});
