import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything the Transaction Center stores lives in this Postgres schema. */
export const ordersSchema = pgSchema('orders');

export const ORDER_STATUSES = ['PENDING_PAYMENT', 'PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const orderStatus = ordersSchema.enum('order_status', ORDER_STATUSES);
export const cancelReason = ordersSchema.enum('cancel_reason', ['BUYER_CANCELLED', 'PAYMENT_EXPIRED']);

/** The serial part of order numbers (`ZT` + date + 8 digits of this sequence). */
export const orderNumberSeq = ordersSchema.sequence('order_number_seq');

/** A snapshot of the buyer's address taken when the order was placed (the User Center owns addresses). */
export interface ShippingAddressSnapshot {
  recipient: string;
  phone: string;
  province: string;
  city: string;
  district: string;
  line1: string;
  postalCode: string | null;
}

/** One row per order: who bought, its status, totals and snapshots; buyers are users of the User Center. */
export const orders = ordersSchema.table(
  'orders',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    buyerId: uuid('buyer_id').notNull(),
    /** Chosen by the client; the same key twice from one buyer returns the first order. */
    idempotencyKey: text('idempotency_key').notNull(),
    status: orderStatus('status').notNull().default('PENDING_PAYMENT'),
    totalAmount: integer('total_amount').notNull().default(0),
    currency: text('currency').notNull().default('CNY'),
    shippingAddress: jsonb('shipping_address').$type<ShippingAddressSnapshot>(),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    paymentId: uuid('payment_id'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: cancelReason('cancel_reason'),
  },
  (t) => [
    uniqueIndex('orders_number_key').on(t.number),
    uniqueIndex('orders_buyer_id_idempotency_key_key').on(t.buyerId, t.idempotencyKey),
    index('orders_buyer_id_idx').on(t.buyerId, t.id),
    index('orders_buyer_id_status_idx').on(t.buyerId, t.status, t.id),
    // Only unpaid orders can expire: the sweeper's index stays as small as the orders awaiting payment.
    index('orders_pending_expires_at_idx').on(t.expiresAt).where(sql`${t.status} = 'PENDING_PAYMENT'`),
  ],
);

/** The SKUs of an order, with the title and unit price as they were when it was placed. */
export const orderLines = ordersSchema.table(
  'order_lines',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    skuId: uuid('sku_id').notNull(),
    /** Kept so "did this buyer pay for this product" (verified reviews) needs no other center. */
    productId: uuid('product_id').notNull(),
    title: text('title').notNull(),
    unitPriceAmount: integer('unit_price_amount').notNull(),
    currency: text('currency').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orderId, t.position] }),
    check('order_lines_quantity_check', sql`${t.quantity} between 1 and 99`),
  ],
);

/** What each user means to buy: one row per (user, SKU), the quantity capped at 99. */
export const cartLines = ordersSchema.table(
  'cart_lines',
  {
    userId: uuid('user_id').notNull(),
    skuId: uuid('sku_id').notNull(),
    quantity: integer('quantity').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.skuId] }),
    check('cart_lines_quantity_check', sql`${t.quantity} between 1 and 99`),
  ],
);

export type OrderRow = typeof orders.$inferSelect;
export type OrderLineRow = typeof orderLines.$inferSelect;
export type CartLineRow = typeof cartLines.$inferSelect;
