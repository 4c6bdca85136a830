import { sql } from 'drizzle-orm';
import {
  check,
  doublePrecision,
  index,
  integer,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Everything the Fresh business line stores lives in this Postgres schema. */
export const freshSchema = pgSchema('fresh');

/** Where Fresh buyers collect their groceries: one row per store. */
export const stores = freshSchema.table(
  'stores',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    city: text('city').notNull(),
    district: text('district').notNull(),
    address: text('address').notNull(),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The store finder's pages: by name (ids break ties), in one city or everywhere.
    index('stores_city_name_id_idx').on(t.city, t.name, t.id),
    index('stores_name_id_idx').on(t.name, t.id),
  ],
);

/** Pickup windows of a store; `booked` counts active bookings and never exceeds `capacity`. */
export const pickupSlots = freshSchema.table(
  'pickup_slots',
  {
    /** A UUIDv7 made from `starts_at`, so a store's slots in id order are its slots in time order. */
    id: uuid('id').primaryKey(),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
  },
  (t) => [
    index('pickup_slots_store_id_starts_at_id_idx').on(t.storeId, t.startsAt, t.id),
    check('pickup_slots_booked_check', sql`"booked" between 0 and "capacity"`),
    check('pickup_slots_window_check', sql`"ends_at" > "starts_at"`),
  ],
);

/** A buyer's place in a pickup slot; buyers and orders live in other centers, so only ids are kept. */
export const pickupBookings = freshSchema.table(
  'pickup_bookings',
  {
    id: uuid('id').primaryKey(),
    slotId: uuid('slot_id')
      .notNull()
      .references(() => pickupSlots.id),
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    buyerId: uuid('buyer_id').notNull(),
    orderId: uuid('order_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['BOOKED', 'CANCELLED', 'COLLECTED'] })
      .notNull()
      .default('BOOKED'),
    pickupCode: text('pickup_code').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  },
  (t) => [
    // A retried booking (even a simultaneous one) finds the first: the index decides the race.
    uniqueIndex('pickup_bookings_buyer_id_idempotency_key_key').on(t.buyerId, t.idempotencyKey),
    // An order has at most one active pickup.
    uniqueIndex('pickup_bookings_order_id_active_key')
      .on(t.orderId)
      .where(sql`"status" <> 'CANCELLED' and "order_id" is not null`),
    index('pickup_bookings_slot_id_idx').on(t.slotId),
    check('pickup_bookings_status_check', sql`"status" in ('BOOKED', 'CANCELLED', 'COLLECTED')`),
  ],
);

/** Units of each SKU on a store's shelves, with the current batch's sell-by time. */
export const freshStock = freshSchema.table(
  'fresh_stock',
  {
    storeId: uuid('store_id')
      .notNull()
      .references(() => stores.id),
    skuId: uuid('sku_id').notNull(),
    productId: uuid('product_id').notNull(),
    available: integer('available').notNull(),
    bestBefore: timestamp('best_before', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A store's stock in SKU order is its page order; (store, sku) is the key.
    primaryKey({ name: 'fresh_stock_pkey', columns: [t.storeId, t.skuId] }),
    index('fresh_stock_sku_id_idx').on(t.skuId),
    index('fresh_stock_product_id_idx').on(t.productId),
    check('fresh_stock_available_check', sql`"available" >= 0`),
  ],
);

export type StoreRow = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
export type PickupSlotRow = typeof pickupSlots.$inferSelect;
export type NewPickupSlot = typeof pickupSlots.$inferInsert;
export type PickupBookingRow = typeof pickupBookings.$inferSelect;
export type FreshStockRow = typeof freshStock.$inferSelect;
export type NewFreshStock = typeof freshStock.$inferInsert;
