import type { BaseCenterContext } from '@zhongtai/subgraph-kit';
import type { ProductsSchema } from './db/index.ts';
import type { ProductsLoaders } from './loaders.ts';

export interface ProductsContext extends BaseCenterContext<ProductsSchema> {
  loaders: ProductsLoaders;
}
