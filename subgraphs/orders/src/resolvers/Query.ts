import { orNull, unauthenticated } from '@zhongtai/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers.ts';

export const Query: QueryResolvers = {
  // Another buyer's order reads as null, exactly like one that does not exist.
  order: async (_root, { id }, { identity, loaders }) => {
    if (!identity.userId) throw unauthenticated();
    const order = await orNull(loaders.orderById.load(id));
    return order?.buyerId === identity.userId ? order : null;
  },
};
