import { orNull } from '@zhongtai/subgraph-kit';
import type { ReviewResolvers } from '../__generated__/resolvers.ts';

export const Review: ReviewResolvers = {
  __resolveReference: (reference, { loaders }) => orNull(loaders.reviewById.load(reference.id)),
  // Only the keys: the router asks the Product and User Centers for the other fields.
  product: (review) => ({ __typename: 'Product', id: review.productId }),
  author: (review) => ({ __typename: 'User', id: review.authorId }),
};
