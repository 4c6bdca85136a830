import type { SkuResolvers } from '../__generated__/resolvers.ts';

// A SKU stub: the Product Center owns SKUs; the reference ({ __typename, id }) is the parent here.
export const Sku: SkuResolvers = {
  freshStock: async (sku, { storeId }, { loaders }) =>
    (await loaders.stockBySku(storeId).load(sku.id)) ?? null,
};
