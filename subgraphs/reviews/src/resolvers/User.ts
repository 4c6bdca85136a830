import { pageSize, toConnection } from '@zhongtai/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers.ts';
import { readReviewCursor, reviewCursor } from '../cursors.ts';

// A user stub: the User Center owns users, so there is no __resolveReference here; the reference
// itself ({ __typename, id }) is the parent of `reviews`.
export const User: UserResolvers = {
  reviews: async (user, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const afterId = after ? readReviewCursor(after) : null;
    const rows = await loaders.reviewsByAuthor({ limit: size + 1, afterId }).load(user.id);
    return toConnection(rows, size, reviewCursor, () => loaders.reviewCountByAuthor.load(user.id));
  },
};
