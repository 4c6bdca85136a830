import { decodeCursor, encodeCursor, isId, isStorableDate } from '@zhongtai/subgraph-kit';
import type { FreshStockRow, PickupSlotRow, StoreRow } from './db/schema.ts';

// Cursors are the sort key of the row they point at, checked on the way back in: a forged one is
// BAD_USER_INPUT.

/** Stores are listed by name, ids breaking ties: `[name, id]`. */
export interface StoreCursor {
  name: string;
  id: string;
}

export const storeCursor = (row: StoreRow): string => encodeCursor([row.name, row.id]);

export function readStoreCursor(after: string): StoreCursor {
  return decodeCursor(after, ([name, id, ...rest]) =>
    rest.length === 0 && typeof name === 'string' && typeof id === 'string' && isId(id) ? { name, id } : null,
  );
}

/** Slots are listed soonest first, ids breaking ties: `[startsAt ISO, id]`. */
export interface SlotCursor {
  startsAt: Date;
  id: string;
}

export const slotCursor = (row: PickupSlotRow): string => encodeCursor([row.startsAt.toISOString(), row.id]);

export function readSlotCursor(after: string): SlotCursor {
  return decodeCursor(after, ([startsAt, id, ...rest]) => {
    if (rest.length > 0 || typeof startsAt !== 'string' || typeof id !== 'string' || !isId(id)) return null;
    const time = new Date(startsAt);
    return isStorableDate(time) ? { startsAt: time, id } : null;
  });
}

/** A store's stock is listed by SKU id: `[skuId]`. */
export const stockCursor = (row: FreshStockRow): string => encodeCursor([row.skuId]);

export function readStockCursor(after: string): string {
  return decodeCursor(after, ([skuId, ...rest]) =>
    rest.length === 0 && typeof skuId === 'string' && isId(skuId) ? skuId : null,
  );
}
