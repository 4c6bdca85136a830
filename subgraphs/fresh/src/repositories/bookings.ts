import { type Database, isId } from '@zhongtai/subgraph-kit';
import { and, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { FreshSchema } from '../db/index.ts';
import { type PickupBookingRow, pickupBookings, pickupSlots } from '../db/schema.ts';

type Db = Database<FreshSchema>;

export async function findBookingsByIds(db: Db, ids: readonly string[]): Promise<PickupBookingRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(pickupBookings).where(inArray(pickupBookings.id, valid));
}

/** The active (not cancelled) booking of each of many orders; orders without one are left out. */
export async function findActiveBookingsByOrders(
  db: Db,
  orderIds: readonly string[],
): Promise<PickupBookingRow[]> {
  const valid = orderIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(pickupBookings)
    .where(and(inArray(pickupBookings.orderId, valid), ne(pickupBookings.status, 'CANCELLED')));
}

export interface BookSlot {
  id: string;
  slotId: string;
  storeId: string;
  buyerId: string;
  orderId: string | null;
  idempotencyKey: string;
  pickupCode: string;
}

/** Why a booking was refused; each maps to one error a client can act on. */
export type BookingRefusal = 'SLOT_FULL' | 'ORDER_ALREADY_BOOKED' | 'IDEMPOTENCY_KEY_REUSED';

export type BookingResult =
  | { ok: true; booking: PickupBookingRow; replayed: boolean }
  | { ok: false; reason: BookingRefusal };

class Refused extends Error {
  constructor(readonly reason: BookingRefusal) {
    super(reason);
  }
}

/**
 * Books a place in a slot in one transaction. The booking row goes in first: the unique index on
 * (buyer, idempotency key) makes a retry, even a simultaneous one, wait for the first and then find
 * it; the partial unique index on active bookings per order refuses a second pickup of an order.
 * Then the slot's count goes up only while it is below capacity (`booked < capacity` in the same
 * UPDATE, which locks the row), so concurrent bookings never overbook a slot: the ones that find it
 * full roll their booking back.
 */
export async function bookSlot(db: Db, input: BookSlot, now = new Date()): Promise<BookingResult> {
  try {
    return await db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(pickupBookings)
        .values({ ...input, status: 'BOOKED', createdAt: now })
        .onConflictDoNothing()
        .returning();
      if (!inserted) {
        const [existing] = await tx
          .select()
          .from(pickupBookings)
          .where(
            and(
              eq(pickupBookings.buyerId, input.buyerId),
              eq(pickupBookings.idempotencyKey, input.idempotencyKey),
            ),
          );
        if (!existing) throw new Refused('ORDER_ALREADY_BOOKED');
        if (existing.slotId !== input.slotId || existing.orderId !== input.orderId) {
          throw new Refused('IDEMPOTENCY_KEY_REUSED');
        }
        return { ok: true as const, booking: existing, replayed: true };
      }
      const [slot] = await tx
        .update(pickupSlots)
        .set({ booked: sql`${pickupSlots.booked} + 1` })
        .where(
          and(
            eq(pickupSlots.id, input.slotId),
            lt(pickupSlots.booked, pickupSlots.capacity),
            gt(pickupSlots.startsAt, now),
          ),
        )
        .returning({ id: pickupSlots.id });
      if (!slot) throw new Refused('SLOT_FULL');
      return { ok: true as const, booking: inserted, replayed: false };
    });
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.reason };
    throw error;
  }
}

export type CancelResult =
  | { ok: true; booking: PickupBookingRow }
  | { ok: false; reason: 'NOT_FOUND' | 'ALREADY_COLLECTED' };

/**
 * Cancels a buyer's booking and gives its place back to the slot, in one transaction. Only the
 * BOOKED → CANCELLED update that wins returns a row, so two concurrent cancels free one place.
 */
export async function cancelBooking(db: Db, id: string, buyerId: string): Promise<CancelResult> {
  if (!isId(id)) return { ok: false, reason: 'NOT_FOUND' };
  return db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(pickupBookings)
      .set({ status: 'CANCELLED', cancelledAt: sql`now()` })
      .where(
        and(
          eq(pickupBookings.id, id),
          eq(pickupBookings.buyerId, buyerId),
          eq(pickupBookings.status, 'BOOKED'),
        ),
      )
      .returning();
    if (cancelled) {
      await tx
        .update(pickupSlots)
        .set({ booked: sql`greatest(${pickupSlots.booked} - 1, 0)` })
        .where(eq(pickupSlots.id, cancelled.slotId));
      return { ok: true as const, booking: cancelled };
    }
    const [existing] = await tx
      .select()
      .from(pickupBookings)
      .where(and(eq(pickupBookings.id, id), eq(pickupBookings.buyerId, buyerId)));
    if (!existing) return { ok: false as const, reason: 'NOT_FOUND' as const };
    if (existing.status === 'COLLECTED') return { ok: false as const, reason: 'ALREADY_COLLECTED' as const };
    return { ok: true as const, booking: existing };
  });
}
