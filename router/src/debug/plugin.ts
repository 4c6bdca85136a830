import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.ts';

/** Puts a debugged request's plan and fetch timings in its answer's `extensions`. */
export function debugPlugin(): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart({ contextValue }) {
      if (!contextValue.debug) return;
      return {
        async willSendResponse({ response, contextValue: { debug } }) {
          if (!debug || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          singleResult.extensions = { ...singleResult.extensions, ...debug.extensions() };
        },
      };
    },
  };
}
