import { orNull } from '@zhongtai/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers.ts';

export const Query: QueryResolvers = {
  review: (_root, { id }, { loaders }) => orNull(loaders.reviewById.load(id)),
};
