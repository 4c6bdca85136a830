import {
  type CenterStartConfig,
  centerClient,
  createCenter,
  loadSchemaFile,
  openCenter,
} from '@zhongtai/subgraph-kit';
import type { ReviewsConfig } from './config.ts';
import type { ReviewsContext } from './context.ts';
import { migrationsFolder, type ReviewsSchema, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = 'reviews';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/** Builds the Review Center (database open and migrated, server started) without listening. */
export async function createReviewsCenter(config: CenterStartConfig & Pick<ReviewsConfig, 'SUBGRAPH_URLS'>) {
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  const products = centerClient('products', config.SUBGRAPH_URLS, trust, logger);
  return createCenter<ReviewsSchema, ReviewsContext>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    context: (base) => ({ ...base, loaders: createLoaders(base.db), products }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
export { seedReviews } from './seed.ts';
