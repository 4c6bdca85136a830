import type { Route } from '@zhongtai/subgraph-kit';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** success: answered without errors; error: answered with errors (or failed); refused: screened out. */
export type Outcome = 'success' | 'error' | 'refused';

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Client and operation names come from the client: a label value must be a plain name, and the
// number of (client, operation) pairs is capped, so no caller can grow the router's memory at will.
const NAME = /^[A-Za-z_][\w.-]{0,63}$/;
const MAX_SERIES = 2000;

const nameLabel = (name: unknown): string =>
  typeof name === 'string' && name !== '' ? (NAME.test(name) ? name : '(invalid)') : '';

/** The router's Prometheus metrics, in a registry of its own (several routers may share a process). */
export class RouterMetrics {
  readonly registry = new Registry();
  readonly #series = new Set<string>();

  readonly requests = new Counter({
    name: 'zhongtai_router_requests_total',
    help: 'GraphQL requests by client name, operation name and outcome (success, error, refused).',
    labelNames: ['client', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly requestDuration = new Histogram({
    name: 'zhongtai_router_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to the end of its response, by outcome.',
    labelNames: ['outcome'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly fetchDuration = new Histogram({
    name: 'zhongtai_router_subgraph_fetch_duration_seconds',
    help: 'Time of each fetch from a subgraph, by subgraph.',
    labelNames: ['subgraph'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });

  readonly fetchErrors = new Counter({
    name: 'zhongtai_router_subgraph_fetch_errors_total',
    help: 'Subgraph fetches that failed (no answer, or an HTTP error status), by subgraph.',
    labelNames: ['subgraph'] as const,
    registers: [this.registry],
  });

  constructor({ processMetrics = true } = {}) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'zhongtai_router_' });
  }

  request(client: unknown, operation: unknown, outcome: Outcome, seconds: number) {
    const clientLabel = nameLabel(client);
    let operationLabel = nameLabel(operation);
    const series = `${clientLabel}\n${operationLabel}`;
    if (!this.#series.has(series)) {
      if (this.#series.size >= MAX_SERIES) operationLabel = '(other)';
      else this.#series.add(series);
    }
    this.requests.inc({ client: clientLabel, operation: operationLabel, outcome });
    this.requestDuration.observe({ outcome }, seconds);
  }

  fetch(subgraph: string, seconds: number, failed: boolean) {
    this.fetchDuration.observe({ subgraph }, seconds);
    // Counted at 0 too, so the series exists (and rates work) before the first failure.
    this.fetchErrors.inc({ subgraph }, failed ? 1 : 0);
  }

  /** GET /metrics: the Prometheus text format. */
  readonly route: Route = async (_req, res) => {
    const body = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType });
    res.end(body);
  };
}
