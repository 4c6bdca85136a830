import type { FreshStockResolvers } from '../__generated__/resolvers.ts';

export const FreshStock: FreshStockResolvers = {
  store: (stock, _args, { loaders }) => loaders.storeById.load(stock.storeId),
  // Only the keys: the router asks the Product Center for the SKU's and product's fields.
  sku: (stock) => ({ __typename: 'Sku', id: stock.skuId }),
  product: (stock) => ({ __typename: 'Product', id: stock.productId }),
  inStock: (stock) => stock.available > 0,
};
