import type { Connection } from '@zhongtai/subgraph-kit';
import type { FreshStockRow, PickupSlotRow, StoreRow } from './db/schema.ts';

/** A product as Fresh knows it: only the key; the router fetches the rest from the Product Center. */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
}

/** A SKU as Fresh knows it: only the key; the router fetches the rest from the Product Center. */
export interface SkuRef {
  __typename?: 'Sku';
  id: string;
}

/** An order as Fresh knows it: only the key; the router fetches the rest from the Transaction Center. */
export interface OrderRef {
  __typename?: 'Order';
  id: string;
}

export type StoreConnectionModel = Connection<StoreRow>;
export type StoreEdgeModel = StoreConnectionModel['edges'][number];
export type PickupSlotConnectionModel = Connection<PickupSlotRow>;
export type PickupSlotEdgeModel = PickupSlotConnectionModel['edges'][number];
export type FreshStockConnectionModel = Connection<FreshStockRow>;
export type FreshStockEdgeModel = FreshStockConnectionModel['edges'][number];
