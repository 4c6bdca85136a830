import type { CircuitBreaker } from '@zhongtai/subgraph-kit';
import { SubgraphFetchError } from './errors.ts';
import type { FetchStep } from './types.ts';

/** Failures that say the subgraph itself is in trouble (not the caller, not the router's credentials). */
const isOutage = (error: unknown) =>
  error instanceof SubgraphFetchError &&
  (error.code === 'SUBGRAPH_UNAVAILABLE' || error.code === 'SUBGRAPH_TIMEOUT');

/**
 * A subgraph that keeps failing is not sent more work: while its breaker is open, fetches fail at once
 * with SUBGRAPH_UNAVAILABLE (the client gets its other fields without waiting out a timeout), and one
 * probe after the cooldown decides whether it is back.
 */
export function breakerStep(breaker: CircuitBreaker): FetchStep {
  return async (call, next) => {
    if (!breaker.tryAcquire()) {
      throw new SubgraphFetchError('SUBGRAPH_UNAVAILABLE', call.subgraph, 'circuit breaker open');
    }
    try {
      const answer = await next(call);
      breaker.success();
      return answer;
    } catch (error) {
      if (isOutage(error)) breaker.failure();
      else breaker.success();
      throw error;
    }
  };
}
