import type { Connection } from '@zhongtai/subgraph-kit';
import type { CartLineRow, OrderRow } from './db/schema.ts';

/** A user as this center knows them: only the key; the router fetches the rest from the User Center. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

/** A review as the router hands it over: its key and, through @requires, its product's and author's keys. */
export interface ReviewRef {
  __typename?: 'Review';
  id: string;
  product?: { id: string } | null;
  author?: { id: string } | null;
}

/** A user's cart: their lines, the first added first. */
export interface CartModel {
  userId: string;
  lines: CartLineRow[];
}

export type OrderConnectionModel = Connection<OrderRow>;
export type OrderEdgeModel = OrderConnectionModel['edges'][number];
