import { sql } from 'drizzle-orm';
import { check, integer, pgSchema, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything the Inventory Center stores lives in this Postgres schema. */
export const inventorySchema = pgSchema('inventory');

export const reservationStatus = inventorySchema.enum('reservation_status', [
  'RESERVED',
  'RELEASED',
  'COMMITTED',
]);

/** One row per SKU of the Product Center: units that can be ordered now and units held by orders. */
export const stock = inventorySchema.table(
  'stock',
  {
    skuId: uuid('sku_id').primaryKey(),
    available: integer('available').notNull().default(0),
    reserved: integer('reserved').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('stock_available_not_negative', sql`${t.available} >= 0`),
    check('stock_reserved_not_negative', sql`${t.reserved} >= 0`),
  ],
);

/** One row per order that reserved stock; the reference is the order's id. */
export const reservations = inventorySchema.table('reservations', {
  reference: uuid('reference').primaryKey(),
  status: reservationStatus('status').notNull().default('RESERVED'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The SKUs and quantities a reservation holds, one row per SKU. */
export const reservationLines = inventorySchema.table(
  'reservation_lines',
  {
    reference: uuid('reference')
      .notNull()
      .references(() => reservations.reference, { onDelete: 'cascade' }),
    skuId: uuid('sku_id').notNull(),
    quantity: integer('quantity').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.reference, t.skuId] }),
    check('reservation_lines_quantity_positive', sql`${t.quantity} > 0`),
  ],
);

export type StockRow = typeof stock.$inferSelect;
export type ReservationRow = typeof reservations.$inferSelect;
export type ReservationLineRow = typeof reservationLines.$inferSelect;
export type ReservationStatus = (typeof reservationStatus.enumValues)[number];
