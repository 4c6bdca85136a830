import type { MutationResolvers } from '../__generated__/resolvers.ts';
import { payOrder } from '../pay.ts';

export const Mutation: MutationResolvers = {
  payOrder: (_root, args, context) => payOrder(context, args),
};
