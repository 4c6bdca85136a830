import type { IncomingHttpHeaders } from 'node:http';
import {
  defaultTextMapGetter,
  defaultTextMapSetter,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';

export type { Span } from '@opentelemetry/api';

export interface TracingOptions {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. Unset: no export. */
  endpoint?: string | undefined;
  serviceName?: string;
}

/**
 * OpenTelemetry traces for the router: a server span per request (continuing the caller's W3C
 * `traceparent` when it sends one), a client span per subgraph fetch, and that fetch's `traceparent`
 * for the subgraph. The provider is the router's own, not the global one, so nothing else in the
 * process (nor a second router in it) is affected. Without an endpoint spans are still made, so
 * trace ids reach subgraphs and logs, but nothing is exported.
 */
export class Tracing {
  readonly #provider: BasicTracerProvider;
  readonly #tracer: Tracer;
  readonly #propagator = new W3CTraceContextPropagator();

  constructor(options: TracingOptions = {}) {
    const spanProcessors: SpanProcessor[] = [];
    if (options.endpoint) {
      const url = `${options.endpoint.replace(/\/+$/, '')}/v1/traces`;
      spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
    }
    this.#provider = new BasicTracerProvider({
      resource: new Resource({ 'service.name': options.serviceName ?? 'zhongtai-router' }),
      spanProcessors,
    });
    this.#tracer = this.#provider.getTracer('@zhongtai/router');
  }

  /** The span of one incoming request, a child of the caller's `traceparent` when it sent a valid one. */
  startRequest(headers: IncomingHttpHeaders, name = 'POST /graphql'): Span {
    const parent = this.#propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter);
    return this.#tracer.startSpan(name, { kind: SpanKind.SERVER }, parent);
  }

  /** The span of one subgraph fetch, and the headers that carry it to the subgraph. */
  startFetch(parent: Span | undefined, subgraph: string): { span: Span; headers: Record<string, string> } {
    const parentContext = parent ? trace.setSpan(ROOT_CONTEXT, parent) : ROOT_CONTEXT;
    const span = this.#tracer.startSpan(
      `fetch ${subgraph}`,
      { kind: SpanKind.CLIENT, attributes: { 'graphql.subgraph.name': subgraph } },
      parentContext,
    );
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
