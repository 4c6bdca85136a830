import { centerEnv, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const paymentsEnv = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(4005),
  /** Which provider takes the money; only the simulated one ships today (see provider.ts to add one). */
  PAYMENT_PROVIDER: z.enum(['simulated']).default('simulated'),
  /** The simulated provider declines amounts ending in these fen (¥x.13 by default), to try failures. */
  SIMULATED_DECLINE_FEN: z.coerce.number().int().min(0).max(99).default(13),
  /**
   * How often captured payments the Transaction Center never confirmed (a request that failed after
   * the capture, never retried) are settled or refunded; 0 turns the reconciler off.
   */
  RECONCILE_SWEEP_SECONDS: z.coerce.number().int().min(0).default(60),
});

export type PaymentsConfig = z.infer<typeof paymentsEnv>;

export function loadPaymentsConfig(env: NodeJS.ProcessEnv = process.env): PaymentsConfig {
  return parseEnv(paymentsEnv, env, 'the payments center');
}
