import { orNull } from '@zhongtai/subgraph-kit';
import type { ProductResolvers } from '../__generated__/resolvers.ts';

export const Product: ProductResolvers = {
  __resolveReference: (reference, { loaders }) =>
    'id' in reference
      ? orNull(loaders.productById.load(reference.id))
      : orNull(loaders.productBySlug.load(reference.slug)),
  category: (product, _args, { loaders }) =>
    product.categoryId ? orNull(loaders.categoryById.load(product.categoryId)) : null,
  // Only the key: the router asks the User Center for the seller's other fields.
  seller: (product) => ({ __typename: 'User', id: product.sellerId }),
  skus: (product, _args, { loaders }) => loaders.skusByProductId.load(product.id),
  // From the same batched SKU rows as `skus`, so asking for both costs no extra statement.
  priceRange: async (product, _args, { loaders }) => {
    const skus = await loaders.skusByProductId.load(product.id);
    const [first, ...rest] = skus;
    if (!first) return null;
    let min = first;
    let max = first;
    for (const sku of rest) {
      if (sku.priceAmount < min.priceAmount) min = sku;
      if (sku.priceAmount > max.priceAmount) max = sku;
    }
    return {
      min: { amount: min.priceAmount, currency: min.currency },
      max: { amount: max.priceAmount, currency: max.currency },
    };
  },
};
