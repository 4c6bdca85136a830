import type { CartLineResolvers } from '../__generated__/resolvers.ts';

export const CartLine: CartLineResolvers = {
  // Only the key: the router asks the Product Center for the SKU's price, product and so on.
  sku: (line) => ({ __typename: 'Sku', id: line.skuId }),
};
