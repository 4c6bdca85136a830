import { type Database, groupedLoader, keyedLoader } from '@zhongtai/subgraph-kit';
import DataLoader from 'dataloader';
import type { OrdersSchema } from './db/index.ts';
import type { OrderRow, OrderStatus } from './db/schema.ts';
import { findCartLinesByUserIds } from './repositories/carts.ts';
import {
  countOrdersByBuyers,
  findOrderLinesByOrderIds,
  findOrderPagesByBuyers,
  findOrdersByIds,
  findPaidPurchases,
  type OrderPage,
} from './repositories/orders.ts';

/** Per-request loaders: every entity lookup and list in one request batches into one statement. */
export function createLoaders(db: Database<OrdersSchema>) {
  // User.orders takes arguments, so buyers batch together per (first, after, status): one loader each.
  const buyerPages = new Map<string, DataLoader<string, OrderRow[]>>();
  const ordersByBuyer = (page: OrderPage) => {
    const key = `${page.limit}:${page.afterId ?? ''}:${page.status ?? ''}`;
    let loader = buyerPages.get(key);
    if (!loader) {
      loader = groupedLoader(
        (buyerIds: readonly string[]) => findOrderPagesByBuyers(db, buyerIds, page),
        (row) => row.buyerId,
      );
      buyerPages.set(key, loader);
    }
    return loader;
  };

  const buyerCounts = new Map<string, DataLoader<string, number>>();
  const orderCountByBuyer = (status: OrderStatus | null) => {
    const key = status ?? '';
    let loader = buyerCounts.get(key);
    if (!loader) {
      loader = new DataLoader<string, number>(async (buyerIds) => {
        const rows = await countOrdersByBuyers(db, buyerIds, status);
        const counts = new Map(rows.map((row) => [row.buyerId, row.count]));
        return buyerIds.map((id) => counts.get(id) ?? 0);
      });
      buyerCounts.set(key, loader);
    }
    return loader;
  };

  return {
    orderById: keyedLoader(
      'Order',
      (ids: readonly string[]) => findOrdersByIds(db, ids),
      (row) => row.id,
    ),
    linesByOrderId: groupedLoader(
      (ids: readonly string[]) => findOrderLinesByOrderIds(db, ids),
      (row) => row.orderId,
    ),
    ordersByBuyer,
    orderCountByBuyer,
    cartLinesByUserId: groupedLoader(
      (ids: readonly string[]) => findCartLinesByUserIds(db, ids),
      (row) => row.userId,
    ),
    /** Whether a buyer paid for a product: all the reviews of a request in one statement. */
    paidPurchase: new DataLoader<{ buyerId: string; productId: string }, boolean, string>(
      async (pairs) => {
        const found = new Set(
          (await findPaidPurchases(db, pairs)).map((row) => `${row.buyerId}:${row.productId}`),
        );
        return pairs.map((pair) => found.has(`${pair.buyerId}:${pair.productId}`));
      },
      { cacheKeyFn: (pair) => `${pair.buyerId}:${pair.productId}` },
    ),
  };
}

export type OrdersLoaders = ReturnType<typeof createLoaders>;
