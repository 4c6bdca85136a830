import { orNull, pageSize, toConnection } from '@zhongtai/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers.ts';
import { readStoreCursor, storeCursor } from '../cursors.ts';
import { countStores, findStorePage } from '../repositories/stores.ts';

export const Query: QueryResolvers = {
  store: (_root, { id }, { loaders }) => orNull(loaders.storeById.load(id)),
  stores: async (_root, { city, first, after }, { db }) => {
    const size = pageSize(first);
    const cityFilter = city?.trim() || null;
    const rows = await findStorePage(db, {
      city: cityFilter,
      limit: size + 1,
      after: after ? readStoreCursor(after) : null,
    });
    return toConnection(rows, size, storeCursor, () => countStores(db, cityFilter));
  },
  pickupSlot: (_root, { id }, { loaders }) => orNull(loaders.slotById.load(id)),
  pickupBooking: async (_root, { id }, { identity, loaders }) => {
    if (!identity.userId) return null;
    const booking = await orNull(loaders.bookingById.load(id));
    return booking?.buyerId === identity.userId ? booking : null;
  },
};
