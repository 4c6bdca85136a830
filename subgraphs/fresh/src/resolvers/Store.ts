import { badUserInput, orNull, pageSize, toConnection } from '@zhongtai/subgraph-kit';
import type { StoreResolvers } from '../__generated__/resolvers.ts';
import { readSlotCursor, readStockCursor, slotCursor, stockCursor } from '../cursors.ts';

const NO_COUNT = () => Promise.resolve(0);

export const Store: StoreResolvers = {
  __resolveReference: (reference, { loaders }) => orNull(loaders.storeById.load(reference.id)),
  pickupSlots: async (store, { first, after, before, onlyAvailable }, { loaders }) => {
    const size = pageSize(first);
    const beforeTime = before ? new Date(before) : null;
    if (beforeTime && Number.isNaN(beforeTime.getTime()))
      throw badUserInput('"before" is not a time.', 'before');
    const rows = await loaders
      .slotsByStore({
        limit: size + 1,
        after: after ? readSlotCursor(after) : null,
        before: beforeTime,
        onlyAvailable: onlyAvailable === true,
      })
      .load(store.id);
    // The connection has no totalCount in the schema; the model's is never asked for.
    return toConnection(rows, size, slotCursor, NO_COUNT);
  },
  freshStock: async (store, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const afterSkuId = after ? readStockCursor(after) : null;
    const rows = await loaders.stockByStore({ limit: size + 1, afterSkuId }).load(store.id);
    return toConnection(rows, size, stockCursor, () => loaders.stockCountByStore.load(store.id));
  },
};
