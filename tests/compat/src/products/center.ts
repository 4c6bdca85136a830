import { fileURLToPath } from 'node:url';
import {
  type CenterTrust,
  createCenter,
  type Logger,
  loadSchemaFile,
  openDatabase,
} from '@zhongtai/subgraph-kit';
import { type CompatContext, type CompatSchema, resolvers } from './resolvers.ts';

export const CENTER = 'products';
export const typeDefs = loadSchemaFile(new URL('./products.graphql', import.meta.url));

/** No migrations: the suite's data is fixed (data.ts), so the database holds no tables. */
const migrationsFolder = fileURLToPath(new URL('./drizzle', import.meta.url));

/**
 * The suite's products subgraph as a Zhongtai center: the kit's server, HTTP handling, error masking
 * and token check, exactly as every center gets them, over an in-memory PGlite.
 */
export async function createCompatProductsCenter(options: { trust: CenterTrust; logger: Logger }) {
  const database = await openDatabase<CompatSchema>({
    center: CENTER,
    schema: {},
    migrationsFolder,
    dataDir: 'memory://',
  });
  return createCenter<CompatSchema, CompatContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger: options.logger,
    trust: options.trust,
    context: (base) => base,
  });
}
