import { type CenterStartConfig, createCenter, loadSchemaFile, openCenter } from '@zhongtai/subgraph-kit';
import type { ProductsContext } from './context.ts';
import { migrationsFolder, type ProductsSchema, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'products';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/** Builds the Product Center (database open and migrated, server started) without listening. */
export async function createProductsCenter(config: CenterStartConfig) {
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  return createCenter<ProductsSchema, ProductsContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    // Orders snapshots SKU prices and titles; reviews checks that a product exists.
    callers: { orders: ['_entities'], reviews: ['_entities'] },
    context: (base) => ({ ...base, loaders: createLoaders(base.db) }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
export { seedProducts } from './seed.ts';
