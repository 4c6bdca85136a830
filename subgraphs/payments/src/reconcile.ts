import { randomUUID } from 'node:crypto';
import { type CenterClient, type Database, type Logger, sweepClaimedBatches } from '@zhongtai/subgraph-kit';
import type { PaymentsSchema } from './db/index.ts';
import { codeOf, settle } from './pay.ts';
import type { PaymentProvider } from './provider.ts';
import { claimUnsettled } from './repositories/payments.ts';

export interface ReconcileOptions {
  /** Leave payments captured more recently than this alone: their own request may still settle them. */
  olderThanSeconds?: number;
  /** Payments looked at per sweep. */
  limit?: number;
  /** Payments claimed, and settled, per transaction. */
  batchSize?: number;
}

/**
 * Settles captured payments the Transaction Center never confirmed: the buyer's request failed after
 * the money was taken (the Transaction Center did not answer) and the buyer never retried. Each is
 * settled as its payer would have been: the order is marked paid, or, when the order can no longer
 * take it (it expired meanwhile), the money is refunded. One that still cannot be settled (the
 * Transaction Center is still down) waits for the next sweep. Returns how many were settled.
 *
 * Payments are claimed a batch per transaction (`sweepClaimedBatches`), so the reconcilers of several
 * replicas never settle, or refund, one payment twice. A reconciler that dies mid-batch rolls its
 * claim back: marking the order paid again is a no-op, and a refund made just before dying is asked
 * again with the same reference, which a provider deduplicates refunds on.
 */
export async function reconcilePayments(
  deps: { db: Database<PaymentsSchema>; orders: CenterClient; provider: PaymentProvider; logger: Logger },
  options: ReconcileOptions = {},
): Promise<number> {
  const olderThanSeconds = options.olderThanSeconds ?? 60;
  return sweepClaimedBatches({
    db: deps.db,
    batchSize: options.batchSize ?? 10,
    limit: options.limit ?? 100,
    claim: (tx, limit) => claimUnsettled(tx, olderThanSeconds, limit),
    handle: async (tx, unsettled) => {
      let settled = 0;
      for (const payment of unsettled) {
        const requestId = `reconcile-${randomUUID()}`;
        try {
          await settle(
            { ...deps, db: tx, identity: { userId: payment.payerId, scopes: [] }, requestId },
            payment,
          );
          deps.logger.info(
            { paymentId: payment.id, orderId: payment.orderId, requestId },
            'reconciled a payment',
          );
          settled++;
        } catch (error) {
          // A refusal went to settle's refund (which logs a refund that failed); anything else waits for the next sweep.
          if (codeOf(error) === 'CONFLICT') settled++;
          else
            deps.logger.warn(
              { err: error, paymentId: payment.id, requestId },
              'could not reconcile a payment yet',
            );
        }
      }
      return { handled: settled, failed: unsettled.length - settled };
    },
  });
}
