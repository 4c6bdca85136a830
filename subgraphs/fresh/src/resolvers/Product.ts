import type { ProductResolvers } from '../__generated__/resolvers.ts';

// A product stub: the Product Center owns products, so there is no __resolveReference here; the
// reference itself ({ __typename, id }) is the parent of `freshStock`.
export const Product: ProductResolvers = {
  freshStock: (product, { storeId }, { loaders }) => loaders.stockByProduct(storeId ?? null).load(product.id),
};
