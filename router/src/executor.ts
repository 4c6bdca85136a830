import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSourceProcessOptions,
  RemoteGraphQLDataSource,
  type ServiceMap,
} from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type {
  GatewayExecutionResult,
  GatewayGraphQLRequestContext,
  GatewayGraphQLResponse,
} from '@apollo/server-gateway-interface';
import { ANONYMOUS, type Logger, signIdentity } from '@zhongtai/subgraph-kit';
import { GraphQLError, type GraphQLSchema, getVariableValues, validate } from 'graphql';
import type { RouterContext } from './context.ts';
import type { LoadedSupergraph, SubgraphEndpoint } from './supergraph.ts';
import type { FetchObservation } from './telemetry.ts';

export type OperationContext = ReturnType<typeof buildOperationContext>;
export type RouterRequestContext = GatewayGraphQLRequestContext<RouterContext>;

/**
 * Runs a query plan against the subgraphs. This is the piece a faster engine replaces, so it sees
 * nothing of planning or HTTP: a plan, the request, and the operation it answers.
 */
export interface PlanExecutor {
  execute(
    plan: QueryPlan,
    requestContext: RouterRequestContext,
    operationContext: OperationContext,
  ): Promise<GatewayExecutionResult>;
}

export type PreparedOperation = { operationContext: OperationContext } | { errors: readonly GraphQLError[] };

/**
 * Selects the operation and checks the request's variables against the API schema, as ApolloGateway
 * does before planning: Apollo Server has already validated the document, but variable values are
 * only checked during execution, which the gateway path never reaches, and a bad variable must not
 * cost a plan.
 */
export function prepareOperation(
  apiSchema: GraphQLSchema,
  requestContext: RouterRequestContext,
): PreparedOperation {
  // Apollo Server validated the document against the schema current when the request arrived; after a
  // supergraph update the request may run against a newer one, where it may no longer be valid.
  if (requestContext.schema !== apiSchema) {
    const invalid = validate(apiSchema, requestContext.document);
    if (invalid.length > 0) {
      return {
        errors: invalid.map(
          (error) =>
            new GraphQLError(error.message, {
              nodes: error.nodes,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
        ),
      };
    }
  }
  const operationContext = buildOperationContext({
    schema: apiSchema,
    operationDocument: requestContext.document,
    operationName: requestContext.request.operationName,
  });
  const definitions = operationContext.operation.variableDefinitions;
  if (!definitions || definitions.length === 0) return { operationContext };
  const { errors } = getVariableValues(apiSchema, definitions, requestContext.request.variables ?? {});
  if (!errors) return { operationContext };
  // Coded as Apollo Server codes them when it executes itself; uncoded they would read as internal errors.
  return {
    errors: errors.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          originalError: error.originalError,
          extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
        }),
    ),
  };
}

// One signature per request, however many fetches its plan makes.
const signedIdentities = new WeakMap<object, Record<string, string>>();
// Each fetch's timing and trace span, from process() to willSendRequest() (both get the same options).
const observedFetches = new WeakMap<object, FetchObservation>();

type SubgraphResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];
type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

// Node's own fetch (undici, keep-alive pooled) instead of the gateway's default make-fetch-happen,
// whose HTTP agent builds an Error and reads its stack on every request to tell http from https:
// with source maps on, that alone cost more CPU than planning a product page.
const nodeFetch = globalThis.fetch as unknown as Fetcher;

export interface SubgraphDataSourceOptions {
  name: string;
  url: string;
  gatewaySecret: string;
  logger: Logger;
}

/**
 * A subgraph reached over HTTP. It adds what every center requires: the identity the router
 * established, signed with the gateway secret (centers refuse unsigned requests), the request id
 * for log correlation, and the client's name and version.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<RouterContext> {
  readonly name: string;
  readonly #gatewaySecret: string;
  readonly #logger: Logger;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url, fetcher: nodeFetch });
    this.name = options.name;
    this.#gatewaySecret = options.gatewaySecret;
    this.#logger = options.logger;
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<RouterContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Health checks and schema loads come with an empty context: they go out as anonymous.
    const context = options.context as Partial<RouterContext>;
    let signed = signedIdentities.get(context);
    if (!signed) {
      signed = signIdentity(context.identity ?? ANONYMOUS, this.#gatewaySecret);
      signedIdentities.set(context, signed);
    }
    for (const [name, value] of Object.entries(signed)) headers.set(name, value);
    if (context.requestId) headers.set('x-request-id', context.requestId);
    if (context.clientName) headers.set('apollographql-client-name', context.clientName);
    if (context.clientVersion) headers.set('apollographql-client-version', context.clientVersion);
    for (const [name, value] of Object.entries(observedFetches.get(options)?.headers ?? {})) {
      headers.set(name, value);
    }
  }

  /** Each fetch of a request is timed (metrics) and traced (its `traceparent` goes to the subgraph). */
  override async process(
    options: GraphQLDataSourceProcessOptions<RouterContext>,
  ): Promise<GatewayGraphQLResponse> {
    const observation = (options.context as Partial<RouterContext>).telemetry?.fetchStarted(this.name);
    if (!observation) return super.process(options);
    observedFetches.set(options, observation);
    try {
      const response = await super.process(options);
      observation.done();
      return response;
    } catch (error) {
      observation.done(error);
      throw error;
    }
  }

  /**
   * A non-2xx answer from a subgraph is the router's problem, never the client's: a center answers
   * 401 only when the router's signature is wrong, and 400 when the supergraph is out of date with it.
   * Apollo's default would pass the status on as the client's error code (UNAUTHENTICATED would log
   * the user out) with the subgraph's URL and body attached; the details go to the log instead.
   */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response).catch(() => undefined);
    const reasons =
      typeof body === 'object' && body !== null && Array.isArray((body as { errors?: unknown }).errors)
        ? (body as { errors: { message?: unknown }[] }).errors.map((e) => String(e.message)).join('; ')
        : '';
    this.#logger.error(
      { subgraph: this.name, status: response.status, body },
      'a subgraph answered with an HTTP error',
    );
    return new GraphQLError(
      `The ${this.name} subgraph answered HTTP ${response.status}${reasons ? `: ${reasons}` : ''}`,
      { extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: this.name } },
    );
  }
}

/**
 * The data sources of the current subgraphs. A source is kept across supergraph updates while its
 * URL stays the same, so its connection pool survives a schema change.
 */
export class SubgraphDataSources {
  private sources = new Map<string, SubgraphDataSource>();

  constructor(private readonly options: { gatewaySecret: string; logger: Logger }) {}

  serviceMap(subgraphs: readonly SubgraphEndpoint[]): ServiceMap {
    const next = new Map<string, SubgraphDataSource>();
    const serviceMap: ServiceMap = Object.create(null);
    for (const { name, url } of subgraphs) {
      const existing = this.sources.get(name);
      const source =
        existing?.url === url ? existing : new SubgraphDataSource({ name, url, ...this.options });
      next.set(name, source);
      serviceMap[name] = source;
    }
    this.sources = next;
    return serviceMap;
  }
}

/** Executes plans with @apollo/gateway's own executor: fetches, entity representations, result shaping. */
export class GatewayPlanExecutor implements PlanExecutor {
  constructor(
    private readonly loaded: LoadedSupergraph,
    private readonly serviceMap: ServiceMap,
  ) {}

  execute(
    plan: QueryPlan,
    requestContext: RouterRequestContext,
    operationContext: OperationContext,
  ): Promise<GatewayExecutionResult> {
    return executeQueryPlan(
      plan,
      this.serviceMap,
      requestContext,
      operationContext,
      this.loaded.supergraphSchema,
      this.loaded.apiSchema,
    );
  }
}
