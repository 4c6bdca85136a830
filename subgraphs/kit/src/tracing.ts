import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingHttpHeaders } from 'node:http';
import {
  type Attributes,
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { type ExportResult, ExportResultCode, W3CTraceContextPropagator } from '@opentelemetry/core';
import { Resource } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/**
 * The OTLP exporter, loaded when the first batch is sent: most processes (every center under
 * `npm start`) never export, and loading it costs each of them about 60 ms at start.
 */
class LazyOtlpExporter implements SpanExporter {
  #exporter: Promise<SpanExporter> | undefined;

  constructor(private readonly url: string) {}

  #load(): Promise<SpanExporter> {
    this.#exporter ??= import('@opentelemetry/exporter-trace-otlp-http').then(
      ({ OTLPTraceExporter }) => new OTLPTraceExporter({ url: this.url }),
    );
    return this.#exporter;
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.#load().then(
      (exporter) => exporter.export(spans, done),
      (error: Error) => done({ code: ExportResultCode.FAILED, error }),
    );
  }

  async shutdown(): Promise<void> {
    if (this.#exporter) await (await this.#exporter).shutdown();
  }

  async forceFlush(): Promise<void> {
    if (this.#exporter) await (await this.#exporter).forceFlush?.();
  }
}

export type { Span } from '@opentelemetry/api';

export interface TracingOptions {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. Unset: no export. */
  endpoint?: string | undefined;
  /** `service.name` of the spans: `zhongtai-router`, `zhongtai-orders`, ... */
  serviceName: string;
}

/**
 * OpenTelemetry traces for the router and the centers: a server span per request (continuing the
 * caller's W3C `traceparent` when it sends one), a client span per outgoing call (the router's
 * subgraph fetches, a center's calls to another center), and that call's `traceparent`. The provider
 * is the process's own, not the global one, so nothing else in the process (nor a second router or
 * center in it, as in tests) is affected. Without an endpoint spans are still made, so trace ids
 * reach every service and its logs, but nothing is exported.
 */
export class Tracing {
  readonly #provider: BasicTracerProvider;
  readonly #tracer: Tracer;
  readonly #propagator = new W3CTraceContextPropagator();

  constructor(options: TracingOptions) {
    const spanProcessors: SpanProcessor[] = [];
    if (options.endpoint) {
      const url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
      spanProcessors.push(new BatchSpanProcessor(new LazyOtlpExporter(url)));
    }
    this.#provider = new BasicTracerProvider({
      resource: new Resource({ 'service.name': options.serviceName }),
      spanProcessors,
    });
    this.#tracer = this.#provider.getTracer('@zhongtai/subgraph-kit');
  }

  /** The span of one incoming request, a child of the caller's `traceparent` when it sent a valid one. */
  startRequest(headers: IncomingHttpHeaders, name = 'POST /graphql'): Span {
    const parent = this.#propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    return this.#tracer.startSpan(name, { kind: SpanKind.SERVER }, parent);
  }

  /** The span of one outgoing call, and the headers that carry it to the service called. */
  startCall(
    parent: Span | undefined,
    name: string,
    attributes: Attributes = {},
  ): { span: Span; headers: Record<string, string> } {
    const parentContext = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
    const span = this.#tracer.startSpan(name, { kind: SpanKind.CLIENT, attributes }, parentContext);
    const headers: Record<string, string> = {};
    this.#propagator.inject(trace.setSpan(ROOT_CONTEXT, span), headers, defaultTextMapSetter);
    return { span, headers };
  }

  /** Exports what is still buffered, then stops. */
  shutdown(): Promise<void> {
    return this.#provider.shutdown();
  }
}

export function endSpan(span: Span, error?: unknown) {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
}

/** The request a piece of code runs for: its span, and the tracing that made it. */
interface TraceScope {
  span: Span;
  tracing: Tracing;
}

const traceScope = new AsyncLocalStorage<TraceScope>();

/**
 * Runs `work` as part of `span`: calls it makes to other centers (CenterClient) become child spans
 * of it, and carry its trace to the center called. Carried by AsyncLocalStorage, so no resolver has
 * to pass it along.
 */
export function runInSpan<T>(tracing: Tracing, span: Span, work: () => T): T {
  return traceScope.run({ span, tracing }, work);
}

/** The span of the request being served here, if any, with the tracing that made it. */
export function currentTrace(): TraceScope | undefined {
  return traceScope.getStore();
}
