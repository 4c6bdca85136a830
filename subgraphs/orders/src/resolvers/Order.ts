import { orNull } from '@zhongtai/subgraph-kit';
import type { OrderResolvers } from '../__generated__/resolvers.ts';

export const Order: OrderResolvers = {
  // Only the buyer sees an order; for anyone else it does not exist (null, not an error).
  __resolveReference: async (reference, { identity, loaders }) => {
    if (!identity.userId) return null;
    const order = await orNull(loaders.orderById.load(reference.id));
    return order?.buyerId === identity.userId ? order : null;
  },
  // Only the key: the router asks the User Center for the buyer's other fields.
  buyer: (order) => ({ __typename: 'User', id: order.buyerId }),
  lines: (order, _args, { loaders }) => loaders.linesByOrderId.load(order.id),
  total: (order) => ({ amount: order.totalAmount, currency: order.currency }),
  expiresAt: (order) => (order.status === 'PENDING_PAYMENT' ? order.expiresAt : null),
};
