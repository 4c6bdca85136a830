import { orNull } from '@zhongtai/subgraph-kit';
import type { OrderResolvers } from '../__generated__/resolvers.ts';
import { visibleTo } from './visibility.ts';

// An order stub: the Transaction Center owns orders, so there is no __resolveReference here; the
// reference itself ({ __typename, id }) is the parent of `payment`.
export const Order: OrderResolvers = {
  payment: async (order, _args, { identity, loaders }) =>
    visibleTo(await orNull(loaders.paymentByOrderId.load(order.id)), identity),
};
