import { badUserInput } from '@zhongtai/subgraph-kit';
import type { ProductResolvers } from '../__generated__/resolvers.ts';

// Like Sku, a product is the Product Center's: the router hands over its id and SKU ids (@requires).
export const Product: ProductResolvers = {
  // Every product in the request loads its SKUs' stock through one loader: one statement in all.
  inStock: async (product, _args, { loaders }) => {
    if (!Array.isArray(product.skus)) {
      throw badUserInput('Product.inStock needs the product representation to carry skus { id }.', 'skus');
    }
    const levels = await Promise.all(product.skus.map((sku) => loaders.stockOf(sku.id)));
    return levels.some((level) => level.available > 0);
  },
};
