import { badUserInput } from '@zhongtai/subgraph-kit';
import type { SkuResolvers } from '../__generated__/resolvers.ts';
import { estimateShipping } from '../shipping.ts';

// The Product Center owns SKUs, so there is no __resolveReference here: the reference itself
// ({ __typename, id } and, for shippingEstimate, weightGrams) is the parent of these fields.
export const Sku: SkuResolvers = {
  stock: (sku, _args, { loaders }) => loaders.stockOf(sku.id),
  inStock: async (sku, _args, { loaders }) => (await loaders.stockOf(sku.id)).available > 0,
  shippingEstimate: (sku, { province }) => {
    // The router always sends it (@requires); only a hand-made representation can leave it out.
    if (typeof sku.weightGrams !== 'number') {
      throw badUserInput(
        'A shipping estimate needs the SKU representation to carry weightGrams.',
        'weightGrams',
      );
    }
    return estimateShipping(province, sku.weightGrams);
  },
};
