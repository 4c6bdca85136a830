import { readdirSync, readFileSync } from 'node:fs';
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
import { callersPlugin, checkInternalFields } from './access.ts';
import { DEFAULT_CENTER_PORTS } from './config.ts';
import { type Database, type DatabaseHandle, openDatabase } from './db.ts';
import { graphqlHttpHandler, listen, type RequestInfo, type Route, sendJson } from './http.ts';
import { ANONYMOUS, type Identity, ROUTER_SERVICE } from './identity.ts';
import { refuseBadText } from './input.ts';
import { createLogger, type Logger } from './logger.ts';
import { endSpan, runInSpan, Tracing } from './tracing.ts';
import {
  createRequestSigner,
  createRequestVerifier,
  devKeyDir,
  devServiceKey,
  type RequestSigner,
  type ServiceKey,
  type TrustedKeys,
  trustKeys,
} from './trust.ts';

/** How a center signs the calls it makes and whose signatures it accepts (trust.ts). */
export interface CenterTrust {
  service: string;
  key: ServiceKey;
  trustedKeys: TrustedKeys;
  signer: RequestSigner;
}

export interface TrustConfig {
  SERVICE_KEY?: ServiceKey | undefined;
  TRUSTED_KEYS?: TrustedKeys | undefined;
  SUBGRAPH_URLS?: Readonly<Record<string, string>> | undefined;
}

/**
 * The service's keys from its configuration. Unset (which config validation allows outside
 * production only): this machine's development keys, made on first use, trusting the router and every
 * center it knows of (the defaults, SUBGRAPH_URLS, and every development key already made).
 */
export function serviceTrust(service: string, config: TrustConfig): CenterTrust {
  const key = config.SERVICE_KEY ?? devServiceKey(service);
  let trustedKeys = config.TRUSTED_KEYS;
  if (!trustedKeys) {
    let made: string[] = [];
    try {
      made = readdirSync(devKeyDir())
        .filter((file) => file.endsWith('.key'))
        .map((file) => file.slice(0, -'.key'.length));
    } catch {}
    const services = new Set([
      ROUTER_SERVICE,
      service,
      ...Object.keys(DEFAULT_CENTER_PORTS),
      // The business line in this repository; other subgraphs are named in SUBGRAPH_URLS.
      'fresh',
      ...Object.keys(config.SUBGRAPH_URLS ?? {}),
      ...made,
    ]);
    trustedKeys = trustKeys(Object.fromEntries([...services].map((name) => [name, devServiceKey(name)])));
  }
  return { service, key, trustedKeys, signer: createRequestSigner({ service, key }) };
}

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
  /** Its keys (openCenter makes them from the config): requests without a valid token are refused. */
  trust: CenterTrust;
  /**
   * The root fields each other center may call, e.g. `{ orders: ['_entities'] }`; internal fields
   * say who may call them with `callableBy`. The router may call every field the API exposes.
   */
  callers?: Readonly<Record<string, readonly string[]>>;
  /** Serve /metrics on this port instead of the public one, where it then needs a signed request. */
  metricsPort?: number | undefined;
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
  /** Listens on `port` (and the metrics port, when it has one). */
  listen(port: number, host?: string): Promise<string>;
  /** Where /metrics is served when it has a port of its own (after `listen`). */
  metricsUrl?: string;
  /** Drains in-flight requests, then closes the database. */
  stop(): Promise<void>;
}

/** What every center's validated config gives for starting it. */
export interface CenterRuntimeConfig {
  DATABASE_URL?: string | undefined;
  DATABASE_POOL_SIZE?: number | undefined;
  DATA_DIR?: string | undefined;
  DATA_DIR_WAIT_MS?: number | undefined;
  LOG_LEVEL?: string | undefined;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  METRICS_PORT?: number | undefined;
}

/** The settings `openCenter` reads: a center's builder takes these and whatever it needs besides. */
export type CenterStartConfig = CenterRuntimeConfig & TrustConfig;

/**
 * What every center starts with: its logger, its tracing, its keys, and its database opened with
 * its migrations applied.
 */
export async function openCenter<S extends Record<string, unknown>>(
  name: string,
  database: { schema: S; migrationsFolder: string },
  config: CenterStartConfig,
): Promise<{
  logger: Logger;
  tracing: Tracing;
  database: DatabaseHandle<S>;
  trust: CenterTrust;
  metricsPort: number | undefined;
}> {
  const logger = createLogger(name, config.LOG_LEVEL);
  return {
    logger,
    trust: serviceTrust(name, config),
    metricsPort: config.METRICS_PORT,
    tracing: new Tracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: `zhongtai-${name}` }),
    database: await openDatabase({
      center: name,
      schema: database.schema,
      migrationsFolder: database.migrationsFolder,
      databaseUrl: config.DATABASE_URL,
      maxConnections: config.DATABASE_POOL_SIZE,
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
  const { logger, database, trust } = options;
  checkInternalFields(options.name, options.typeDefs, options.resolvers as Record<string, unknown>);
  const schema = refuseBadText(
    buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
  );
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
      callersPlugin<C>(options.name, options.callers ?? {}, options.resolvers as Record<string, unknown>),
      ...(options.plugins ?? []),
    ],
    logger,
  });
  await server.start();

  const contextFor = (identity: Identity = ANONYMOUS, requestId = 'in-process'): C =>
    options.context({ db: database.db, identity, logger: logger.child({ requestId }), requestId });

  const verifier = createRequestVerifier({ audience: options.name, trustedKeys: trust.trustedKeys });
  const context = async ({ headers, requestId, method, rawBody }: RequestInfo): Promise<C> => {
    const check = verifier.verify({ method: method ?? 'POST', headers, body: rawBody ?? '' });
    if (!check.ok) {
      logger.warn({ requestId, reason: check.reason }, 'refused a request without a valid token');
      throw new GraphQLError('This service only answers requests signed by a Zhongtai service.', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    return contextFor(check.identity, requestId);
  };

  const metrics: Route = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(centerMetrics(options.name, database));
  };
  // SQL counts and memory are for operators: on a port of their own, or for signed requests only.
  const signedMetrics: Route = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const check = verifier.verify({
      method: req.method ?? 'GET',
      headers: { get: (name) => (req.headers[name] as string | undefined) ?? null },
      body: url.search,
    });
    if (!check.ok) {
      sendJson(res, 401, {
        errors: [{ message: 'Metrics need a signed request.', extensions: { code: 'UNAUTHENTICATED' } }],
      });
      return;
    }
    metrics(req, res);
  };
  const metricsServer = options.metricsPort === undefined ? undefined : createServer(metrics);

  const tracing = options.tracing ?? new Tracing({ serviceName: `zhongtai-${options.name}` });
  const handle = graphqlHttpHandler({
    server,
    context,
    logger,
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', center: options.name }),
      ...(metricsServer ? {} : { '/metrics': signedMetrics }),
      '/ready': async (_req, res) => {
        try {
          await database.ping();
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

  const center: Center<S, C> = {
    name: options.name,
    schema,
    server,
    httpServer,
    database,
    logger,
    contextFor,
    listen: async (port, host = '127.0.0.1') => {
      const url = await listen(httpServer, port, host);
      if (metricsServer && !metricsServer.listening) {
        center.metricsUrl = `${await listen(metricsServer, options.metricsPort ?? 0, host)}/metrics`;
      }
      logger.info({ url: `${url}/graphql`, metrics: center.metricsUrl }, `${options.name} center listening`);
      return url;
    },
    stop: async () => {
      if (metricsServer?.listening) await new Promise((done) => metricsServer.close(done));
      await server.stop();
      await database.close();
      // Exports what is still buffered.
      await tracing.shutdown();
    },
  };
  return center;
}
