import type { Route } from '@zhongtai/subgraph-kit';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** success: answered without errors; error: answered with errors (or failed); refused: screened out. */
export type Outcome = 'success' | 'error' | 'refused';

const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// Client and operation names come from the client: a label value must be a plain name, the number
// of client names is bounded, and so is the number of (client, operation) pairs, so no caller can
// grow the router's memory (or the metrics store's) at will.
const NAME = /^[A-Za-z_][\w.-]{0,63}$/;
const MAX_SERIES = 2000;
/** The label every client (and operation) past the bounds is counted under. */
export const OTHER = '(other)';
/** Client names beyond the known ones that get a label of their own, first come first served. */
export const DEFAULT_EXTRA_CLIENTS = 20;

export interface RouterMetricsOptions {
  processMetrics?: boolean;
  /** Client names always counted under their own label: those with registered operations, and any configured. */
  clients?: readonly string[];
  /** How many other client names get a label of their own before the rest fold into `(other)`. */
  extraClients?: number;
}

const nameLabel = (name: unknown): string =>
  typeof name === 'string' && name !== '' ? (NAME.test(name) ? name : '(invalid)') : '';

/** The router's Prometheus metrics, in a registry of its own (several routers may share a process). */
export class RouterMetrics {
  readonly registry = new Registry();
  readonly #series = new Set<string>();
  readonly #clients: Set<string>;
  readonly #extraClients: number;
  #extraSeen = 0;

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

  readonly engineInfo = new Gauge({
    name: 'zhongtai_router_engine_info',
    help: 'The engine serving requests (1): native, or apollo (the reference, or the fallback where the native planner does not load).',
    labelNames: ['engine'] as const,
    registers: [this.registry],
  });

  /** Reads each subgraph's breaker state when /metrics is scraped. */
  breakerStates: () => Record<string, string> = () => ({});

  readonly breakerState = new Gauge({
    name: 'zhongtai_router_subgraph_breaker_state',
    help: "Each subgraph's circuit breaker: 1 for its current state (closed, open or half-open), 0 for the others.",
    labelNames: ['subgraph', 'state'] as const,
    registers: [this.registry],
    collect: () => {
      this.breakerState.reset();
      for (const [subgraph, current] of Object.entries(this.breakerStates())) {
        for (const state of BREAKER_STATES)
          this.breakerState.set({ subgraph, state }, state === current ? 1 : 0);
      }
    },
  });

  constructor({
    processMetrics = true,
    clients = [],
    extraClients = DEFAULT_EXTRA_CLIENTS,
  }: RouterMetricsOptions = {}) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'zhongtai_router_' });
    this.#clients = new Set(clients);
    this.#extraClients = extraClients;
  }

  /** A known client's name, an unknown one's while there is room, else `(other)`. */
  #clientLabel(client: unknown): string {
    const label = nameLabel(client);
    if (label === '' || label === '(invalid)' || this.#clients.has(label)) return label;
    if (this.#extraSeen >= this.#extraClients) return OTHER;
    this.#extraSeen += 1;
    this.#clients.add(label);
    return label;
  }

  request(client: unknown, operation: unknown, outcome: Outcome, seconds: number) {
    const clientLabel = this.#clientLabel(client);
    // A client folded into (other) has its operations folded too: their names are as unbounded.
    let operationLabel = clientLabel === OTHER ? OTHER : nameLabel(operation);
    const series = `${clientLabel}\n${operationLabel}`;
    if (!this.#series.has(series)) {
      if (this.#series.size >= MAX_SERIES) operationLabel = OTHER;
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

  engine(name: string) {
    this.engineInfo.reset();
    this.engineInfo.set({ engine: name }, 1);
  }

  /** GET /metrics: the Prometheus text format. */
  readonly route: Route = async (_req, res) => {
    const body = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType });
    res.end(body);
  };
}
