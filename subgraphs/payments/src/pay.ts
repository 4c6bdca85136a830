import { createHash } from 'node:crypto';
import {
  badUserInput,
  type Database,
  graphqlError,
  newId,
  notFound,
  unauthenticated,
} from '@zhongtai/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { PaymentsContext } from './context.ts';
import type { PaymentsSchema } from './db/index.ts';
import type { PaymentMethod, PaymentRow } from './db/schema.ts';
import { fetchOrderToPay, markOrderPaid, type OrderToPay } from './orders.ts';
import type { PaymentProvider } from './provider.ts';
import {
  findCapturedPayment,
  findPaymentByKey,
  insertPendingPayment,
  lockOrderPayments,
  markSettled,
  recordOutcome,
} from './repositories/payments.ts';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 100;

export interface PayOrderArgs {
  orderId: string;
  method: PaymentMethod;
  idempotencyKey: string;
}

const alreadyPaid = () => graphqlError('CONFLICT', 'This order is already paid.');

function checkIdempotencyKey(key: string): string {
  if (key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badUserInput(
      `"idempotencyKey" must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      'idempotencyKey',
    );
  }
  return key;
}

/** The order can be paid now, or the error that says why not. */
function checkPayable(order: OrderToPay | null, payerId: string, orderId: string): OrderToPay {
  // Null is an unknown order or another buyer's: the Transaction Center hides both alike, and so do we.
  if (!order || order.buyer.id !== payerId) throw notFound(`There is no order ${orderId} of yours.`);
  switch (order.status) {
    case 'PENDING_PAYMENT':
      break;
    case 'CANCELLED':
      throw graphqlError('CONFLICT', 'This order is cancelled; it can no longer be paid.');
    default:
      throw alreadyPaid();
  }
  if (!Number.isInteger(order.total.amount) || order.total.amount <= 0) {
    throw graphqlError('CONFLICT', 'This order has nothing to pay.');
  }
  return order;
}

/** What a provider deduplicates on: one value per payer and key, whatever the payment id. */
const providerKey = (payerId: string, key: string) =>
  createHash('sha256').update(`${payerId}\n${key}`).digest('base64url');

type Capture = { replayed: true; payment: PaymentRow } | { replayed: false; payment: PaymentRow };

/**
 * Creates the key's payment and captures it, in one transaction: the PENDING row goes in first, so a
 * concurrent request with the same key waits on the unique index and then finds this payment instead
 * of capturing again; and the order's payments are serialized by an advisory lock, so a second key
 * cannot capture an order the first already captured. A decline is stored as FAILED. A provider that
 * cannot be reached rolls everything back: nothing is stored, and a retry with the same key sends
 * the provider the same deduplication key.
 */
async function captureOnce(
  db: Database<PaymentsSchema>,
  provider: PaymentProvider,
  payment: { payerId: string; idempotencyKey: string; method: PaymentMethod; order: OrderToPay },
): Promise<Capture> {
  return db.transaction(async (tx) => {
    const store = tx as unknown as Database<PaymentsSchema>;
    const { order } = payment;
    const pending = await insertPendingPayment(store, {
      id: newId(),
      orderId: order.id,
      payerId: payment.payerId,
      idempotencyKey: payment.idempotencyKey,
      amount: order.total.amount,
      currency: order.total.currency,
      method: payment.method,
      provider: provider.name,
    });
    if (!pending) {
      const first = await findPaymentByKey(store, payment.payerId, payment.idempotencyKey);
      if (!first) throw new Error('an idempotency key conflicted with a payment that is not there');
      return { replayed: true, payment: first };
    }
    await lockOrderPayments(store, order.id);
    if (await findCapturedPayment(store, order.id)) throw alreadyPaid();
    const result = await provider.capture({
      amount: pending.amount,
      currency: pending.currency,
      method: pending.method,
      reference: pending.id,
      idempotencyKey: providerKey(payment.payerId, payment.idempotencyKey),
    });
    return { replayed: false, payment: await recordOutcome(store, pending.id, result) };
  });
}

/** What settling a payment needs: the request's context, or the reconciler's stand-in for one. */
export type SettleContext = Pick<
  PaymentsContext,
  'orders' | 'provider' | 'identity' | 'requestId' | 'logger' | 'db'
>;

/** The code of a GraphQL error (another center's refusal), or undefined for anything else. */
export const codeOf = (error: unknown) =>
  error instanceof GraphQLError ? String(error.extensions.code ?? '') : undefined;

/**
 * Has the Transaction Center mark the order paid by a captured payment. When it refuses with a
 * CONFLICT (the order expired or was cancelled between our check and the capture), the money goes
 * back: the payment is refunded and the CONFLICT passed on. Any other failure leaves the payment
 * CAPTURED and unsettled, and is passed on: retrying with the same key settles it again (marking is
 * idempotent), and so does the reconciler if the client never comes back (reconcile.ts).
 */
export async function settle(context: SettleContext, payment: PaymentRow): Promise<PaymentRow> {
  const { orders, provider, identity, requestId, logger, db } = context;
  try {
    await markOrderPaid(orders, payment.orderId, payment.id, { identity, requestId });
    await markSettled(db, payment.id);
    return payment;
  } catch (error) {
    if (codeOf(error) !== 'CONFLICT') throw error;
    const refund = await provider.refund({
      providerReference: payment.providerReference ?? '',
      amount: payment.amount,
      currency: payment.currency,
      reference: payment.id,
    });
    if (refund.status === 'REFUNDED') {
      await recordOutcome(db, payment.id, { status: 'REFUNDED' });
      logger.warn({ paymentId: payment.id, orderId: payment.orderId }, 'order refused its payment; refunded');
    } else {
      // Money taken for an order that will not ship: this needs a person.
      logger.error(
        { paymentId: payment.id, orderId: payment.orderId, reason: refund.failureReason },
        'order refused its payment and the refund failed',
      );
    }
    throw error;
  }
}

/** A request with a key already used: the first payment is the answer, if the request is the same. */
async function replay(context: PaymentsContext, first: PaymentRow, args: PayOrderArgs): Promise<PaymentRow> {
  if (first.orderId !== args.orderId || first.method !== args.method) {
    throw graphqlError(
      'CONFLICT',
      'This idempotency key was already used for another payment; use a new key for a new payment.',
      { field: 'idempotencyKey' },
    );
  }
  // The first request may have failed after the capture (the Transaction Center did not answer):
  // settling again completes it, and is a no-op when it had completed.
  return first.status === 'CAPTURED' ? settle(context, first) : first;
}

/**
 * Pays an order: checks it with the Transaction Center as the caller, captures the total through
 * the provider at most once per idempotency key and per order, then has the order marked paid.
 */
export async function payOrder(context: PaymentsContext, args: PayOrderArgs): Promise<PaymentRow> {
  const payerId = context.identity.userId;
  if (!payerId) throw unauthenticated();
  const key = checkIdempotencyKey(args.idempotencyKey);
  const { db, orders, provider, identity, requestId, logger } = context;

  const known = await findPaymentByKey(db, payerId, key);
  if (known) return replay(context, known, args);

  // Asked before the transaction opens, so no database connection waits on another center.
  const fetched = await fetchOrderToPay(orders, args.orderId, { identity, requestId });
  let order: OrderToPay;
  try {
    order = checkPayable(fetched, payerId, args.orderId);
  } catch (error) {
    // A concurrent request with this key may have paid the order since we looked the key up: then
    // the order reads PAID, and the answer is that request's payment, not a CONFLICT.
    const first = await findPaymentByKey(db, payerId, key);
    if (first) return replay(context, first, args);
    throw error;
  }
  const capture = await captureOnce(db, provider, {
    payerId,
    idempotencyKey: key,
    method: args.method,
    order,
  });
  if (capture.replayed) return replay(context, capture.payment, args);

  const { payment } = capture;
  logger.info({ paymentId: payment.id, orderId: payment.orderId, status: payment.status }, 'payment made');
  return payment.status === 'CAPTURED' ? settle(context, payment) : payment;
}
