import { chunk, type Database, isId, queryRows } from '@zhongtai/subgraph-kit';
import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { OrdersSchema } from '../db/index.ts';
import {
  type OrderLineRow,
  type OrderRow,
  type OrderStatus,
  orderLines,
  orders,
  type ShippingAddressSnapshot,
} from '../db/schema.ts';

type Db = Database<OrdersSchema>;

/** Statuses in which an order has been paid for. */
export const PAID_STATUSES: readonly OrderStatus[] = ['PAID', 'SHIPPED', 'DELIVERED'];

/**
 * A new order number: `ZT`, the day the order was placed in China Standard Time, and 8 digits of
 * a sequence, such as ZT2026112300001234. Readable over the phone, unique, and it leaks nothing but
 * the day.
 */
export const orderNumber = (placedAt: SQL): SQL =>
  sql`'ZT' || to_char(${placedAt} at time zone 'Asia/Shanghai', 'YYYYMMDD') || lpad((nextval('"orders"."order_number_seq"') % 100000000)::text, 8, '0')`;

export async function findOrdersByIds(db: Db, ids: readonly string[]): Promise<OrderRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(orders).where(inArray(orders.id, valid));
}

/** The lines of many orders in one statement, each order's in the buyer's order. */
export async function findOrderLinesByOrderIds(db: Db, orderIds: readonly string[]): Promise<OrderLineRow[]> {
  const valid = orderIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(orderLines)
    .where(inArray(orderLines.orderId, valid))
    .orderBy(asc(orderLines.orderId), asc(orderLines.position));
}

export interface OrderPage {
  limit: number;
  afterId: string | null;
  status: OrderStatus | null;
}

/**
 * The first `limit` orders (newest first, after `afterId`, in `status` when given) of each of many
 * buyers, in one statement: a lateral subquery walks each buyer's index backwards and stops at
 * `limit`, so a buyer with thousands of orders costs no more than one with two.
 */
export async function findOrderPagesByBuyers(
  db: Db,
  buyerIds: readonly string[],
  page: OrderPage,
): Promise<OrderRow[]> {
  const valid = [...new Set(buyerIds.filter(isId))];
  if (valid.length === 0 || page.limit === 0) return [];
  const buyers = sql.join(
    valid.map((id) => sql`${id}`),
    sql`, `,
  );
  const after = page.afterId ? sql`and o.id < ${page.afterId}::uuid` : sql``;
  const status = page.status ? sql`and o.status = ${page.status}` : sql``;
  const pageIds = sql`(
    select page.id
    from unnest(array[${buyers}]::uuid[]) as buyer(id)
    cross join lateral (
      select o.id from ${orders} o
      where o.buyer_id = buyer.id ${status} ${after}
      order by o.id desc
      limit ${page.limit}
    ) page)`;
  return db.select().from(orders).where(inArray(orders.id, pageIds)).orderBy(orders.buyerId, desc(orders.id));
}

export async function countOrdersByBuyers(
  db: Db,
  buyerIds: readonly string[],
  status: OrderStatus | null,
): Promise<{ buyerId: string; count: number }[]> {
  const valid = buyerIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select({ buyerId: orders.buyerId, count: sql<number>`count(*)::int` })
    .from(orders)
    .where(and(inArray(orders.buyerId, valid), status ? eq(orders.status, status) : undefined))
    .groupBy(orders.buyerId);
}

/**
 * Starts an order, waiting for payment, unless the buyer already has one with this idempotency key:
 * then nothing is inserted and null is returned. A concurrent insert with the same key waits on the
 * unique index until the first transaction ends, so two requests at once never make two orders.
 */
export async function insertPendingOrder(
  db: Db,
  order: { id: string; buyerId: string; idempotencyKey: string; ttlSeconds: number },
): Promise<OrderRow | null> {
  const [row] = await db
    .insert(orders)
    .values({
      id: order.id,
      buyerId: order.buyerId,
      idempotencyKey: order.idempotencyKey,
      number: orderNumber(sql`now()`),
      expiresAt: sql`now() + make_interval(secs => ${order.ttlSeconds})`,
    })
    .onConflictDoNothing({ target: [orders.buyerId, orders.idempotencyKey] })
    .returning();
  return row ?? null;
}

export async function findOrderByIdempotencyKey(
  db: Db,
  buyerId: string,
  idempotencyKey: string,
): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.buyerId, buyerId), eq(orders.idempotencyKey, idempotencyKey)));
  return row ?? null;
}

/** Fills in what a pending order learned from the other centers: its total and shipping address. */
export async function completePendingOrder(
  db: Db,
  id: string,
  values: { totalAmount: number; currency: string; shippingAddress: ShippingAddressSnapshot | null },
): Promise<OrderRow> {
  const [row] = await db.update(orders).set(values).where(eq(orders.id, id)).returning();
  return row!;
}

/** An order, locked until the end of the transaction, with whether its payment deadline has passed. */
export async function lockOrder(db: Db, id: string): Promise<(OrderRow & { overdue: boolean }) | null> {
  if (!isId(id)) return null;
  const [row] = await db
    // Compared with the database's clock, the one the expiry sweeper uses.
    .select({ ...getTableColumns(orders), overdue: sql<boolean>`${orders.expiresAt} <= now()` })
    .from(orders)
    .where(eq(orders.id, id))
    .for('update');
  return row ?? null;
}

export async function markOrderCancelled(
  db: Db,
  ids: readonly string[],
  reason: 'BUYER_CANCELLED' | 'PAYMENT_EXPIRED',
): Promise<OrderRow[]> {
  if (ids.length === 0) return [];
  return db
    .update(orders)
    .set({ status: 'CANCELLED', cancelledAt: sql`now()`, cancelReason: reason })
    .where(and(inArray(orders.id, [...ids]), eq(orders.status, 'PENDING_PAYMENT')))
    .returning();
}

export async function markOrderPaid(db: Db, id: string, paymentId: string): Promise<OrderRow> {
  const [row] = await db
    .update(orders)
    .set({ status: 'PAID', paidAt: sql`now()`, paymentId })
    .where(eq(orders.id, id))
    .returning();
  return row!;
}

/**
 * Up to `limit` unpaid orders past their deadline, oldest deadline first, locked; rows another
 * transaction holds (a buyer paying or cancelling, another sweeper) are skipped, not waited for.
 */
export async function lockOverdueOrders(
  db: Db,
  limit: number,
  now: Date | null,
): Promise<{ id: string; buyerId: string }[]> {
  const deadline = now ? sql`${now.toISOString()}::timestamptz` : sql`now()`;
  return db
    .select({ id: orders.id, buyerId: orders.buyerId })
    .from(orders)
    .where(and(eq(orders.status, 'PENDING_PAYMENT'), sql`${orders.expiresAt} <= ${deadline}`))
    .orderBy(asc(orders.expiresAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

/**
 * Which (buyer, product) pairs have a paid, shipped or delivered order containing the product, for
 * many pairs in one statement.
 */
export async function findPaidPurchases(
  db: Db,
  pairs: readonly { buyerId: string; productId: string }[],
): Promise<{ buyerId: string; productId: string }[]> {
  const valid = pairs.filter((pair) => isId(pair.buyerId) && isId(pair.productId));
  if (valid.length === 0) return [];
  const list = (values: string[]) =>
    sql.join(
      values.map((value) => sql`${value}`),
      sql`, `,
    );
  const statuses = sql.join(
    PAID_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  );
  return queryRows<{ buyerId: string; productId: string }>(
    db,
    sql`
      select distinct wanted.buyer_id as "buyerId", wanted.product_id as "productId"
      from unnest(
        array[${list(valid.map((pair) => pair.buyerId))}]::uuid[],
        array[${list(valid.map((pair) => pair.productId))}]::uuid[]
      ) as wanted(buyer_id, product_id)
      where exists (
        select 1 from ${orders} o
        join ${orderLines} l on l.order_id = o.id
        where o.buyer_id = wanted.buyer_id
          and l.product_id = wanted.product_id
          and o.status in (${statuses})
      )`,
  );
}

/** An order to insert; without a number it gets a new one for the day it was placed. */
/** An order to insert; without a number it gets a new one for the day it was placed. */
export type NewOrder = Omit<typeof orders.$inferInsert, 'number'> & { number?: string };
export type NewOrderLine = typeof orderLines.$inferInsert;

// Rows travel as one JSON document a statement (json_to_recordset), which PostgreSQL parses several
// times faster than tens of thousands of bind parameters; a chunk stays a few megabytes.
const ORDER_CHUNK = 5000;
const LINE_CHUNK = 10_000;

const iso = (value: Date | SQL | null | undefined) => (value instanceof Date ? value.toISOString() : null);

/** Inserts orders in multi-row statements; rows without a number get a new one for their placing day. */
export async function insertOrders(db: Db, rows: readonly NewOrder[]): Promise<void> {
  for (const part of chunk(rows, ORDER_CHUNK)) {
    const json = JSON.stringify(
      part.map((row) => ({
        id: row.id,
        number: row.number ?? null,
        buyer_id: row.buyerId,
        idempotency_key: row.idempotencyKey,
        status: row.status ?? 'PENDING_PAYMENT',
        total_amount: row.totalAmount ?? 0,
        currency: row.currency ?? 'CNY',
        shipping_address: row.shippingAddress ?? null,
        placed_at: iso(row.placedAt) ?? new Date().toISOString(),
        expires_at: iso(row.expiresAt),
        paid_at: iso(row.paidAt),
        payment_id: row.paymentId ?? null,
        cancelled_at: iso(row.cancelledAt),
        cancel_reason: row.cancelReason ?? null,
      })),
    );
    await db.execute(sql`
      insert into ${orders} (id, number, buyer_id, idempotency_key, status, total_amount, currency,
        shipping_address, placed_at, expires_at, paid_at, payment_id, cancelled_at, cancel_reason)
      select id, coalesce(number, ${orderNumber(sql`placed_at`)}), buyer_id, idempotency_key, status,
        total_amount, currency, shipping_address, placed_at, expires_at, paid_at, payment_id,
        cancelled_at, cancel_reason
      from json_to_recordset(${json}::json) as r(id uuid, number text, buyer_id uuid,
        idempotency_key text, status orders.order_status, total_amount integer, currency text,
        shipping_address jsonb, placed_at timestamptz, expires_at timestamptz, paid_at timestamptz,
        payment_id uuid, cancelled_at timestamptz, cancel_reason orders.cancel_reason)`);
  }
}

/** Inserts order lines in multi-row statements. */
export async function insertOrderLines(db: Db, rows: readonly NewOrderLine[]): Promise<void> {
  for (const part of chunk(rows, LINE_CHUNK)) {
    const json = JSON.stringify(
      part.map((row) => ({
        order_id: row.orderId,
        position: row.position,
        sku_id: row.skuId,
        product_id: row.productId,
        title: row.title,
        unit_price_amount: row.unitPriceAmount,
        currency: row.currency,
        quantity: row.quantity,
      })),
    );
    await db.execute(sql`
      insert into ${orderLines} (order_id, position, sku_id, product_id, title, unit_price_amount,
        currency, quantity)
      select order_id, position, sku_id, product_id, title, unit_price_amount, currency, quantity
      from json_to_recordset(${json}::json) as r(order_id uuid, position integer, sku_id uuid,
        product_id uuid, title text, unit_price_amount integer, currency text, quantity integer)`);
  }
}
