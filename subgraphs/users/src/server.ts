import { type CenterStartConfig, createCenter, loadSchemaFile, openCenter } from '@zhongtai/subgraph-kit';
import type { UsersConfig } from './config.ts';
import type { UsersContext } from './context.ts';
import { migrationsFolder, schema, type UsersSchema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'users';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/** Builds the User Center (database open and migrated, server started) without listening. */
export async function createUsersCenter(
  config: CenterStartConfig & Pick<UsersConfig, 'JWT_SECRET' | 'JWT_TTL'>,
) {
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  const tokens = { secret: config.JWT_SECRET, ttl: config.JWT_TTL };
  return createCenter<UsersSchema, UsersContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    // Orders reads the buyer's addresses to snapshot the shipping address.
    callers: { orders: ['_entities'] },
    context: (base) => ({ ...base, loaders: createLoaders(base.db), tokens }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
export { DEMO_EMAIL, DEMO_PASSWORD, seedUsers } from './seed.ts';
