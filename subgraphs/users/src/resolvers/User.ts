import { orNull } from '@zhongtai/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers.ts';

const isSelf = (userId: string, viewer: string | null) => viewer !== null && viewer === userId;

export const User: UserResolvers = {
  __resolveReference: (reference, { loaders }) => orNull(loaders.userById.load(reference.id)),
  email: (user, _args, { identity }) => (isSelf(user.id, identity.userId) ? user.email : null),
  addresses: (user, _args, { identity, loaders }) =>
    isSelf(user.id, identity.userId) ? loaders.addressesByUserId.load(user.id) : null,
};
