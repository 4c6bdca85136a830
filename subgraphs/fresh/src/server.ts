import {
  type CenterStartConfig,
  centerClient,
  createCenter,
  loadSchemaFile,
  openCenter,
} from '@zhongtai/subgraph-kit';
import type { FreshConfig } from './config.ts';
import type { FreshContext } from './context.ts';
import { type FreshSchema, migrationsFolder, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'fresh';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/** Builds the Fresh subgraph (database open and migrated, server started) without listening. */
export async function createFreshCenter(config: CenterStartConfig & Pick<FreshConfig, 'SUBGRAPH_URLS'>) {
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  const orders = centerClient('orders', config.SUBGRAPH_URLS, trust, logger);
  return createCenter<FreshSchema, FreshContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    context: (base) => ({ ...base, loaders: createLoaders(base.db), orders }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
export { type SeededFresh, type SeedFreshOptions, seedFresh } from './seed.ts';
