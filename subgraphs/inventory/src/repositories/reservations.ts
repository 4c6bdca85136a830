import type { Database } from '@zhongtai/subgraph-kit';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { InventorySchema } from '../db/index.ts';
import { type ReservationStatus, reservationLines, reservations, stock } from '../db/schema.ts';
import type { ReservationLineModel, ReservationModel } from '../models.ts';

type Db = Database<InventorySchema>;
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A line of a reservation could not be filled; the transaction that met it rolled back. */
export class OutOfStockError extends Error {
  constructor(
    readonly skuId: string,
    readonly requested: number,
    readonly available: number,
  ) {
    super(`SKU ${skuId}: ${requested} requested, ${available} available`);
    this.name = 'OutOfStockError';
  }
}

async function linesOf(db: Db | Tx, reference: string): Promise<ReservationLineModel[]> {
  return db
    .select({ skuId: reservationLines.skuId, quantity: reservationLines.quantity })
    .from(reservationLines)
    .where(eq(reservationLines.reference, reference))
    .orderBy(asc(reservationLines.skuId));
}

/** A reservation with its lines, or null when the reference has none. */
export async function findReservation(db: Db, reference: string): Promise<ReservationModel | null> {
  const [row] = await db
    .select({ status: reservations.status })
    .from(reservations)
    .where(eq(reservations.reference, reference));
  return row ? { reference, status: row.status, lines: await linesOf(db, reference) } : null;
}

/**
 * Reserves every line or none, in one transaction. Each line is one conditional update that takes
 * the units only if they are there, so two orders racing for the last unit cannot both get it: the
 * second waits for the first's row lock and then finds too few. A line that cannot be filled throws
 * OutOfStockError, rolling back the lines taken before it. A reference that already has a
 * reservation gets it back unchanged, so a retried call never takes stock twice.
 *
 * `lines` must name each SKU once, in SKU id order: every transaction then locks stock rows in the
 * same order, and concurrent reservations of the same SKUs cannot deadlock.
 */
export async function reserveStock(
  db: Db,
  reference: string,
  lines: readonly ReservationLineModel[],
): Promise<ReservationModel> {
  return db.transaction(async (tx) => {
    // A concurrent call with the same reference waits here until the first commits or rolls back.
    const created = await tx
      .insert(reservations)
      .values({ reference, status: 'RESERVED' })
      .onConflictDoNothing({ target: reservations.reference })
      .returning({ reference: reservations.reference });
    if (created.length === 0) {
      const [existing] = await tx
        .select({ status: reservations.status })
        .from(reservations)
        .where(eq(reservations.reference, reference));
      return { reference, status: existing!.status, lines: await linesOf(tx, reference) };
    }
    for (const { skuId, quantity } of lines) {
      const taken = await tx
        .update(stock)
        .set({
          available: sql`${stock.available} - ${quantity}`,
          reserved: sql`${stock.reserved} + ${quantity}`,
          updatedAt: sql`now()`,
        })
        .where(and(eq(stock.skuId, skuId), gte(stock.available, quantity)))
        .returning({ skuId: stock.skuId });
      if (taken.length === 0) {
        const [current] = await tx
          .select({ available: stock.available })
          .from(stock)
          .where(eq(stock.skuId, skuId));
        throw new OutOfStockError(skuId, quantity, current?.available ?? 0);
      }
    }
    await tx.insert(reservationLines).values(lines.map((line) => ({ reference, ...line })));
    return { reference, status: 'RESERVED' as const, lines: [...lines] };
  });
}

/**
 * Moves a RESERVED reservation to `to` and its units out of `reserved`: back to `available` when
 * released, out of the warehouse when committed. The reservation row is locked first, so two calls
 * for one reference run one after the other and the second finds the work done. A reservation that
 * is not RESERVED is returned unchanged; null when the reference has none.
 */
async function settle(
  db: Db,
  reference: string,
  to: Exclude<ReservationStatus, 'RESERVED'>,
): Promise<ReservationModel | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: reservations.status })
      .from(reservations)
      .where(eq(reservations.reference, reference))
      .for('update');
    if (!row) return null;
    const lines = await linesOf(tx, reference);
    if (row.status !== 'RESERVED') return { reference, status: row.status, lines };

    // Lock the stock rows in SKU id order, as reserveStock takes them, so the two never deadlock.
    await tx
      .select({ skuId: stock.skuId })
      .from(stock)
      .where(
        inArray(
          stock.skuId,
          lines.map((line) => line.skuId),
        ),
      )
      .orderBy(asc(stock.skuId))
      .for('update');
    await tx
      .update(stock)
      .set({
        ...(to === 'RELEASED' ? { available: sql`${stock.available} + ${reservationLines.quantity}` } : {}),
        reserved: sql`${stock.reserved} - ${reservationLines.quantity}`,
        updatedAt: sql`now()`,
      })
      .from(reservationLines)
      .where(and(eq(reservationLines.reference, reference), eq(reservationLines.skuId, stock.skuId)));
    await tx
      .update(reservations)
      .set({ status: to, updatedAt: sql`now()` })
      .where(eq(reservations.reference, reference));
    return { reference, status: to, lines };
  });
}

/** Gives a RESERVED reservation's units back to `available` (see `settle`). */
export const releaseReservation = (db: Db, reference: string) => settle(db, reference, 'RELEASED');

/** Marks a RESERVED reservation's units as gone from the warehouse (see `settle`). */
export const commitReservation = (db: Db, reference: string) => settle(db, reference, 'COMMITTED');
