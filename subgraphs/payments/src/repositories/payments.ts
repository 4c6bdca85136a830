import { randomUUID } from 'node:crypto';
import { chunk, type Database, isId, newId } from '@zhongtai/subgraph-kit';
import { and, asc, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { PaymentsSchema } from '../db/index.ts';
import { type NewPayment, type PaymentRow, payments } from '../db/schema.ts';

type Db = Database<PaymentsSchema>;

export async function findPaymentsByIds(db: Db, ids: readonly string[]): Promise<PaymentRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(payments).where(inArray(payments.id, valid));
}

/** The payment that speaks for each of many orders, in one statement: its captured one, else its latest. */
export async function findPaymentsForOrders(db: Db, orderIds: readonly string[]): Promise<PaymentRow[]> {
  const valid = orderIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .selectDistinctOn([payments.orderId])
    .from(payments)
    .where(inArray(payments.orderId, valid))
    .orderBy(payments.orderId, desc(sql`${payments.status} = 'CAPTURED'`), desc(payments.id));
}

export async function findPaymentByKey(
  db: Db,
  payerId: string,
  idempotencyKey: string,
): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.payerId, payerId), eq(payments.idempotencyKey, idempotencyKey)));
  return row;
}

/**
 * Inserts a PENDING payment unless the payer already used this idempotency key; returns null then.
 * Inside a transaction, a concurrent request with the same key waits here on the unique index until
 * the first one commits, and then gets null: the key's payment is the first one's.
 */
export async function insertPendingPayment(db: Db, row: NewPayment): Promise<PaymentRow | null> {
  const [inserted] = await db
    .insert(payments)
    .values({ ...row, status: 'PENDING' })
    .onConflictDoNothing({ target: [payments.payerId, payments.idempotencyKey] })
    .returning();
  return inserted ?? null;
}

// The first key of the two-key advisory locks this center takes, so they never meet another center's.
const ORDER_LOCK_SPACE = 0x7061_7931; // "pay1"

/**
 * Serializes the payments of one order until the transaction ends: a second payment of the same order
 * with another key waits, then sees the first one captured.
 */
export async function lockOrderPayments(db: Db, orderId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${ORDER_LOCK_SPACE}, hashtext(${orderId}))`);
}

export async function findCapturedPayment(db: Db, orderId: string): Promise<PaymentRow | undefined> {
  const [row] = await db
    .select()
    .from(payments)
    .where(and(eq(payments.orderId, orderId), eq(payments.status, 'CAPTURED')));
  return row;
}

export type PaymentOutcome =
  | { status: 'CAPTURED'; providerReference: string }
  | { status: 'FAILED'; providerReference: string; failureReason: string }
  | { status: 'REFUNDED' };

/** Records what the provider answered; a payment only ever moves forward from PENDING or CAPTURED. */
export async function recordOutcome(db: Db, id: string, outcome: PaymentOutcome): Promise<PaymentRow> {
  const changes =
    outcome.status === 'CAPTURED'
      ? { status: outcome.status, providerReference: outcome.providerReference, capturedAt: sql`now()` }
      : outcome.status === 'FAILED'
        ? {
            status: outcome.status,
            providerReference: outcome.providerReference,
            failureReason: outcome.failureReason,
          }
        : { status: outcome.status, refundedAt: sql`now()`, settledAt: sql`now()` };
  const [row] = await db.update(payments).set(changes).where(eq(payments.id, id)).returning();
  if (!row) throw new Error(`payment ${id} vanished`);
  return row;
}

/** The Transaction Center has taken this captured payment for its order. */
export async function markSettled(db: Db, id: string): Promise<void> {
  await db
    .update(payments)
    .set({ settledAt: sql`now()` })
    .where(and(eq(payments.id, id), isNull(payments.settledAt)));
}

/**
 * Claims up to `limit` captured payments the Transaction Center has not confirmed, captured more than
 * `olderThanSeconds` ago (younger ones may still be settling in their own request), oldest first:
 * locked until the transaction ends, passing over those another reconciler holds.
 */
export async function claimUnsettled(db: Db, olderThanSeconds: number, limit: number): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.status, 'CAPTURED'),
        isNull(payments.settledAt),
        lte(payments.capturedAt, sql`now() - make_interval(secs => ${olderThanSeconds})`),
      ),
    )
    .orderBy(asc(payments.capturedAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

// Rows a statement: a few MB of JSON, a fraction of a second of server time each.
const INSERT_CHUNK = 10_000;

/**
 * A payment the simulated provider captured at `capturedAt` that the Transaction Center was never
 * told of (the Payment Center died in between): what the reconciler exists to settle. For the
 * reconciler's tests and the cluster drill.
 */
export function unconfirmedCapture(
  order: { id: string; buyerId: string; amount: number; currency: string },
  capturedAt: Date,
): NewPayment & { id: string } {
  return {
    id: newId(),
    orderId: order.id,
    payerId: order.buyerId,
    idempotencyKey: randomUUID(),
    amount: order.amount,
    currency: order.currency,
    method: 'CARD',
    status: 'CAPTURED',
    provider: 'simulated',
    providerReference: `sim_${randomUUID()}`,
    createdAt: capturedAt,
    capturedAt,
  };
}

/**
 * Inserts payments in multi-row statements. Each chunk travels as one JSON parameter that the server
 * expands with `json_to_recordset`: building a large VALUES list with drizzle's query builder costs
 * more client time than the server spends inserting it.
 */
export async function insertPayments(db: Db, rows: readonly NewPayment[]): Promise<void> {
  for (const part of chunk(rows, INSERT_CHUNK)) {
    const json = JSON.stringify(part);
    await db.execute(sql`
      insert into ${payments} (id, order_id, payer_id, idempotency_key, amount, currency, method, status,
        provider, provider_reference, failure_reason, created_at, captured_at, refunded_at, settled_at)
      select p.id, p."orderId", p."payerId", p."idempotencyKey", p.amount, coalesce(p.currency, 'CNY'),
        p.method::payments.payment_method, coalesce(p.status, 'PENDING')::payments.payment_status,
        p.provider, p."providerReference", p."failureReason", coalesce(p."createdAt", now()),
        p."capturedAt", p."refundedAt", p."settledAt"
      from json_to_recordset(${json}::json) as p(
        id uuid, "orderId" uuid, "payerId" uuid, "idempotencyKey" text, amount int, currency text,
        method text, status text, provider text, "providerReference" text, "failureReason" text,
        "createdAt" timestamptz, "capturedAt" timestamptz, "refundedAt" timestamptz,
        "settledAt" timestamptz
      )`);
  }
}
