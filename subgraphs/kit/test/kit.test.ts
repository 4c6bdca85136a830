import { describe, expect, test } from 'vitest';
import { MissingKeyError, orNull } from '../src/errors.ts';
import { isId, newId } from '../src/ids.ts';
import { textProblem } from '../src/input.ts';
import { groupedLoader, keyedLoader } from '../src/loaders.ts';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../src/pagination.ts';
import { createRandom } from '../src/random.ts';
import { DateTime, isStorableDate } from '../src/scalars.ts';

describe('loaders', () => {
  test('a keyed loader answers in key order with an error for a missing key, in one batch', async () => {
    const batches: (readonly string[])[] = [];
    const loader = keyedLoader(
      'Thing',
      async (keys: readonly string[]) => {
        batches.push(keys);
        return keys
          .filter((k) => k !== 'missing')
          .reverse()
          .map((id) => ({ id }));
      },
      (row) => row.id,
    );
    const [a, missing, b] = await Promise.allSettled([
      loader.load('a'),
      loader.load('missing'),
      loader.load('b'),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: { id: 'a' } });
    expect(b).toEqual({ status: 'fulfilled', value: { id: 'b' } });
    expect(missing.status === 'rejected' && missing.reason).toBeInstanceOf(MissingKeyError);
    expect(batches).toEqual([['a', 'missing', 'b']]);
    expect(await orNull(loader.load('missing'))).toBeNull();
  });

  test('a grouped loader gives each parent its rows and [] when it has none', async () => {
    const loader = groupedLoader(
      async () => [
        { parent: 'p1', n: 1 },
        { parent: 'p2', n: 2 },
        { parent: 'p1', n: 3 },
      ],
      (row) => row.parent,
    );
    expect(await loader.loadMany(['p1', 'p2', 'p3'])).toEqual([
      [
        { parent: 'p1', n: 1 },
        { parent: 'p1', n: 3 },
      ],
      [{ parent: 'p2', n: 2 }],
      [],
    ]);
  });
});

describe('pagination', () => {
  test('page sizes over 100 or below 0 are BAD_USER_INPUT, absent means 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    for (const bad of [101, -1, 2.5]) {
      expect(() => pageSize(bad)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'first' } }),
      );
    }
  });

  test('a cursor round-trips and a foreign one is BAD_USER_INPUT', () => {
    const readId = (key: unknown[]) => (key.length === 1 && typeof key[0] === 'string' ? key[0] : null);
    expect(decodeCursor(encodeCursor(['abc']), readId)).toBe('abc');
    for (const bad of ['garbage!', encodeCursor([1]), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad, readId)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }),
      );
    }
  });

  test('a connection built from first + 1 rows reports the next page and the end cursor', () => {
    const connection = toConnection(
      [1, 2, 3],
      2,
      (n) => `c${n}`,
      async () => 3,
    );
    expect(connection.edges.map((e) => e.node)).toEqual([1, 2]);
    expect(connection.pageInfo).toEqual({ hasNextPage: true, endCursor: 'c2' });
    expect(
      toConnection(
        [1],
        2,
        (n) => `c${n}`,
        async () => 1,
      ).pageInfo,
    ).toEqual({ hasNextPage: false, endCursor: 'c1' });
  });
});

describe('ids and randomness', () => {
  test('ids are UUIDv7 and sort by creation time', () => {
    const earlier = newId(1_700_000_000_000);
    const later = newId(1_700_000_000_001);
    expect(isId(earlier)).toBe(true);
    expect(earlier[14]).toBe('7');
    expect(earlier < later).toBe(true);
    expect(isId("1' or 1=1")).toBe(false);
  });

  test('the same seed gives the same sequence', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(Array.from({ length: 5 }, () => a.int(0, 1000))).toEqual(
      Array.from({ length: 5 }, () => b.int(0, 1000)),
    );
  });
});

describe('input checks', () => {
  test('DateTime takes years 1 to 9999 and refuses the rest as BAD_USER_INPUT', () => {
    expect(DateTime.parseValue('0001-01-01T00:00:00Z')).toEqual(new Date('0001-01-01T00:00:00Z'));
    expect(DateTime.parseValue('9999-12-31T23:59:59Z')).toEqual(new Date('9999-12-31T23:59:59Z'));
    for (const bad of [
      '0000-01-01T00:00:00Z',
      '+275760-09-13T00:00:00.000Z',
      '2026-02-30T25:00:00Z',
      'soon',
      7,
    ]) {
      expect(() => DateTime.parseValue(bad)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }),
      );
    }
    // A time zone can carry a date past the range in UTC.
    expect(isStorableDate(new Date('9999-12-31T23:00:00-02:00'))).toBe(false);
    expect(isStorableDate(new Date(8.64e15))).toBe(false);
  });

  test('strings with a NUL byte or a lone UTF-16 surrogate are refused; whole pairs are fine', () => {
    expect(textProblem('上海市 😀')).toBeNull();
    expect(textProblem('a\u0000b')).toBe('contains a NUL byte');
    expect(textProblem('a\ud800')).toBe('contains a lone UTF-16 surrogate');
    expect(textProblem('\udc00b')).toBe('contains a lone UTF-16 surrogate');
  });
});
