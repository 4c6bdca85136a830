import { SubgraphFetchError } from './errors.ts';
import type { FetchStep } from './types.ts';

/**
 * At most `max` fetches in flight to one subgraph. Past the cap a fetch fails at once rather than
 * queueing behind a subgraph that cannot keep up: a slow center must not hold the router's memory
 * and every request that touches it.
 */
export function limitStep(max: number): FetchStep {
  let inFlight = 0;
  const release = () => {
    inFlight -= 1;
  };
  return (call, next) => {
    if (inFlight >= max) {
      return Promise.reject(
        new SubgraphFetchError(
          'SUBGRAPH_UNAVAILABLE',
          call.subgraph,
          `over the cap of ${max} fetches in flight`,
        ),
      );
    }
    inFlight += 1;
    const pending = next(call);
    pending.then(release, release);
    return pending;
  };
}
