import { badUserInput } from './errors.ts';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Validates `first`: absent means the default page size, negative or over 100 is a client error. */
export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${first}.`, 'first');
  }
  return first;
}

/** Cursors are base64url JSON arrays of the sort key: opaque to clients, checked on the way back in. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** Decodes a cursor and hands its key to `read`, which returns null when the key is not of the expected shape. */
export function decodeCursor<T>(cursor: string, read: (key: unknown[]) => T | null): T {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const value = Array.isArray(key) ? read(key) : null;
  if (value === null) throw badUserInput('"after" is not a cursor this API issued.', 'after');
  return value;
}

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: () => Promise<number>;
}

/**
 * Builds a Relay connection from rows fetched with `limit = first + 1`: the extra row only tells
 * whether there is a next page. `totalCount` runs its query only when a client asks for it.
 */
export function toConnection<N>(
  rows: readonly N[],
  first: number,
  cursorOf: (row: N) => string,
  totalCount: () => Promise<number>,
): Connection<N> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
