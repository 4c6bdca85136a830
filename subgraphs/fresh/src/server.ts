import {
  CenterClient,
  centerUrl,
  createCenter,
  createLogger,
  loadSchemaFile,
  openDatabase,
} from '@zhongtai/subgraph-kit';
import type { FreshConfig } from './config.ts';
import type { FreshContext } from './context.ts';
import { type FreshSchema, migrationsFolder, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'fresh';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/** Builds the Fresh subgraph (database open and migrated, server started) without listening. */
export async function createFreshCenter(
  config: Pick<FreshConfig, 'DATABASE_URL' | 'DATA_DIR' | 'GATEWAY_SECRET' | 'LOG_LEVEL' | 'SUBGRAPH_URLS'>,
) {
  const logger = createLogger(CENTER, config.LOG_LEVEL);
  const database = await openDatabase({
    center: CENTER,
    schema,
    migrationsFolder,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  const orders = new CenterClient(
    'orders',
    centerUrl(config.SUBGRAPH_URLS, 'orders'),
    config.GATEWAY_SECRET,
    logger,
  );
  return createCenter<FreshSchema, FreshContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    gatewaySecret: config.GATEWAY_SECRET,
    context: (base) => ({ ...base, loaders: createLoaders(base.db), orders }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
export { type SeededFresh, type SeedFreshOptions, seedFresh } from './seed.ts';
