import type { ReviewResolvers } from '../__generated__/resolvers.ts';

// The Review Center owns reviews; the router sends each reference with its product's and author's
// keys (@requires), which is all this center needs.
export const Review: ReviewResolvers = {
  __resolveReference: (reference) => reference,
  verifiedPurchase: async (review, _args, { loaders }) => {
    const buyerId = review.author?.id;
    const productId = review.product?.id;
    if (!buyerId || !productId) return false;
    return loaders.paidPurchase.load({ buyerId, productId });
  },
};
