import { type Database, isId } from '@zhongtai/subgraph-kit';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { OrdersSchema } from '../db/index.ts';
import { type CartLineRow, cartLines } from '../db/schema.ts';

type Db = Database<OrdersSchema>;

/** The most units of one SKU a cart holds. */
export const MAX_CART_QUANTITY = 99;

/** The cart lines of many users in one statement, each user's first added first. */
export async function findCartLinesByUserIds(db: Db, userIds: readonly string[]): Promise<CartLineRow[]> {
  const valid = userIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(cartLines)
    .where(inArray(cartLines.userId, valid))
    .orderBy(asc(cartLines.userId), asc(cartLines.addedAt), asc(cartLines.skuId));
}

export async function countCartLines(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(cartLines)
    .where(eq(cartLines.userId, userId));
  return row?.count ?? 0;
}

/** Whether the user's cart already has a line for this SKU. */
export async function hasCartLine(db: Db, userId: string, skuId: string): Promise<boolean> {
  const [row] = await db
    .select({ skuId: cartLines.skuId })
    .from(cartLines)
    .where(and(eq(cartLines.userId, userId), eq(cartLines.skuId, skuId)));
  return row !== undefined;
}

/** Adds units of a SKU to a cart in one statement: a new line, or more of an existing one, capped at 99. */
export async function addCartQuantity(
  db: Db,
  userId: string,
  skuId: string,
  quantity: number,
): Promise<void> {
  await db
    .insert(cartLines)
    .values({ userId, skuId, quantity: Math.min(quantity, MAX_CART_QUANTITY) })
    .onConflictDoUpdate({
      target: [cartLines.userId, cartLines.skuId],
      set: {
        quantity: sql`least(${cartLines.quantity} + excluded.quantity, ${MAX_CART_QUANTITY})`,
        updatedAt: sql`now()`,
      },
    });
}

export async function removeCartLine(db: Db, userId: string, skuId: string): Promise<void> {
  if (!isId(skuId)) return;
  await db.delete(cartLines).where(and(eq(cartLines.userId, userId), eq(cartLines.skuId, skuId)));
}
