import { copyAnswer } from './http.ts';
import type { FetchStep, SubgraphAnswer } from './types.ts';

/**
 * Identical queries in flight to the same subgraph for the same caller share one request: a burst of
 * the same product page makes one fetch per subgraph, not one per client. Never mutations. The first
 * caller gets the answer, each later one its own copy, since executors merge answers into results.
 */
export function dedupStep(): FetchStep {
  const inFlight = new Map<string, Promise<SubgraphAnswer>>();
  return (call, next) => {
    if (call.mutation) return next(call);
    const identity = call.context.identity;
    const key = `${call.subgraph}\0${identity.userId ?? ''}\0${identity.scopes.join(' ')}\0${call.body}`;
    const pending = inFlight.get(key);
    if (pending) return pending.then(copyAnswer);
    const started = next(call).finally(() => inFlight.delete(key));
    inFlight.set(key, started);
    return started;
  };
}
