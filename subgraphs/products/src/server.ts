import { createCenter, createLogger, loadSchemaFile, openDatabase } from '@zhongtai/subgraph-kit';
import type { ProductsConfig } from './config.ts';
import type { ProductsContext } from './context.ts';
import { migrationsFolder, type ProductsSchema, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'products';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/** Builds the Product Center (database open and migrated, server started) without listening. */
export async function createProductsCenter(
  config: Pick<ProductsConfig, 'DATABASE_URL' | 'DATA_DIR' | 'GATEWAY_SECRET' | 'LOG_LEVEL'>,
) {
  const logger = createLogger(CENTER, config.LOG_LEVEL);
  const database = await openDatabase({
    center: CENTER,
    schema,
    migrationsFolder,
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
  });
  return createCenter<ProductsSchema, ProductsContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    gatewaySecret: config.GATEWAY_SECRET,
    context: (base) => ({ ...base, loaders: createLoaders(base.db) }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
export { seedProducts } from './seed.ts';
