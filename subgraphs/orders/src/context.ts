import type { BaseCenterContext } from '@zhongtai/subgraph-kit';
import type { CenterClients } from './centers.ts';
import type { OrdersSchema } from './db/index.ts';
import type { OrdersLoaders } from './loaders.ts';

export interface OrdersContext extends BaseCenterContext<OrdersSchema> {
  loaders: OrdersLoaders;
  /** Clients for the centers this one calls directly. */
  centers: CenterClients;
  settings: OrdersSettings;
}

export interface OrdersSettings {
  /** How long a placed order waits for its payment. */
  orderTtlSeconds: number;
}
