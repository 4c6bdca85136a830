import { type BreakerState, CircuitBreaker, type Logger, type RequestSigner } from '@zhongtai/subgraph-kit';
import type { RouterContext } from '../../context.ts';
import type { SubgraphEndpoint } from '../../supergraph.ts';
import { breakerStep } from './breaker.ts';
import { dedupStep } from './dedup.ts';
import { SubgraphFetchError } from './errors.ts';
import { HttpTransport } from './http.ts';
import { limitStep } from './limit.ts';
import { observeStep } from './observe.ts';
import { retryStep } from './retry.ts';
import { signStep } from './sign.ts';
import { compose, type Fetch, type FetchStep, type SubgraphAnswer } from './types.ts';

export { SubgraphFetchError } from './errors.ts';
export type { SubgraphAnswer, SubgraphCall, SubgraphError } from './types.ts';

export interface FetchSettings {
  /** Signs every fetch with the router's key. */
  signer: RequestSigner;
  /** Connections kept per subgraph. */
  connections: number;
  /** Per query fetch, unless `timeouts` names the subgraph. */
  timeoutMs: number;
  mutationTimeoutMs: number;
  timeouts: Readonly<Record<string, number>>;
  /** Share identical in-flight queries (same subgraph, body and caller). */
  dedup: boolean;
  /** Further attempts of a query whose connection failed (0: none). */
  retries: number;
  /** Consecutive failures that open a subgraph's breaker (0: no breaker), and how long it stays open. */
  breakerFailures: number;
  breakerCooldownMs: number;
  /** Fetches in flight to one subgraph before further ones fail at once. */
  maxInFlight: number;
  /** Where breaker changes are told, once each. */
  logger?: Logger;
}

interface Client {
  transport: HttpTransport;
  breaker: CircuitBreaker | undefined;
  fetch: Fetch;
}

/**
 * The one way out to the subgraphs, for both engines: a pool per subgraph and, in front of it, the
 * steps every fetch goes through in order: observe (time and trace), de-duplicate, cap what is in
 * flight, the subgraph's breaker, retry, sign. Shared fetches count once against the cap and the
 * breaker; the breaker sees a query's outcome after its retries; each attempt is signed anew. Kept
 * across supergraph updates, so a subgraph whose URL does not change keeps its warm connections and
 * its breaker.
 */
export class SubgraphFetcher {
  #clients = new Map<string, Client>();
  readonly #dedup: FetchStep | undefined;
  readonly #sign: FetchStep;

  constructor(private readonly settings: FetchSettings) {
    this.#dedup = settings.dedup ? dedupStep() : undefined;
    this.#sign = signStep(settings.signer);
  }

  #client(name: string, url: string): Client {
    const { settings } = this;
    const transport = new HttpTransport({
      subgraph: name,
      url,
      connections: settings.connections,
      timeoutMs: settings.timeouts[name] ?? settings.timeoutMs,
      mutationTimeoutMs: settings.mutationTimeoutMs,
    });
    const breaker =
      settings.breakerFailures > 0
        ? new CircuitBreaker({
            failures: settings.breakerFailures,
            cooldownMs: settings.breakerCooldownMs,
            onChange: (state, previous) => {
              if (state === 'open') {
                settings.logger?.warn(
                  { subgraph: name, previous, cooldownMs: settings.breakerCooldownMs },
                  'subgraph circuit breaker opened: its fetches fail at once until a probe succeeds',
                );
              } else settings.logger?.info({ subgraph: name, previous }, 'subgraph circuit breaker closed');
            },
          })
        : undefined;
    const steps: FetchStep[] = [observeStep];
    if (this.#dedup) steps.push(this.#dedup);
    steps.push(limitStep(settings.maxInFlight));
    if (breaker) steps.push(breakerStep(breaker));
    if (settings.retries > 0) steps.push(retryStep(settings.retries));
    steps.push(this.#sign);
    return { transport, breaker, fetch: compose(steps, transport.fetch) };
  }

  /** Points the fetcher at a supergraph's subgraphs; pools of subgraphs gone or moved are closed. */
  update(subgraphs: readonly SubgraphEndpoint[]): void {
    const next = new Map<string, Client>();
    for (const { name, url } of subgraphs) {
      const existing = this.#clients.get(name);
      if (existing && existing.transport.url === url) {
        next.set(name, existing);
        continue;
      }
      next.set(name, this.#client(name, url));
    }
    for (const [name, client] of this.#clients) {
      if (next.get(name) !== client) void client.transport.close();
    }
    this.#clients = next;
  }

  /** Sends one GraphQL request; rejects with a SubgraphFetchError when no GraphQL answer came back. */
  fetch(subgraph: string, body: string, mutation: boolean, context: RouterContext): Promise<SubgraphAnswer> {
    const client = this.#clients.get(subgraph);
    if (!client) {
      return Promise.reject(
        new SubgraphFetchError('INTERNAL_SERVER_ERROR', subgraph, 'not in the supergraph'),
      );
    }
    return client.fetch({
      subgraph,
      body,
      mutation,
      context,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
    });
  }

  /** Each subgraph's breaker: closed, open or half-open (closed where breakers are off). */
  breakers(): Record<string, BreakerState> {
    const states: Record<string, BreakerState> = {};
    for (const [name, client] of this.#clients) states[name] = client.breaker?.state ?? 'closed';
    return states;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#clients.values()].map((client) => client.transport.close()));
    this.#clients.clear();
  }
}
