import { pageSize, toConnection } from '@zhongtai/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers.ts';
import { productCursor, readProductCursor } from '../cursors.ts';

// A user stub: the User Center owns users, so there is no __resolveReference here; the reference
// itself ({ __typename, id }) is the parent of `products`.
export const User: UserResolvers = {
  products: async (user, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const afterId = after ? readProductCursor(after, false).id : null;
    // Every user in the request asking for the same page size and cursor shares one statement.
    const rows = await loaders.productsBySeller({ limit: size + 1, afterId }).load(user.id);
    return toConnection(
      rows,
      size,
      (row) => productCursor(row, false),
      () => loaders.productCountBySeller.load(user.id),
    );
  },
};
