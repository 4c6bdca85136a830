import { performance } from 'node:perf_hooks';
import { type DebugPlan, describePlan } from './plan.ts';

/** One subgraph fetch of a request, as `extensions.fetches` lists them, in the order they started. */
export interface FetchTiming {
  subgraph: string;
  /** When the fetch started, in ms since the router took the request. */
  startMs: number;
  /** From start to answer (or failure), in ms: waiting for a shared fetch, retries and signing included. */
  durationMs: number;
  /** Entity representations sent; 0 for a root query or mutation. */
  entities: number;
  requestBytes: number;
  /** The answer's size; null when no answer came (or it was shared and copied without its text). */
  responseBytes: number | null;
  /** Why the fetch failed, or the first error the subgraph answered with. */
  error?: string;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/** Representations in a fetch's variables: arrays of objects that name their `__typename`. */
function entitiesIn(body: string): number {
  let variables: unknown;
  try {
    variables = (JSON.parse(body) as { variables?: unknown }).variables;
  } catch {
    return 0;
  }
  if (!variables || typeof variables !== 'object') return 0;
  let count = 0;
  for (const value of Object.values(variables)) {
    if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && '__typename' in v)) {
      count += value.length;
    }
  }
  return count;
}

/**
 * What one request asked to see of its own execution (`x-zhongtai-debug: plan`): the plan its engine
 * ran and the timing of each subgraph fetch. Made only for such requests, so no other pays for it.
 */
export class RequestDebug {
  readonly #started = performance.now();
  plan: DebugPlan | null = null;
  readonly fetches: FetchTiming[] = [];

  planned(engine: string, plan: unknown): void {
    this.plan = describePlan(engine, plan);
  }

  /** Starts timing a fetch; the returned function ends it with its answer's size or its error. */
  fetchStarted(
    subgraph: string,
    body: string,
  ): (outcome: { responseBytes: number | null; error?: string }) => void {
    const start = performance.now();
    const timing: FetchTiming = {
      subgraph,
      startMs: round(start - this.#started),
      durationMs: 0,
      entities: entitiesIn(body),
      requestBytes: Buffer.byteLength(body),
      responseBytes: null,
    };
    this.fetches.push(timing);
    return ({ responseBytes, error }) => {
      timing.durationMs = round(performance.now() - start);
      timing.responseBytes = responseBytes;
      if (error !== undefined) timing.error = error;
    };
  }

  /** The response's `extensions` entries. */
  extensions(): { queryPlan: DebugPlan | null; fetches: FetchTiming[] } {
    return { queryPlan: this.plan, fetches: this.fetches };
  }
}

/** True when a request's `x-zhongtai-debug` header (a comma-separated list) asks for the plan. */
export function wantsPlan(header: string | undefined | null): boolean {
  return !!header && header.split(',').some((part) => part.trim().toLowerCase() === 'plan');
}
