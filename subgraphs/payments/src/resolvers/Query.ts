import { orNull } from '@zhongtai/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers.ts';
import { visibleTo } from './visibility.ts';

export const Query: QueryResolvers = {
  payment: async (_root, { id }, { identity, loaders }) =>
    visibleTo(await orNull(loaders.paymentById.load(id)), identity),
};
