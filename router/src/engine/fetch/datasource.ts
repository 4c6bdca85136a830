import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { ANONYMOUS } from '@zhongtai/subgraph-kit';
import type { RouterContext } from '../../context.ts';
import type { SubgraphFetcher } from './index.ts';

/**
 * @apollo/gateway's executor reaches the subgraphs through this data source, so the reference engine
 * takes the same way out as the native one: the same pools, steps and errors.
 */
export class PipelineDataSource implements GraphQLDataSource<RouterContext> {
  constructor(
    readonly name: string,
    private readonly fetcher: SubgraphFetcher,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<RouterContext>): Promise<GatewayGraphQLResponse> {
    const { query, variables, operationName } = options.request;
    // Health checks and schema loads come with an empty context: they go out as anonymous.
    const context = options.context as Partial<RouterContext>;
    const routerContext: RouterContext = context.identity
      ? (context as RouterContext)
      : { identity: ANONYMOUS, requestId: '', clientName: null, clientVersion: null };
    // Apollo's plans print operations with their keyword first.
    const mutation = /^\s*mutation\b/.test(query ?? '');
    const answer = await this.fetcher.fetch(
      this.name,
      JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
      mutation,
      routerContext,
    );
    return answer as GatewayGraphQLResponse;
  }
}
