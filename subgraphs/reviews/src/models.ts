import type { Connection } from '@zhongtai/subgraph-kit';
import type { ReviewRow } from './db/schema.ts';

/** A product as this center knows it: only the key; the router fetches the rest from the Product Center. */
export interface ProductRef {
  __typename?: 'Product';
  id: string;
}

/** A user as this center knows them: only the key; the router fetches the rest from the User Center. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

/** A product's rating as the API reads it, from its summary row (or zeros when it has no reviews). */
export interface RatingSummaryModel {
  count: number;
  total: number;
  /** Reviews per number of stars: index 0 holds the one-star reviews. */
  stars: readonly [number, number, number, number, number];
}

export type ReviewConnectionModel = Connection<ReviewRow>;
export type ReviewEdgeModel = ReviewConnectionModel['edges'][number];
