import { orNull } from '@zhongtai/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers.ts';

export const Query: QueryResolvers = {
  me: (_root, _args, { identity, loaders }) =>
    identity.userId ? orNull(loaders.userById.load(identity.userId)) : null,
  user: (_root, { id }, { loaders }) => orNull(loaders.userById.load(id)),
};
