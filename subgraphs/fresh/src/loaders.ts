import { type Database, groupedLoader, keyedLoader } from '@zhongtai/subgraph-kit';
import DataLoader from 'dataloader';
import type { FreshSchema } from './db/index.ts';
import type { FreshStockRow, PickupBookingRow, PickupSlotRow } from './db/schema.ts';
import { findActiveBookingsByOrders, findBookingsByIds } from './repositories/bookings.ts';
import { findSlotPages, findSlotsByIds, type SlotPage } from './repositories/slots.ts';
import {
  countStockByStores,
  findStockOfProducts,
  findStockOfSkus,
  findStockPages,
} from './repositories/stock.ts';
import { findStoresByIds } from './repositories/stores.ts';

/**
 * Loaders made per call: lists with arguments batch together per distinct arguments, so every
 * parent in a request asking for the same page shares one statement.
 */
function memo<A, L>(make: (args: A) => L, keyOf: (args: A) => string): (args: A) => L {
  const made = new Map<string, L>();
  return (args) => {
    const key = keyOf(args);
    let loader = made.get(key);
    if (!loader) {
      loader = make(args);
      made.set(key, loader);
    }
    return loader;
  };
}

/** Per-request loaders: every entity lookup and list in one request batches into one statement. */
export function createLoaders(db: Database<FreshSchema>) {
  return {
    storeById: keyedLoader(
      'Store',
      (ids: readonly string[]) => findStoresByIds(db, ids),
      (row) => row.id,
    ),
    slotById: keyedLoader(
      'PickupSlot',
      (ids: readonly string[]) => findSlotsByIds(db, ids),
      (row) => row.id,
    ),
    bookingById: keyedLoader(
      'PickupBooking',
      (ids: readonly string[]) => findBookingsByIds(db, ids),
      (row) => row.id,
    ),
    /** An order's active booking, or undefined when it has none. */
    activeBookingByOrderId: new DataLoader<string, PickupBookingRow | undefined>(async (orderIds) => {
      const rows = new Map((await findActiveBookingsByOrders(db, orderIds)).map((row) => [row.orderId, row]));
      return orderIds.map((id) => rows.get(id));
    }),
    slotsByStore: memo(
      (page: SlotPage): DataLoader<string, PickupSlotRow[]> =>
        groupedLoader(
          (storeIds: readonly string[]) => findSlotPages(db, storeIds, page),
          (row) => row.storeId,
        ),
      (page) =>
        [
          page.limit,
          page.after?.startsAt.toISOString(),
          page.after?.id,
          page.before?.toISOString(),
          page.onlyAvailable,
        ].join(':'),
    ),
    stockByStore: memo(
      (page: { limit: number; afterSkuId: string | null }): DataLoader<string, FreshStockRow[]> =>
        groupedLoader(
          (storeIds: readonly string[]) => findStockPages(db, storeIds, page),
          (row) => row.storeId,
        ),
      (page) => `${page.limit}:${page.afterSkuId ?? ''}`,
    ),
    stockCountByStore: new DataLoader<string, number>(async (storeIds) => {
      const counts = new Map((await countStockByStores(db, storeIds)).map((row) => [row.storeId, row.count]));
      return storeIds.map((id) => counts.get(id) ?? 0);
    }),
    /** Products' stock at every store (`storeId` null) or at one. */
    stockByProduct: memo(
      (storeId: string | null): DataLoader<string, FreshStockRow[]> =>
        groupedLoader(
          (productIds: readonly string[]) => findStockOfProducts(db, productIds, storeId),
          (row) => row.productId,
        ),
      (storeId) => storeId ?? '*',
    ),
    /** SKUs' stock at one store; a SKU the store does not carry loads as undefined. */
    stockBySku: memo(
      (storeId: string): DataLoader<string, FreshStockRow | undefined> =>
        new DataLoader(async (skuIds) => {
          const rows = new Map((await findStockOfSkus(db, storeId, skuIds)).map((row) => [row.skuId, row]));
          return skuIds.map((id) => rows.get(id));
        }),
      (storeId) => storeId,
    ),
  };
}

export type FreshLoaders = ReturnType<typeof createLoaders>;
