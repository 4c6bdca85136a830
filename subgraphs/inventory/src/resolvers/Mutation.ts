import { callableBy, graphqlError, isId } from '@zhongtai/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers.ts';
import {
  commitReservation,
  OutOfStockError,
  releaseReservation,
  reserveStock,
} from '../repositories/reservations.ts';
import { checkReference, normalizeLines } from '../validation.ts';

// Internal mutations for the Transaction Center alone, which calls this center directly with a token
// signed by its own key: @inaccessible keeps them out of the router's API, and the allow-list keeps
// out every other caller (a user's or anonymous request, another center).
const ORDERS_ONLY = ['orders'];

export const Mutation: MutationResolvers = {
  reserveStock: callableBy(ORDERS_ONLY, async (_root, { input }, { db, logger }) => {
    const reference = checkReference(input.reference);
    const lines = normalizeLines(input.lines);
    try {
      const reservation = await reserveStock(db, reference, lines);
      logger.info({ reference, lines: lines.length }, 'stock reserved');
      return reservation;
    } catch (error) {
      if (!(error instanceof OutOfStockError)) throw error;
      throw graphqlError(
        'OUT_OF_STOCK',
        error.available === 0
          ? `SKU ${error.skuId} is out of stock.`
          : `Only ${error.available} of SKU ${error.skuId} can be ordered, not ${error.requested}.`,
        { skuId: error.skuId, requested: error.requested, available: error.available },
      );
    }
  }),

  releaseReservation: callableBy(ORDERS_ONLY, async (_root, { reference }, { db, logger }) => {
    if (!isId(reference)) return null;
    const reservation = await releaseReservation(db, reference.toLowerCase());
    if (reservation?.status === 'COMMITTED') {
      throw graphqlError('CONFLICT', 'This reservation was committed: its stock has left the warehouse.', {
        reference,
      });
    }
    if (reservation) logger.info({ reference }, 'reservation released');
    return reservation;
  }),

  commitReservation: callableBy(ORDERS_ONLY, async (_root, { reference }, { db, logger }) => {
    if (!isId(reference)) return null;
    const reservation = await commitReservation(db, reference.toLowerCase());
    if (reservation?.status === 'RELEASED') {
      throw graphqlError('CONFLICT', 'This reservation was released: its stock is no longer held.', {
        reference,
      });
    }
    if (reservation) logger.info({ reference }, 'reservation committed');
    return reservation;
  }),
};
