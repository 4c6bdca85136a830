import { type Database, keyedLoader } from '@zhongtai/subgraph-kit';
import type { PaymentsSchema } from './db/index.ts';
import { findPaymentsByIds, findPaymentsForOrders } from './repositories/payments.ts';

/** Per-request loaders: every entity lookup and list in one request batches into one statement. */
export function createLoaders(db: Database<PaymentsSchema>) {
  return {
    paymentById: keyedLoader(
      'Payment',
      (ids: readonly string[]) => findPaymentsByIds(db, ids),
      (row) => row.id,
    ),
    /** The payment that speaks for an order: its captured one, else its latest attempt. */
    paymentByOrderId: keyedLoader(
      'Payment',
      (orderIds: readonly string[]) => findPaymentsForOrders(db, orderIds),
      (row) => row.orderId,
    ),
  };
}

export type PaymentsLoaders = ReturnType<typeof createLoaders>;
