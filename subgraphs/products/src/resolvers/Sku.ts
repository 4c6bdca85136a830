import { orNull } from '@zhongtai/subgraph-kit';
import type { SkuResolvers } from '../__generated__/resolvers.ts';

export const Sku: SkuResolvers = {
  __resolveReference: (reference, { loaders }) => orNull(loaders.skuById.load(reference.id)),
  product: (sku, _args, { loaders }) => loaders.productById.load(sku.productId),
  price: (sku) => ({ amount: sku.priceAmount, currency: sku.currency }),
};
