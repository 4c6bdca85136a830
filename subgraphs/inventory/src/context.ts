import type { BaseCenterContext } from '@zhongtai/subgraph-kit';
import type { InventorySchema } from './db/index.ts';
import type { InventoryLoaders } from './loaders.ts';

export interface InventoryContext extends BaseCenterContext<InventorySchema> {
  loaders: InventoryLoaders;
}
