import type { BaseCenterContext, CenterClient } from '@zhongtai/subgraph-kit';
import type { FreshSchema } from './db/index.ts';
import type { FreshLoaders } from './loaders.ts';

export interface FreshContext extends BaseCenterContext<FreshSchema> {
  loaders: FreshLoaders;
  /** The Transaction Center, asked whether an order is the buyer's before a pickup is booked for it. */
  orders: CenterClient;
}
