import { setTimeout as sleep } from 'node:timers/promises';
import { isConnectionFailure } from './http.ts';
import type { FetchStep } from './types.ts';

/**
 * Sends a query again when the connection failed before the subgraph could read it (refused, reset
 * while idle): safe, since it never ran. Never a mutation, never after an answer or a timeout. The
 * waits double and are jittered (full jitter), so retries from many requests do not arrive together,
 * and none goes past the request's deadline. Each attempt is signed anew (signing comes after).
 */
export function retryStep(retries: number, baseDelayMs = 25): FetchStep {
  return async (call, next) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await next(call);
      } catch (error) {
        if (call.mutation || attempt >= retries || !isConnectionFailure(error)) throw error;
        const delay = Math.random() * baseDelayMs * 2 ** attempt;
        const deadline = call.context.deadline;
        if (deadline !== undefined && Date.now() + delay >= deadline) throw error;
        await sleep(delay);
      }
    }
  };
}
