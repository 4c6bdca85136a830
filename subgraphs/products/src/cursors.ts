import { decodeCursor, encodeCursor, isId } from '@zhongtai/subgraph-kit';
import type { ProductCursor } from './repositories/products.ts';

/**
 * Product cursors are the sort key of the row they point at: `[id]` for newest first, and
 * `[rank, id]` for search results. A cursor of the other kind, or a forged one, is BAD_USER_INPUT.
 */
export function readProductCursor(after: string, searching: boolean): ProductCursor {
  return decodeCursor(after, (key) => {
    if (searching) {
      const [rank, id] = key;
      return key.length === 2 && typeof rank === 'number' && Number.isFinite(rank) && isIdString(id)
        ? { rank, id }
        : null;
    }
    const [id] = key;
    return key.length === 1 && isIdString(id) ? { id } : null;
  });
}

export function productCursor(row: { id: string; rank?: number | null }, searching: boolean): string {
  return encodeCursor(searching ? [row.rank ?? 0, row.id] : [row.id]);
}

const isIdString = (value: unknown): value is string => typeof value === 'string' && isId(value);
