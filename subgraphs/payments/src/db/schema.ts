import { sql } from 'drizzle-orm';
import { check, index, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Everything the Payment Center stores lives in this Postgres schema. */
export const paymentsSchema = pgSchema('payments');

export const paymentMethod = paymentsSchema.enum('payment_method', ['ALIPAY', 'WECHAT_PAY', 'CARD']);
export const paymentStatus = paymentsSchema.enum('payment_status', [
  'PENDING',
  'CAPTURED',
  'FAILED',
  'REFUNDED',
]);

/** One row per attempt to pay an order; orders and payers live in other centers, so only their ids are kept. */
export const payments = paymentsSchema.table(
  'payments',
  {
    id: uuid('id').primaryKey(),
    orderId: uuid('order_id').notNull(),
    payerId: uuid('payer_id').notNull(),
    /** Chosen by the client: the same key twice is one payment. */
    idempotencyKey: text('idempotency_key').notNull(),
    amount: integer('amount').notNull(),
    currency: text('currency').notNull().default('CNY'),
    method: paymentMethod('method').notNull(),
    status: paymentStatus('status').notNull().default('PENDING'),
    /** Which provider took the payment, and its own id for it (for refunds and reconciliation). */
    provider: text('provider').notNull(),
    providerReference: text('provider_reference'),
    failureReason: text('failure_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    capturedAt: timestamp('captured_at', { withTimezone: true }),
    refundedAt: timestamp('refunded_at', { withTimezone: true }),
    /**
     * When the Transaction Center took this captured payment for its order, or the money went back.
     * A CAPTURED payment without it is reconciled: money was taken and the order may not know.
     */
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    // A payer's key names one payment; a retried or concurrent request with it finds that payment.
    uniqueIndex('payments_payer_id_idempotency_key_key').on(t.payerId, t.idempotencyKey),
    // An order is paid at most once, whatever keys its payments carry.
    uniqueIndex('payments_order_id_captured_key').on(t.orderId).where(sql`"status" = 'CAPTURED'`),
    index('payments_order_id_id_idx').on(t.orderId, t.id),
    // The reconciler's queue: captured payments the Transaction Center has not confirmed.
    index('payments_unsettled_idx')
      .on(t.capturedAt)
      .where(sql`"status" = 'CAPTURED' and "settled_at" is null`),
    check('payments_amount_check', sql`"amount" > 0`),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;
export type NewPayment = typeof payments.$inferInsert;
export type PaymentMethod = (typeof paymentMethod.enumValues)[number];
export type PaymentStatus = (typeof paymentStatus.enumValues)[number];
