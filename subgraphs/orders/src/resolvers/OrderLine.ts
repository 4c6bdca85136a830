import type { OrderLineResolvers } from '../__generated__/resolvers.ts';

export const OrderLine: OrderLineResolvers = {
  // Keys only: the router asks the Product Center for the SKU's and the product's current fields.
  sku: (line) => ({ __typename: 'Sku', id: line.skuId }),
  product: (line) => ({ __typename: 'Product', id: line.productId }),
  unitPrice: (line) => ({ amount: line.unitPriceAmount, currency: line.currency }),
};
