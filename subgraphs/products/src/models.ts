import type { Connection } from '@zhongtai/subgraph-kit';
import type { ProductRow } from './db/schema.ts';

/** A user as this center knows them: only the key; the router fetches the rest from the User Center. */
export interface UserRef {
  __typename?: 'User';
  id: string;
}

export type ProductConnectionModel = Connection<ProductRow>;
export type ProductEdgeModel = ProductConnectionModel['edges'][number];
