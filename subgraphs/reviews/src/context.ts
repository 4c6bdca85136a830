import type { BaseCenterContext, CenterClient } from '@zhongtai/subgraph-kit';
import type { ReviewsSchema } from './db/index.ts';
import type { ReviewsLoaders } from './loaders.ts';

export interface ReviewsContext extends BaseCenterContext<ReviewsSchema> {
  loaders: ReviewsLoaders;
  /** The Product Center, asked whether a product exists before a review of it is stored. */
  products: CenterClient;
}
