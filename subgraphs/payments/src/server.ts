import {
  type CenterStartConfig,
  centerClient,
  createCenter,
  loadSchemaFile,
  openCenter,
  startSweeper,
} from '@zhongtai/subgraph-kit';
import type { PaymentsConfig } from './config.ts';
import type { PaymentsContext } from './context.ts';
import { migrationsFolder, type PaymentsSchema, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { type PaymentProvider, SimulatedProvider } from './provider.ts';
import { type ReconcileOptions, reconcilePayments } from './reconcile.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'payments';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

export type PaymentsCenterConfig = CenterStartConfig &
  Pick<PaymentsConfig, 'SUBGRAPH_URLS'> &
  Partial<
    Pick<
      PaymentsConfig,
      'NODE_ENV' | 'PAYMENT_PROVIDER' | 'SIMULATED_DECLINE_FEN' | 'RECONCILE_SWEEP_SECONDS'
    >
  >;

/** The provider the configuration names. */
export function createProvider(config: PaymentsCenterConfig): PaymentProvider {
  switch (config.PAYMENT_PROVIDER ?? 'simulated') {
    case 'simulated':
      return new SimulatedProvider({ declineFen: config.SIMULATED_DECLINE_FEN ?? 13 });
  }
}

/**
 * Builds the Payment Center (database open and migrated, server started, reconciler running) without
 * listening; `stop` stops the reconciler, then the server and the database. The
 * provider is the configured one unless given (tests pass their own to watch what it is asked).
 */
export async function createPaymentsCenter(
  config: PaymentsCenterConfig,
  options: { provider?: PaymentProvider } = {},
) {
  const provider = options.provider ?? createProvider(config);
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  if (provider.name === 'simulated' && config.NODE_ENV === 'production') {
    logger.warn('payments go to the simulated provider: no real money is taken');
  }
  const orders = centerClient('orders', config.SUBGRAPH_URLS, trust, logger);
  const center = await createCenter<PaymentsSchema, PaymentsContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    // Orders checks the payment it is told pays an order (markOrderPaid).
    callers: { orders: ['_entities'] },
    context: (base) => ({ ...base, loaders: createLoaders(base.db), orders, provider }),
  });
  /** Settles captured payments the Transaction Center never confirmed; see the sweeper. */
  const reconcile = (options: ReconcileOptions = {}) =>
    reconcilePayments({ db: database.db, orders, provider, logger }, options);
  const sweeper = startSweeper({
    everySeconds: config.RECONCILE_SWEEP_SECONDS ?? 60,
    sweep: () => reconcile(),
    logger,
    message: 'settled captured payments the Transaction Center had not confirmed',
  });
  return {
    ...center,
    reconcilePayments: reconcile,
    stop: async () => {
      await sweeper.stop();
      await center.stop();
    },
  };
}

export { migrationsFolder, schema } from './db/index.ts';
export {
  type CaptureRequest,
  type CaptureResult,
  type PaymentProvider,
  type RefundRequest,
  type RefundResult,
  SimulatedProvider,
} from './provider.ts';
export { insertPayments, unconfirmedCapture } from './repositories/payments.ts';
export { seedPayments } from './seed.ts';
