/**
 * Codes for the mistakes a client makes that Apollo Server reports without one (it would then be
 * INTERNAL_SERVER_ERROR, logged as the router's fault), and a 400 for subscriptions, which the router
 * does not serve: the gateway would fail them as a 500. Nothing a client sends is logged as an
 * internal error; these are logged at info.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@zhongtai/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { RouterContext } from './context.ts';

/**
 * Apollo Server's own persisted-query errors that carry no code, by their message (the only thing
 * telling them apart), with the code Apollo's router gives the same mistake.
 */
const PERSISTED_QUERY_CODES: Readonly<Record<string, string>> = {
  'provided sha does not match query': 'PERSISTED_QUERY_HASH_MISMATCH',
  'Unsupported persisted query version': 'PERSISTED_QUERY_NOT_SUPPORTED',
};

const PERSISTED_QUERY_CODE = /^PERSISTED_QUERY_/;

export function clientErrorsPlugin(logger: Logger): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'subscription') return;
          throw new GraphQLError('This router does not serve subscriptions; send a query or a mutation.', {
            extensions: { code: 'SUBSCRIPTIONS_NOT_SUPPORTED', http: { status: 400 } },
          });
        },
        // Runs before the router's error logging, which then sees a client code and leaves it be.
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            // Not every error here is a GraphQLError: a failed fetch arrives as the TypeError it was.
            const extensions = error.extensions as Record<string, unknown> | undefined;
            if (!extensions) continue;
            const code = extensions.code ?? PERSISTED_QUERY_CODES[error.message];
            if (typeof code !== 'string') continue;
            extensions.code = code;
            if (PERSISTED_QUERY_CODE.test(code) || code === 'SUBSCRIPTIONS_NOT_SUPPORTED') {
              logger.info(
                { requestId: contextValue.requestId, code, clientName: contextValue.clientName },
                error.message,
              );
            }
          }
        },
      };
    },
  };
}
