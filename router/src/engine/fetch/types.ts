import type { RouterContext } from '../../context.ts';

/** One GraphQL request to one subgraph, as both engines' executors hand it to the fetch pipeline. */
export interface SubgraphCall {
  readonly subgraph: string;
  /** The exact JSON body sent, built once: de-duplication keys on it, and signing will bind to it. */
  readonly body: string;
  /** Mutations are never de-duplicated or retried. */
  readonly mutation: boolean;
  readonly context: RouterContext;
  /** Headers the steps add on the way out (identity, trace, request id). */
  readonly headers: Record<string, string>;
}

/** A subgraph's GraphQL answer, parsed once. */
export interface SubgraphAnswer {
  data?: Record<string, unknown> | null;
  errors?: SubgraphError[];
  extensions?: Record<string, unknown>;
}

export interface SubgraphError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
  locations?: unknown;
}

export type Fetch = (call: SubgraphCall) => Promise<SubgraphAnswer>;

/**
 * One concern of the way out (telemetry, de-duplication, signing, timeouts, ...): it may change the
 * call, answer it itself, or pass it on to `next`. A cache or a coprocessor is one more step.
 */
export type FetchStep = (call: SubgraphCall, next: Fetch) => Promise<SubgraphAnswer>;

export function compose(steps: readonly FetchStep[], transport: Fetch): Fetch {
  let fetch = transport;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i] as FetchStep;
    const next = fetch;
    fetch = (call) => step(call, next);
  }
  return fetch;
}
