import { orNull } from '@zhongtai/subgraph-kit';
import type { PaymentResolvers } from '../__generated__/resolvers.ts';
import { visibleTo } from './visibility.ts';

export const Payment: PaymentResolvers = {
  __resolveReference: async (reference, { identity, loaders }) =>
    visibleTo(await orNull(loaders.paymentById.load(reference.id)), identity),
  // Only the key: the router asks the Transaction Center for the order's other fields.
  order: (payment) => ({ __typename: 'Order', id: payment.orderId }),
  amount: (payment) => ({ amount: payment.amount, currency: payment.currency }),
};
