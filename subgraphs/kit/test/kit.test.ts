import { describe, expect, test } from 'vitest';
import { MissingKeyError, orNull } from '../src/errors.ts';
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  SIGNATURE_HEADER,
  signIdentity,
  verifyIdentity,
} from '../src/identity.ts';
import { isId, newId } from '../src/ids.ts';
import { groupedLoader, keyedLoader } from '../src/loaders.ts';
import { decodeCursor, encodeCursor, pageSize, toConnection } from '../src/pagination.ts';
import { createRandom } from '../src/random.ts';

const SECRET = 'a-test-secret-of-some-length';
const headersOf = (record: Record<string, string>) => ({ get: (name: string) => record[name] });

describe('signed identity', () => {
  test('a signed identity verifies and round-trips user and scopes', () => {
    const headers = signIdentity({ userId: 'u1', scopes: ['orders:read'] }, SECRET);
    expect(verifyIdentity(headersOf(headers), SECRET)).toEqual({
      ok: true,
      identity: { userId: 'u1', scopes: ['orders:read'] },
    });
  });

  test('a tampered identity, a wrong secret and missing headers are all refused', () => {
    const headers = signIdentity({ userId: 'u1', scopes: [] }, SECRET);
    const forged = signIdentity({ userId: 'someone-else', scopes: [] }, SECRET);
    const tampered = { ...headers, [IDENTITY_HEADER]: forged[IDENTITY_HEADER]! };
    expect(verifyIdentity(headersOf(tampered), SECRET).ok).toBe(false);
    expect(verifyIdentity(headersOf(headers), 'another-secret-entirely').ok).toBe(false);
    expect(verifyIdentity(headersOf({}), SECRET).ok).toBe(false);
    expect(verifyIdentity(headersOf({ [IDENTITY_HEADER]: 'x', [SIGNATURE_HEADER]: 'y' }), SECRET).ok).toBe(
      false,
    );
  });

  test('an identity signed more than five minutes ago is refused as a replay', () => {
    const sixMinutesAgo = Date.now() - 6 * 60 * 1000;
    const headers = signIdentity(ANONYMOUS, SECRET, sixMinutesAgo);
    expect(verifyIdentity(headersOf(headers), SECRET)).toEqual({ ok: false, reason: 'expired identity' });
  });
});

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
