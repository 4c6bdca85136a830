import { GraphQLError } from 'graphql';

/**
 * Why a fetch brought no GraphQL answer. The client sees the code and the subgraph's name at the
 * paths the fetch should have filled; the cause (hosts, sockets) goes to the log only.
 */
export type FetchFailureCode = 'SUBGRAPH_UNAVAILABLE' | 'SUBGRAPH_TIMEOUT' | 'INTERNAL_SERVER_ERROR';

const MESSAGES: Record<FetchFailureCode, (subgraph: string) => string> = {
  SUBGRAPH_UNAVAILABLE: (s) => `The ${s} service is unavailable.`,
  SUBGRAPH_TIMEOUT: (s) => `The ${s} service did not answer in time.`,
  INTERNAL_SERVER_ERROR: (s) => `The ${s} service could not answer.`,
};

export class SubgraphFetchError extends GraphQLError {
  constructor(
    readonly code: FetchFailureCode,
    readonly subgraph: string,
    readonly detail: string,
    cause?: unknown,
  ) {
    super(MESSAGES[code](subgraph), {
      extensions: { code, serviceName: subgraph },
      ...(cause instanceof Error ? { originalError: cause } : {}),
    });
    this.name = 'SubgraphFetchError';
  }
}
