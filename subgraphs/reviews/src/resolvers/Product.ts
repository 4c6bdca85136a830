import { pageSize, toConnection } from '@zhongtai/subgraph-kit';
import type { ProductResolvers } from '../__generated__/resolvers.ts';
import { readReviewCursor, reviewCursor } from '../cursors.ts';

// A product stub: the Product Center owns products, so there is no __resolveReference here; the
// reference itself ({ __typename, id }) is the parent of `reviews` and `rating`.
export const Product: ProductResolvers = {
  reviews: async (product, { first, after }, { loaders }) => {
    const size = pageSize(first);
    const afterId = after ? readReviewCursor(after) : null;
    // Every product in the request asking for the same page size and cursor shares one statement.
    const rows = await loaders.reviewsByProduct({ limit: size + 1, afterId }).load(product.id);
    // The count is the rating summary's, from the same batched read as `rating`.
    return toConnection(
      rows,
      size,
      reviewCursor,
      async () => (await loaders.ratingByProductId.load(product.id)).count,
    );
  },
  rating: (product, _args, { loaders }) => loaders.ratingByProductId.load(product.id),
};
