import type { CartResolvers } from '../__generated__/resolvers.ts';

export const Cart: CartResolvers = {
  totalQuantity: (cart) => cart.lines.reduce((sum, line) => sum + line.quantity, 0),
};
