import { orNull } from '@zhongtai/subgraph-kit';
import type { PickupSlotResolvers } from '../__generated__/resolvers.ts';

export const PickupSlot: PickupSlotResolvers = {
  __resolveReference: (reference, { loaders }) => orNull(loaders.slotById.load(reference.id)),
  store: (slot, _args, { loaders }) => loaders.storeById.load(slot.storeId),
  remaining: (slot) => Math.max(0, slot.capacity - slot.booked),
  available: (slot) => slot.booked < slot.capacity && slot.startsAt.getTime() > Date.now(),
};
