import {
  type CenterStartConfig,
  createCenter,
  loadSchemaFile,
  openCenter,
  startSweeper,
} from '@zhongtai/subgraph-kit';
import { createCenterClients } from './centers.ts';
import type { OrdersConfig } from './config.ts';
import type { OrdersContext } from './context.ts';
import { migrationsFolder, type OrdersSchema, schema } from './db/index.ts';
import { type ExpireOptions, expireOverdueOrders } from './lifecycle.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'orders';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/**
 * Builds the Transaction Center (database open and migrated, server started, expiry sweeper
 * running) without listening. `stop` stops the sweeper, then the server and the database.
 */
export async function createOrdersCenter(
  config: CenterStartConfig &
    Pick<OrdersConfig, 'SUBGRAPH_URLS' | 'ORDER_TTL_SECONDS' | 'EXPIRY_SWEEP_SECONDS'>,
) {
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  const centers = createCenterClients(config.SUBGRAPH_URLS, trust, logger);
  const settings = { orderTtlSeconds: config.ORDER_TTL_SECONDS };
  const center = await createCenter<OrdersSchema, OrdersContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    // Fresh reads an order's status; payments reads the order it is about to charge.
    callers: { fresh: ['_entities'], payments: ['_entities'] },
    context: (base) => ({ ...base, loaders: createLoaders(base.db), centers, settings }),
  });
  /** Cancels the unpaid orders past their deadline now and releases their stock; see the sweeper. */
  const expire = (options: Omit<ExpireOptions, 'logger'> = {}) =>
    expireOverdueOrders(database.db, centers.inventory, { ...options, logger });
  const sweeper = startSweeper({
    everySeconds: config.EXPIRY_SWEEP_SECONDS,
    sweep: () => expire(),
    logger,
    message: 'cancelled unpaid orders past their deadline',
  });
  return {
    ...center,
    expireOverdueOrders: expire,
    stop: async () => {
      await sweeper.stop();
      await center.stop();
    },
  };
}

export type OrdersCenter = Awaited<ReturnType<typeof createOrdersCenter>>;

export { migrationsFolder, schema } from './db/index.ts';
export { expireOverdueOrders } from './lifecycle.ts';
export { seedOrders } from './seed.ts';
