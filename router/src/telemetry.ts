import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode } from '@opentelemetry/api';
import type { GraphQLHttpOptions, Logger, Route } from '@zhongtai/subgraph-kit';
import { endSpan, type Span, type Tracing } from '@zhongtai/subgraph-kit';
import type { RouterContext } from './context.ts';
import type { Outcome, RouterMetrics } from './metrics.ts';

/** One subgraph fetch being observed: the headers to send with it, and what to call when it ends. */
export interface FetchObservation {
  headers: Record<string, string>;
  done(error?: unknown): void;
}

/** What the executor sees of a request's telemetry (RouterContext.telemetry). */
export interface RequestTelemetry {
  readonly traceId: string;
  fetchStarted(subgraph: string): FetchObservation;
}

type Screen = NonNullable<GraphQLHttpOptions<RouterContext>['screen']>;

const seconds = (since: number) => (performance.now() - since) / 1000;

class RequestRecord implements RequestTelemetry {
  readonly start = performance.now();
  operation: unknown;
  outcome: Outcome | undefined;

  constructor(
    readonly span: Span,
    private readonly tracing: Tracing,
    private readonly metrics: RouterMetrics,
  ) {}

  get traceId(): string {
    return this.span.spanContext().traceId;
  }

  fetchStarted(subgraph: string): FetchObservation {
    const start = performance.now();
    const { span, headers } = this.tracing.startCall(this.span, `fetch ${subgraph}`, {
      'graphql.subgraph.name': subgraph,
    });
    return {
      headers,
      done: (error) => {
        this.metrics.fetch(subgraph, seconds(start), error !== undefined);
        endSpan(span, error);
      },
    };
  }
}

function outcomeOf(record: RequestRecord, res: ServerResponse): Outcome {
  if (record.outcome) return record.outcome;
  if (!res.writableFinished) return 'error';
  // Answered before Apollo Server saw it: 413 (body too large) is a refusal; 400 (not JSON), 401 and the rest are errors.
  if (res.statusCode === 413 || res.statusCode === 429) return 'refused';
  return res.statusCode >= 400 ? 'error' : 'success';
}

/**
 * Ties metrics, traces and logs to each GraphQL request: `instrument` wraps the HTTP listener (a span
 * and a clock from the first byte to the last), `screen` marks refusals, the plugin records the
 * operation and whether it answered with errors, and `forRequest` goes into the context so the
 * executor can time and trace each subgraph fetch.
 */
export class RouterTelemetry {
  readonly #records = new WeakMap<IncomingMessage, RequestRecord>();

  constructor(
    readonly metrics: RouterMetrics,
    readonly tracing: Tracing,
    private readonly logger: Logger,
    private readonly path = '/graphql',
  ) {}

  /** Puts `instrument` in front of the server's request listeners. */
  instrumentServer(server: Server): void {
    const listeners = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on(
      'request',
      this.instrument((req, res) => {
        for (const listener of listeners) listener(req, res);
      }),
    );
  }

  instrument(listener: RequestListener): RequestListener {
    return (req, res) => {
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      if ((query === -1 ? url : url.slice(0, query)) !== this.path) return listener(req, res);
      const record = new RequestRecord(this.tracing.startRequest(req.headers), this.tracing, this.metrics);
      this.#records.set(req, record);
      res.once('close', () => this.#finish(req, res, record));
      return listener(req, res);
    };
  }

  forRequest(req: IncomingMessage): RequestTelemetry | undefined {
    return this.#records.get(req);
  }

  /** Runs the screens in order; the first refusal answers, and is counted as refused. */
  screen(screens: Screen[]): Screen {
    return async (params, info) => {
      for (const screen of screens) {
        const refusal = await screen(params, info);
        if (refusal) {
          const record = this.#records.get(info.req);
          if (record) {
            record.outcome = 'refused';
            record.operation = params.operationName;
            record.span.setAttribute('zhongtai.refusal', refusal.code);
          }
          return refusal;
        }
      }
      return undefined;
    };
  }

  plugin(): ApolloServerPlugin<RouterContext> {
    return {
      async requestDidStart({ contextValue }) {
        const record = contextValue.telemetry as RequestRecord | undefined;
        if (!(record instanceof RequestRecord)) return;
        return {
          async didResolveOperation({ operationName, operation }) {
            record.operation = operationName;
            const type = operation?.operation ?? 'operation';
            record.span.updateName(`${type} ${operationName ?? ''}`.trim());
            record.span.setAttribute('graphql.operation.type', type);
            if (operationName) record.span.setAttribute('graphql.operation.name', operationName);
          },
          async willSendResponse({ response, request }) {
            // Not resolved (a syntax or validation error): the name the request gave, if any.
            record.operation ??= request.operationName;
            const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
            record.outcome = errors && errors.length > 0 ? 'error' : 'success';
          },
        };
      },
    };
  }

  readonly metricsRoute: Route = (req, res) => this.metrics.route(req, res);

  shutdown(): Promise<void> {
    return this.tracing.shutdown();
  }

  #finish(req: IncomingMessage, res: ServerResponse, record: RequestRecord) {
    const outcome = outcomeOf(record, res);
    const elapsed = seconds(record.start);
    const client = req.headers['apollographql-client-name'];
    this.metrics.request(client, record.operation, outcome, elapsed);
    const { span } = record;
    span.setAttribute('http.response.status_code', res.statusCode);
    const requestId = res.getHeader('x-request-id');
    if (typeof requestId === 'string') span.setAttribute('zhongtai.request_id', requestId);
    if (typeof client === 'string') span.setAttribute('graphql.client.name', client);
    if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    this.logger.debug(
      {
        requestId,
        traceId: record.traceId,
        client,
        operationName: typeof record.operation === 'string' ? record.operation : undefined,
        outcome,
        status: res.statusCode,
        ms: Math.round(elapsed * 1000),
      },
      'request finished',
    );
  }
}
