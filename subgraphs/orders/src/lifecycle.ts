import { randomUUID } from 'node:crypto';
import {
  badUserInput,
  type CallContext,
  type CenterClient,
  type Database,
  graphqlError,
  isId,
  type Logger,
  notFound,
  sweepClaimedBatches,
} from '@zhongtai/subgraph-kit';
import { commitReservation, releaseReservation } from './centers.ts';
import type { OrdersSchema } from './db/index.ts';
import type { OrderRow } from './db/schema.ts';
import {
  lockOrder,
  lockOverdueOrders,
  markOrderCancelled,
  markOrderPaid as recordPayment,
} from './repositories/orders.ts';

type Db = Database<OrdersSchema>;

const noSuchOrder = (id: string) => notFound(`There is no order ${id} of yours.`);

/** Runs `work` in a transaction, with the transaction typed as the center's database. */
const inTransaction = <T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> =>
  db.transaction((tx) => work(tx as unknown as Db));

/**
 * Cancels an unpaid order of the buyer and releases its stock, both or neither: the release happens
 * while the order row is locked, and a failed release rolls the cancellation back. Cancelling a
 * cancelled order returns it unchanged; a paid one is a CONFLICT.
 */
export async function cancelOrder(
  db: Db,
  inventory: CenterClient,
  buyerId: string,
  orderId: string,
  call: CallContext,
): Promise<OrderRow> {
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || order.buyerId !== buyerId) throw noSuchOrder(orderId);
    const { overdue: _overdue, ...row } = order;
    if (row.status === 'CANCELLED') return row;
    if (row.status !== 'PENDING_PAYMENT') {
      throw graphqlError('CONFLICT', `Order ${row.number} is already paid; it can no longer be cancelled.`);
    }
    const [cancelled] = await markOrderCancelled(tx, [row.id], 'BUYER_CANCELLED');
    await releaseReservation(inventory, row.id, call);
    return cancelled!;
  });
}

/** A payment the Payment Center confirmed captured for an order, of this amount. */
export interface CapturedPayment {
  id: string;
  amount: number;
  currency: string;
}

/**
 * Records the captured payment of an order and commits its reserved stock (the Payment Center calls
 * this as the buyer, and the resolver has checked the payment with it). A payment of another amount
 * is refused; the same payment again returns the order; a cancelled or expired order, or one paid by
 * another payment, is a CONFLICT.
 */
export async function markOrderPaid(
  db: Db,
  inventory: CenterClient,
  buyerId: string,
  orderId: string,
  payment: CapturedPayment,
  call: CallContext,
): Promise<OrderRow> {
  const paymentId = payment.id;
  if (!isId(paymentId)) throw badUserInput(`${paymentId} is not a payment id.`, 'paymentId');
  return inTransaction(db, async (tx) => {
    const order = await lockOrder(tx, orderId);
    if (!order || order.buyerId !== buyerId) throw noSuchOrder(orderId);
    const { overdue, ...row } = order;
    if (row.totalAmount !== payment.amount || row.currency !== payment.currency) {
      throw badUserInput(
        `Payment ${paymentId} of ${payment.amount} ${payment.currency} does not pay order ${row.number}.`,
        'paymentId',
      );
    }
    switch (row.status) {
      case 'PAID':
      case 'SHIPPED':
      case 'DELIVERED':
        if (row.paymentId === paymentId) return row;
        throw graphqlError('CONFLICT', `Order ${row.number} is already paid by another payment.`);
      case 'CANCELLED':
        throw graphqlError('CONFLICT', `Order ${row.number} is cancelled; it can no longer be paid.`);
      case 'PENDING_PAYMENT':
        if (overdue) {
          throw graphqlError('CONFLICT', `Order ${row.number} expired before it was paid.`);
        }
    }
    const paid = await recordPayment(tx, row.id, paymentId);
    await commitReservation(inventory, row.id, call);
    return paid;
  });
}

export interface ExpireOptions {
  /** Orders locked and released per transaction. */
  batchSize?: number;
  /** Expire what is overdue at this time rather than at the database's now (tests). */
  now?: Date;
  logger?: Logger;
}

/**
 * Cancels unpaid orders past their deadline and releases their stock, a small batch per transaction
 * claimed with `for update skip locked` (see `sweepClaimedBatches`): every replica's sweeper shares
 * the overdue orders without expiring one twice, and a buyer paying at that moment is never waited
 * on. The release is made as the buyer, as if they had cancelled; an order whose release fails stays
 * pending for the next sweep. A replica that dies after a release but before its commit leaves the
 * order pending and its reservation released: the next sweep finds the release done (the Inventory
 * Center settles a reservation once) and cancels the order. Returns how many orders expired.
 */
export async function expireOverdueOrders(
  db: Db,
  inventory: CenterClient,
  options: ExpireOptions = {},
): Promise<number> {
  const requestId = `expiry-${randomUUID()}`;
  return sweepClaimedBatches({
    db,
    batchSize: options.batchSize ?? 20,
    claim: (tx, limit) => lockOverdueOrders(tx, limit, options.now ?? null),
    handle: async (tx, overdue) => {
      const released = await Promise.allSettled(
        overdue.map((order) =>
          releaseReservation(inventory, order.id, {
            identity: { userId: order.buyerId, scopes: [] },
            requestId,
          }),
        ),
      );
      const failed = released.flatMap((result, i) =>
        result.status === 'rejected' ? [{ orderId: overdue[i]!.id, err: result.reason as unknown }] : [],
      );
      for (const failure of failed) {
        options.logger?.warn(failure, 'could not release the stock of an expired order; retrying later');
      }
      const ids = overdue.filter((_, i) => released[i]!.status === 'fulfilled').map((order) => order.id);
      const cancelled = await markOrderCancelled(tx, ids, 'PAYMENT_EXPIRED');
      return { handled: cancelled.length, failed: failed.length };
    },
  });
}
