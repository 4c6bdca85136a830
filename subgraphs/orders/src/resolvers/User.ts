import { decodeCursor, encodeCursor, forbidden, isId, pageSize, toConnection } from '@zhongtai/subgraph-kit';
import type { UserResolvers } from '../__generated__/resolvers.ts';

const onlyOwn = (userId: string, viewer: string | null, what: string) => {
  if (viewer !== userId) throw forbidden(`Only the user themself can see their ${what}.`);
};

/** Order cursors are `[id]` of the order they point at: ids are time-ordered, newest is largest. */
const readOrderCursor = (after: string) =>
  decodeCursor(after, (key) => {
    const [id] = key;
    return key.length === 1 && typeof id === 'string' && isId(id) ? id : null;
  });

// A user stub: the User Center owns users, so the reference itself ({ __typename, id }) is the parent.
export const User: UserResolvers = {
  cart: async (user, _args, { identity, loaders }) => {
    onlyOwn(user.id, identity.userId, 'cart');
    return { userId: user.id, lines: await loaders.cartLinesByUserId.load(user.id) };
  },
  orders: async (user, { first, after, status }, { identity, loaders }) => {
    onlyOwn(user.id, identity.userId, 'orders');
    const size = pageSize(first);
    const afterId = after ? readOrderCursor(after) : null;
    // Every user in the request asking for the same page shares one statement.
    const rows = await loaders
      .ordersByBuyer({ limit: size + 1, afterId, status: status ?? null })
      .load(user.id);
    return toConnection(
      rows,
      size,
      (row) => encodeCursor([row.id]),
      () => loaders.orderCountByBuyer(status ?? null).load(user.id),
    );
  },
};
