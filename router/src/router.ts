import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  createLogger,
  createRequestSigner,
  devServiceKey,
  graphqlHttpHandler,
  type Identity,
  type Logger,
  listen,
  type RequestInfo,
  ROUTER_SERVICE,
  type Route,
  sendJson,
  Tracing,
} from '@zhongtai/subgraph-kit';
import { type GraphQLFormattedError, parse } from 'graphql';
import { createAuthenticator } from './auth.ts';
import { clientErrorsPlugin } from './client-errors.ts';
import type { RouterConfig } from './config.ts';
import type { RouterContext } from './context.ts';
import { debugPlugin } from './debug/plugin.ts';
import { RequestDebug, wantsPlan } from './debug/recorder.ts';
import { DemandControl, type DemandSchema, readCostDirectives } from './demand.ts';
import { SubgraphFetcher } from './engine/fetch/index.ts';
import { ZhongtaiGateway } from './gateway.ts';
import { applyCors, corsPolicy } from './hardening.ts';
import { RouterMetrics } from './metrics.ts';
import { createRateLimiter } from './ratelimit.ts';
import { sandboxLandingPage, sandboxRoutes } from './sandbox/index.ts';
import { FileSupergraphSource, type SubgraphEndpoint } from './supergraph.ts';
import { RouterTelemetry } from './telemetry.ts';
import { TrustedDocuments } from './trusted.ts';

export type { RouterConfig } from './config.ts';
export { loadRouterConfig } from './config.ts';
export type { RouterContext } from './context.ts';
export { ZhongtaiGateway } from './gateway.ts';

export interface Router {
  server: ApolloServer<RouterContext>;
  httpServer: Server;
  gateway: ZhongtaiGateway;
  logger: Logger;
  /** Loads the supergraph, then binds HOST:PORT; resolves to the base URL (GraphQL is at `/graphql`). */
  listen(): Promise<string>;
  /** Where /metrics is served when METRICS_PORT gives it a port of its own (set once listening). */
  metricsUrl: string | undefined;
  /** Drains in-flight requests, then stops the gateway. */
  stop(): Promise<void>;
}

const INTERNAL_MESSAGE = 'Internal server error';
const READY_TIMEOUT_MS = 2000;

const isInternal = (formatted: GraphQLFormattedError) =>
  formatted.extensions?.code === undefined || formatted.extensions.code === 'INTERNAL_SERVER_ERROR';

/**
 * In production an unexpected error must not tell a client anything about our internals (messages of
 * failed fetches name internal hosts); its details stay in the logs. Stack traces never leave, in any
 * environment.
 */
function formatError(production: boolean) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (!production || !isInternal(formatted)) return { ...formatted, extensions };
    return {
      message: INTERNAL_MESSAGE,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * Logs unexpected errors with the request id, and puts that id into the masked messages so a client
 * can quote it; formatError cannot, as it does not see the request.
 */
function requestErrorsPlugin(production: boolean, logger: Logger): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') continue;
            logger.error(
              {
                err: error.originalError ?? error,
                requestId: contextValue.requestId,
                path: error.path,
                operationName,
              },
              'internal error',
            );
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (!production || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (!result.errors) return;
          result.errors = result.errors.map((error) =>
            error.message === INTERNAL_MESSAGE && error.extensions?.code === 'INTERNAL_SERVER_ERROR'
              ? {
                  ...error,
                  message: `${INTERNAL_MESSAGE}; quote request id ${contextValue.requestId} when reporting it.`,
                  extensions: { ...error.extensions, requestId: contextValue.requestId },
                }
              : error,
          );
        },
      };
    },
  };
}

async function subgraphIsUp({ url }: SubgraphEndpoint): Promise<boolean> {
  try {
    // Centers serve /health beside /graphql: http://host:4001/graphql → http://host:4001/health.
    const response = await fetch(new URL('health', url), { signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

function readinessRoute(gateway: ZhongtaiGateway, fetcher: SubgraphFetcher): Route {
  return async (_req, res) => {
    if (!gateway.supergraph) {
      sendJson(res, 503, { status: 'unavailable', reason: 'supergraph not loaded' });
      return;
    }
    const subgraphs = gateway.subgraphs();
    const up = await Promise.all(subgraphs.map(subgraphIsUp));
    const down = subgraphs.filter((_, i) => !up[i]).map((s) => s.name);
    const status = Object.fromEntries(subgraphs.map((s, i) => [s.name, up[i] ? 'up' : 'down']));
    const breakers = fetcher.breakers();
    if (down.length > 0) sendJson(res, 503, { status: 'unavailable', down, subgraphs: status, breakers });
    else sendJson(res, 200, { status: 'ready', subgraphs: status, breakers });
  };
}

// An empty header says no more than a missing one.
const headerValue = (value: string | undefined) => (value ? value : null);
const clientNameOf = (headers: HeaderMap) => headerValue(headers.get('apollographql-client-name'));

export function createRouter(
  config: RouterConfig,
  logger: Logger = createLogger('router', config.LOG_LEVEL),
): Router {
  const production = config.NODE_ENV === 'production';
  const trustedMode = config.TRUSTED_DOCUMENTS ?? (production ? 'require' : 'allow');
  const trusted = TrustedDocuments.load(config.PERSISTED_QUERIES_DIR);
  const sandbox = config.SANDBOX ?? !production;
  const exposePlans = config.EXPOSE_QUERY_PLANS ?? !production;
  const fetcher = new SubgraphFetcher({
    // The router's key signs every subgraph fetch; outside production it defaults to this machine's.
    signer: createRequestSigner({
      service: ROUTER_SERVICE,
      key: config.SERVICE_KEY ?? devServiceKey(ROUTER_SERVICE),
    }),
    connections: config.SUBGRAPH_CONNECTIONS,
    timeoutMs: config.SUBGRAPH_TIMEOUT_MS,
    mutationTimeoutMs: config.SUBGRAPH_MUTATION_TIMEOUT_MS,
    timeouts: config.SUBGRAPH_TIMEOUTS,
    dedup: config.SUBGRAPH_DEDUP,
    retries: config.SUBGRAPH_RETRIES,
    breakerFailures: config.SUBGRAPH_BREAKER_FAILURES,
    breakerCooldownMs: config.SUBGRAPH_BREAKER_COOLDOWN_MS,
    maxInFlight: config.SUBGRAPH_MAX_IN_FLIGHT,
    logger,
  });
  const gateway = new ZhongtaiGateway({
    source: new FileSupergraphSource(config.SUPERGRAPH_PATH),
    fetcher,
    engine: config.ROUTER_ENGINE,
    urlOverrides: config.SUBGRAPH_URLS,
    validateSupergraph: !production,
    watch: config.NODE_ENV === 'development',
    logger,
    // Every registered operation is planned as soon as a supergraph loads, so no front-end waits for
    // planning on its first request (after a hot reload too).
    warm: (engine) => {
      for (const operation of trusted.operations()) {
        try {
          engine.planner.plan(parse(operation.body), operation.name);
        } catch (error) {
          logger.warn({ err: error, operation: operation.name }, 'a registered operation does not plan');
        }
      }
    },
  });
  const httpServer = createServer();
  const metrics = new RouterMetrics({
    clients: [...trusted.clients, ...config.ROUTER_METRICS_CLIENTS],
    extraClients: config.ROUTER_METRICS_EXTRA_CLIENTS,
  });
  metrics.breakerStates = () => fetcher.breakers();
  const telemetry = new RouterTelemetry(
    metrics,
    new Tracing({ endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: 'zhongtai-router' }),
    logger,
  );
  const server = new ApolloServer<RouterContext>({
    gateway,
    logger,
    introspection: !production,
    // No "Did you mean …?" in validation errors in production: they would spell out the schema.
    hideSchemaDetailsFromClientErrors: production,
    // Already Apollo Server's defaults; said here because the router's hardening depends on them.
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // Registered operations run by id; under `require` nothing else is stored or run.
    persistedQueries: { cache: trusted.apqCache(trustedMode) },
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (stopOnSignals): drain, close the database, then exit.
    stopOnTerminationSignals: false,
    formatError: formatError(production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Apollo's default pages load its hosted sandbox from a CDN; ours is served by the router.
      sandbox ? sandboxLandingPage<RouterContext>() : ApolloServerPluginLandingPageDisabled(),
      clientErrorsPlugin(logger),
      requestErrorsPlugin(production, logger),
      telemetry.plugin(),
      debugPlugin(),
    ],
  });
  const authenticate = createAuthenticator({
    jwtSecret: config.JWT_SECRET,
    publicKey: config.JWT_PUBLIC_KEY,
    jwksUrl: config.JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
  });
  // The rate limiter and the context both need the caller: the token is verified once per request.
  const identities = new WeakMap<IncomingMessage, Promise<Identity>>();
  const identify = ({ req, headers }: RequestInfo): Promise<Identity> => {
    let identity = identities.get(req);
    if (!identity) {
      identity = authenticate(headers.get('authorization'));
      identities.set(req, identity);
    }
    return identity;
  };
  const rateLimiter = createRateLimiter(config, identify, logger);
  const demand = new DemandControl(
    {
      maxDepth: config.MAX_DEPTH,
      maxAliases: config.MAX_ALIASES,
      maxRootFields: config.MAX_ROOT_FIELDS,
      maxTokens: config.MAX_TOKENS,
      maxCost: config.MAX_COST,
      defaultListSize: config.DEFAULT_LIST_SIZE,
    },
    config.CLIENT_LIMITS,
  );
  // The cost annotations of the supergraph being served, read again when it changes.
  let demandSchema: DemandSchema | undefined;
  let demandSdl: string | undefined;
  const currentDemandSchema = (): DemandSchema | undefined => {
    const loaded = gateway.supergraph;
    if (!loaded) return undefined;
    if (loaded.sdl !== demandSdl) {
      demandSchema = { schema: loaded.apiGraphQLSchema, costs: readCostDirectives(loaded.sdl) };
      demandSdl = loaded.sdl;
    }
    return demandSchema;
  };

  const context = async (info: RequestInfo): Promise<RouterContext> => {
    const { req, headers, requestId } = info;
    return {
      identity: await identify(info),
      requestId,
      clientName: clientNameOf(headers),
      clientVersion: headerValue(headers.get('apollographql-client-version')),
      deadline: Date.now() + config.ROUTER_REQUEST_DEADLINE_MS,
      telemetry: telemetry.forRequest(req),
      debug: exposePlans && wantsPlan(headers.get('x-zhongtai-debug')) ? new RequestDebug() : undefined,
    };
  };

  httpServer.on(
    'request',
    graphqlHttpHandler({
      server,
      context,
      logger,
      bodyLimitBytes: config.BODY_LIMIT_BYTES,
      // Rate limits first: a refused caller costs no parsing.
      screen: telemetry.screen([
        rateLimiter.screen,
        (params, { headers }) => trusted.check(trustedMode, params, clientNameOf(headers)),
        (params, { headers }) => {
          const refusal = demand.check(params, clientNameOf(headers), currentDemandSchema());
          return refusal ? { status: 400, ...refusal } : undefined;
        },
      ]),
      routes: {
        '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }),
        '/ready': readinessRoute(gateway, fetcher),
        ...(config.METRICS_PORT === undefined ? { '/metrics': telemetry.metricsRoute } : {}),
        ...(sandbox ? sandboxRoutes(() => trusted.byClientName()) : {}),
      },
    }),
  );
  telemetry.instrumentServer(httpServer);
  // CORS answers preflights and marks allowed origins in front of every route above.
  applyCors(httpServer, corsPolicy(config.CORS_ORIGINS, production));

  // With METRICS_PORT, scrapes go to a port of their own that the public one does not expose.
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : createServer((req, res) => {
          if (req.method === 'GET' && new URL(req.url ?? '/', 'http://metrics').pathname === '/metrics') {
            void telemetry.metricsRoute(req, res);
          } else sendJson(res, 404, { error: 'Only GET /metrics is served on this port.' });
        });

  let started = false;
  const router: Router = {
    server,
    httpServer,
    gateway,
    logger,
    metricsUrl: undefined,
    listen: async () => {
      await server.start();
      started = true;
      if (gateway.engineName) telemetry.metrics.engine(gateway.engineName);
      if (metricsServer && config.METRICS_PORT !== undefined) {
        router.metricsUrl = await listen(metricsServer, config.METRICS_PORT, config.HOST);
      }
      return listen(httpServer, config.PORT, config.HOST);
    },
    stop: async () => {
      if (metricsServer?.listening) {
        await new Promise<void>((resolve) => metricsServer.close(() => resolve()));
      }
      if (started) await server.stop();
      else await gateway.stop();
      await Promise.all([rateLimiter.close(), telemetry.shutdown()]);
    },
  };
  return router;
}
