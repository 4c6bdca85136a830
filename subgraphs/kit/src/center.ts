import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  parse,
} from 'graphql';
import { type Database, type DatabaseHandle, openDatabase } from './db.ts';
import { graphqlHttpHandler, listen, type RequestInfo, sendJson } from './http.ts';
import { ANONYMOUS, type Identity, verifyIdentity } from './identity.ts';
import { createLogger, type Logger } from './logger.ts';
import { endSpan, runInSpan, Tracing } from './tracing.ts';

/** What every resolver of every center gets; a center adds its loaders and settings. */
export interface BaseCenterContext<S extends Record<string, unknown>> {
  db: Database<S>;
  identity: Identity;
  logger: Logger;
  requestId: string;
}

export interface CenterOptions<S extends Record<string, unknown>, C extends BaseCenterContext<S>> {
  name: string;
  typeDefs: DocumentNode;
  // biome-ignore lint/suspicious/noExplicitAny: resolver maps are typed per center by codegen
  resolvers: GraphQLResolverMap<any>;
  database: DatabaseHandle<S>;
  logger: Logger;
  /** Adds per-request pieces (DataLoaders, settings) to the base context. */
  context: (base: BaseCenterContext<S>) => C;
  /** The secret the router signs identities with; requests without a valid signature are refused. */
  gatewaySecret: string;
  plugins?: ApolloServerPlugin<C>[];
  /** Where its spans go (openCenter makes it from OTEL_EXPORTER_OTLP_ENDPOINT); unset: made, not exported. */
  tracing?: Tracing;
}

export interface Center<S extends Record<string, unknown>, C extends BaseCenterContext<S>> {
  name: string;
  schema: GraphQLSchema;
  server: ApolloServer<C>;
  httpServer: Server;
  database: DatabaseHandle<S>;
  logger: Logger;
  /** Builds the context a request with this identity would get (for in-process tests). */
  contextFor(identity?: Identity): C;
  listen(port: number, host?: string): Promise<string>;
  /** Drains in-flight requests, then closes the database. */
  stop(): Promise<void>;
}

/** What every center's validated config gives for starting it. */
export interface CenterRuntimeConfig {
  DATABASE_URL?: string | undefined;
  DATA_DIR?: string | undefined;
  DATA_DIR_WAIT_MS?: number | undefined;
  LOG_LEVEL?: string | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
}

/**
 * What every center starts with: its logger, its tracing, and its database opened with its
 * migrations applied.
 */
export async function openCenter<S extends Record<string, unknown>>(
  name: string,
  database: { schema: S; migrationsFolder: string },
  config: CenterRuntimeConfig,
): Promise<{ logger: Logger; tracing: Tracing; database: DatabaseHandle<S> }> {
  const logger = createLogger(name, config.LOG_LEVEL);
  return {
    logger,
    tracing: new Tracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: `zhongtai-${name}` }),
    database: await openDatabase({
      center: name,
      schema: database.schema,
      migrationsFolder: database.migrationsFolder,
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      waitMs: config.DATA_DIR_WAIT_MS ?? 0,
    }),
  };
}

export function loadSchemaFile(url: URL): DocumentNode {
  return parse(readFileSync(url, 'utf8'));
}

/**
 * Prometheus text for what a center's operators and the benchmark read: SQL statements sent (so
 * statements per operation can be measured from outside) and resident memory.
 */
function centerMetrics(center: string, database: DatabaseHandle<Record<string, unknown>>): string {
  const labels = `{center="${center}",database="${database.kind}"}`;
  return [
    '# HELP zhongtai_sql_statements_total SQL statements this center sent to its database.',
    '# TYPE zhongtai_sql_statements_total counter',
    `zhongtai_sql_statements_total${labels} ${database.stats.statements}`,
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${process.memoryUsage.rss()}`,
    '',
  ].join('\n');
}

/** Hides internal errors from clients: they get a generic message and the request id to quote. */
function maskInternalErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError || formatted.extensions?.code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error({ err: original, path: formatted.path }, 'internal error in resolver');
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

export async function createCenter<S extends Record<string, unknown>, C extends BaseCenterContext<S>>(
  options: CenterOptions<S, C>,
): Promise<Center<S, C>> {
  const { logger, database } = options;
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]);
  const httpServer = createServer();
  const server = new ApolloServer<C>({
    schema,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals): drain, close the database, then exit.
    stopOnTerminationSignals: false,
    formatError: maskInternalErrors(logger),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ...(options.plugins ?? []),
    ],
    logger,
  });
  await server.start();

  const contextFor = (identity: Identity = ANONYMOUS, requestId = 'in-process'): C =>
    options.context({ db: database.db, identity, logger: logger.child({ requestId }), requestId });

  const context = async ({ headers, requestId }: RequestInfo): Promise<C> => {
    const check = verifyIdentity(headers, options.gatewaySecret);
    if (!check.ok) {
      logger.warn(
        { requestId, reason: check.reason },
        'refused a request that did not come through the router',
      );
      throw new GraphQLError('This service only answers requests signed by the Zhongtai router.', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    return contextFor(check.identity, requestId);
  };

  const tracing = options.tracing ?? new Tracing({ serviceName: `zhongtai-${options.name}` });
  const handle = graphqlHttpHandler({
    server,
    context,
    logger,
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', center: options.name }),
      '/metrics': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(centerMetrics(options.name, database));
      },
      '/ready': async (_req, res) => {
        try {
          await database.db.execute('select 1');
          sendJson(res, 200, { status: 'ready', center: options.name });
        } catch (error) {
          logger.warn({ err: error }, 'readiness check failed');
          sendJson(res, 503, { status: 'unavailable', center: options.name });
        }
      },
    },
  });
  // A span for each GraphQL request (probes are not worth one), continuing the router's trace; calls
  // this center makes to others while serving it become its children (CenterClient).
  httpServer.on('request', (req, res) => {
    if (req.method !== 'POST') return handle(req, res);
    const span = tracing.startRequest(req.headers, `${options.name} ${req.method} ${req.url ?? '/'}`);
    span.setAttribute('zhongtai.center', options.name);
    const requestId = req.headers['x-request-id'];
    if (typeof requestId === 'string') span.setAttribute('zhongtai.request_id', requestId);
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      endSpan(span, res.statusCode >= 500 ? new Error(`HTTP ${res.statusCode}`) : undefined);
    });
    return runInSpan(tracing, span, () => handle(req, res));
  });

  return {
    name: options.name,
    schema,
    server,
    httpServer,
    database,
    logger,
    contextFor,
    listen: async (port, host = '127.0.0.1') => {
      const url = await listen(httpServer, port, host);
      logger.info({ url: `${url}/graphql` }, `${options.name} center listening`);
      return url;
    },
    stop: async () => {
      await server.stop();
      await database.close();
      // Exports what is still buffered.
      await tracing.shutdown();
    },
  };
}
