import { type CenterStartConfig, createCenter, loadSchemaFile, openCenter } from '@zhongtai/subgraph-kit';
import type { InventoryContext } from './context.ts';
import { type InventorySchema, migrationsFolder, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'inventory';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/**
 * Builds the Inventory Center (database open and migrated, server started) without listening.
 * SUBGRAPH_URLS is accepted like every center's, though this one calls no other center.
 */
export async function createInventoryCenter(config: CenterStartConfig) {
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  return createCenter<InventorySchema, InventoryContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    context: (base) => ({ ...base, loaders: createLoaders(base.db) }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
export { setStock } from './repositories/stock.ts';
export { seedInventory } from './seed.ts';
export { estimateShipping, PROVINCE_NAMES } from './shipping.ts';
