import type { OrderResolvers } from '../__generated__/resolvers.ts';

// An order stub: the Transaction Center owns orders. Its pickup is shown to the buyer only, as the
// order itself is.
export const Order: OrderResolvers = {
  pickup: async (order, _args, { identity, loaders }) => {
    if (!identity.userId) return null;
    const booking = await loaders.activeBookingByOrderId.load(order.id);
    return booking?.buyerId === identity.userId ? booking : null;
  },
};
