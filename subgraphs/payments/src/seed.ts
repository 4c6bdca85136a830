import { createHash } from 'node:crypto';
import { createRandom, type Database, newId } from '@zhongtai/subgraph-kit';
import type { PaymentsSchema } from './db/index.ts';
import type { NewPayment, PaymentMethod } from './db/schema.ts';
import { insertPayments } from './repositories/payments.ts';

// Rows buffered before a multi-row insert.
const FLUSH_ROWS = 20_000;

/** What a seeded order says about itself; the seed of the Transaction Center returns these. */
export interface SeedOrder {
  id: string;
  buyerId: string;
  /** The order's total in minor units. */
  total: number;
  /** CNY when absent. */
  currency?: string;
  status: string;
  /** When it was placed; read from the order's UUIDv7 id when absent. */
  placedAt?: Date | number;
  /** When the Transaction Center recorded it paid: the payment's capture time, when given. */
  paidAt?: Date | null;
}

export interface SeedPaymentsOptions {
  orders: readonly SeedOrder[];
  seed?: number;
}

const PAID = new Set(['PAID', 'SHIPPED', 'DELIVERED']);

// How Chinese shoppers pay online: mostly Alipay and WeChat Pay, some cards.
const METHODS: readonly [PaymentMethod, number][] = [
  ['ALIPAY', 0.52],
  ['WECHAT_PAY', 0.4],
  ['CARD', 0.08],
];

function pickMethod(roll: number): PaymentMethod {
  let left = roll;
  for (const [method, share] of METHODS) {
    if (left < share) return method;
    left -= share;
  }
  return 'ALIPAY';
}

/** The creation time a UUIDv7 carries in its first 48 bits, or null for another kind of id. */
function timeOfId(id: string): number | null {
  const hex = id.replace(/-/g, '');
  if (hex.length !== 32 || hex[12] !== '7') return null;
  return Number.parseInt(hex.slice(0, 12), 16);
}

/**
 * A CAPTURED payment for every order that was paid (PAID, SHIPPED or DELIVERED), as its buyer,
 * captured when the order was paid (or a few minutes after it was placed when that is not given). The
 * same seed gives the same methods and times (ids are fresh UUIDv7s). Multi-row inserts in one
 * transaction: 200,000 payments load in seconds, and a failed seed leaves nothing behind.
 */
export async function seedPayments(
  db: Database<PaymentsSchema>,
  options: SeedPaymentsOptions,
): Promise<{ payments: number }> {
  const random = createRandom(options.seed ?? 1);
  return db.transaction(async (tx) => {
    const store = tx as unknown as Database<PaymentsSchema>;
    let buffer: NewPayment[] = [];
    let written = 0;
    for (const order of options.orders) {
      if (!PAID.has(order.status) || order.total <= 0) continue;
      const placedAt =
        order.placedAt instanceof Date
          ? order.placedAt.getTime()
          : (order.placedAt ?? timeOfId(order.id) ?? Date.now());
      const method = pickMethod(random.next());
      // Most buyers pay within a minute or two; some come back a quarter of an hour later. The capture
      // takes a second or so, and is when the order was paid when the order says so.
      const delay = Math.floor(random.next() ** 3 * 15 * 60 * 1000) + 5_000;
      const took = random.int(800, 4_000);
      const capturedAt = order.paidAt ? order.paidAt.getTime() : placedAt + delay + took;
      const createdAt = capturedAt - took;
      const idempotencyKey = `seed-${order.id}`;
      buffer.push({
        id: newId(createdAt),
        orderId: order.id,
        payerId: order.buyerId,
        idempotencyKey,
        amount: order.total,
        currency: order.currency ?? 'CNY',
        method,
        status: 'CAPTURED',
        provider: 'simulated',
        providerReference: `sim_${createHash('sha256').update(`${order.buyerId}\n${idempotencyKey}`).digest('hex').slice(0, 24)}`,
        createdAt: new Date(createdAt),
        capturedAt: new Date(capturedAt),
        // The seeded orders are paid already: nothing to reconcile.
        settledAt: new Date(capturedAt),
      });
      if (buffer.length >= FLUSH_ROWS) {
        await insertPayments(store, buffer);
        written += buffer.length;
        buffer = [];
      }
    }
    await insertPayments(store, buffer);
    written += buffer.length;
    return { payments: written };
  });
}
