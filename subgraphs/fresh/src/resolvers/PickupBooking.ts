import { orNull } from '@zhongtai/subgraph-kit';
import type { PickupBookingResolvers } from '../__generated__/resolvers.ts';

export const PickupBooking: PickupBookingResolvers = {
  // A booking is its buyer's business: anyone else's reference resolves to null.
  __resolveReference: async (reference, { identity, loaders }) => {
    if (!identity.userId) return null;
    const booking = await orNull(loaders.bookingById.load(reference.id));
    return booking?.buyerId === identity.userId ? booking : null;
  },
  slot: (booking, _args, { loaders }) => loaders.slotById.load(booking.slotId),
  store: (booking, _args, { loaders }) => loaders.storeById.load(booking.storeId),
  // Only the key: the router asks the Transaction Center for the order's fields.
  order: (booking) => (booking.orderId ? { __typename: 'Order', id: booking.orderId } : null),
};
