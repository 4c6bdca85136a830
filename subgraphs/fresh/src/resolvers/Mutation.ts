import { randomInt } from 'node:crypto';
import { badUserInput, graphqlError, isId, newId, notFound, unauthenticated } from '@zhongtai/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers.ts';
import { findBuyerOrder } from '../orders.ts';
import { bookSlot, cancelBooking } from '../repositories/bookings.ts';
import { findSlotsByIds } from '../repositories/slots.ts';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

const REFUSALS = {
  SLOT_FULL: 'This pickup slot has no place left; choose another one.',
  ORDER_ALREADY_BOOKED: 'This order already has a pickup booked; cancel it first to choose another slot.',
  IDEMPOTENCY_KEY_REUSED:
    'This idempotency key was used for another booking; make a new key for each booking.',
} as const;

export const Mutation: MutationResolvers = {
  bookPickupSlot: async (_root, { input }, { db, identity, requestId, orders, logger }) => {
    if (!identity.userId) throw unauthenticated();
    const key = input.idempotencyKey;
    if (key.trim().length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw badUserInput(
        `"idempotencyKey" must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
        'idempotencyKey',
      );
    }
    const [slot] = isId(input.slotId) ? await findSlotsByIds(db, [input.slotId]) : [];
    if (!slot) throw badUserInput('There is no pickup slot with this id.', 'slotId');
    if (slot.startsAt.getTime() <= Date.now())
      throw badUserInput('This pickup slot has already started.', 'slotId');
    const orderId = input.orderId ?? null;
    if (orderId !== null) {
      // Asked before the transaction opens, so no database connection waits on another center.
      const order = await findBuyerOrder(orders, orderId, { identity, requestId });
      if (!order) throw badUserInput('You have no order with this id.', 'orderId');
      if (order.status === 'CANCELLED') throw badUserInput('This order was cancelled.', 'orderId');
    }
    const now = new Date();
    const result = await bookSlot(
      db,
      {
        id: newId(now.getTime()),
        slotId: slot.id,
        storeId: slot.storeId,
        buyerId: identity.userId,
        orderId,
        idempotencyKey: key,
        pickupCode: String(randomInt(0, 1_000_000)).padStart(6, '0'),
      },
      now,
    );
    if (!result.ok) {
      // A slot that started while the request was on its way is refused like one that had started before.
      if (result.reason === 'SLOT_FULL' && slot.startsAt <= now) {
        throw badUserInput('This pickup slot has already started.', 'slotId');
      }
      throw graphqlError('CONFLICT', REFUSALS[result.reason], {
        reason: result.reason,
        field:
          result.reason === 'SLOT_FULL'
            ? 'slotId'
            : result.reason === 'ORDER_ALREADY_BOOKED'
              ? 'orderId'
              : 'idempotencyKey',
      });
    }
    if (!result.replayed) {
      logger.info({ bookingId: result.booking.id, slotId: slot.id }, 'pickup slot booked');
    }
    return result.booking;
  },
  cancelPickupBooking: async (_root, { id }, { db, identity, logger }) => {
    if (!identity.userId) throw unauthenticated();
    const result = await cancelBooking(db, id, identity.userId);
    if (!result.ok) {
      if (result.reason === 'NOT_FOUND') throw notFound('You have no pickup booking with this id.');
      throw graphqlError('CONFLICT', 'This pickup was already collected.', { reason: 'ALREADY_COLLECTED' });
    }
    logger.info({ bookingId: id }, 'pickup booking cancelled');
    return result.booking;
  },
};
