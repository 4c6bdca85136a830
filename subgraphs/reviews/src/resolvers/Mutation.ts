import { badUserInput, graphqlError, unauthenticated } from '@zhongtai/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers.ts';
import { productExists } from '../products.ts';
import { insertReview } from '../repositories/reviews.ts';
import { checkRating, MAX_BODY_LENGTH, MAX_TITLE_LENGTH, requiredText } from '../validation.ts';

export const Mutation: MutationResolvers = {
  writeReview: async (_root, { input }, { db, identity, requestId, products, logger }) => {
    if (!identity.userId) throw unauthenticated();
    const rating = checkRating(input.rating);
    const title = requiredText(input.title, 'title', MAX_TITLE_LENGTH);
    const body = requiredText(input.body, 'body', MAX_BODY_LENGTH);
    // Asked before the transaction opens, so no database connection waits on another center.
    if (!(await productExists(products, input.productId, { identity, requestId }))) {
      throw badUserInput('There is no product with this id.', 'productId');
    }
    const review = await insertReview(db, {
      productId: input.productId,
      authorId: identity.userId,
      rating,
      title,
      body,
    });
    if (!review) {
      throw graphqlError('CONFLICT', 'You have already reviewed this product.', { field: 'productId' });
    }
    logger.info({ reviewId: review.id, productId: review.productId }, 'review written');
    return review;
  },
};
