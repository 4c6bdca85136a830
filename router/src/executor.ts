import { buildOperationContext, executeQueryPlan, type ServiceMap } from '@apollo/gateway';
import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, type GraphQLSchema, getVariableValues, validate } from 'graphql';
import type { RouterContext } from './context.ts';
import type { LoadedSupergraph } from './supergraph.ts';

export type OperationContext = ReturnType<typeof buildOperationContext>;
export type RouterRequestContext = GatewayGraphQLRequestContext<RouterContext>;

export type PreparedOperation = { operationContext: OperationContext } | { errors: readonly GraphQLError[] };

/**
 * Selects the operation and checks the request's variables against the API schema, as ApolloGateway
 * does before planning: Apollo Server has already validated the document, but variable values are
 * only checked during execution, which the gateway path never reaches, and a bad variable must not
 * cost a plan.
 */
export function prepareOperation(
  apiSchema: GraphQLSchema,
  requestContext: RouterRequestContext,
): PreparedOperation {
  // Apollo Server validated the document against the schema current when the request arrived; after a
  // supergraph update the request may run against a newer one, where it may no longer be valid.
  if (requestContext.schema !== apiSchema) {
    const invalid = validate(apiSchema, requestContext.document);
    if (invalid.length > 0) {
      return {
        errors: invalid.map(
          (error) =>
            new GraphQLError(error.message, {
              nodes: error.nodes,
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            }),
        ),
      };
    }
  }
  const operationContext = buildOperationContext({
    schema: apiSchema,
    operationDocument: requestContext.document,
    operationName: requestContext.request.operationName,
  });
  const definitions = operationContext.operation.variableDefinitions;
  if (!definitions || definitions.length === 0) return { operationContext };
  const { errors } = getVariableValues(apiSchema, definitions, requestContext.request.variables ?? {});
  if (!errors) return { operationContext };
  // Coded as Apollo Server codes them when it executes itself; uncoded they would read as internal errors.
  return {
    errors: errors.map(
      (error) =>
        new GraphQLError(error.message, {
          nodes: error.nodes,
          originalError: error.originalError,
          extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
        }),
    ),
  };
}

/** Executes plans with @apollo/gateway's own executor: fetches, entity representations, result shaping. */
export class GatewayPlanExecutor {
  constructor(
    private readonly loaded: LoadedSupergraph,
    private readonly serviceMap: ServiceMap,
  ) {}

  execute(
    plan: QueryPlan,
    requestContext: RouterRequestContext,
    operationContext: OperationContext,
  ): Promise<GatewayExecutionResult> {
    return executeQueryPlan(
      plan,
      this.serviceMap,
      requestContext,
      operationContext,
      this.loaded.supergraphSchema,
      this.loaded.apiSchema,
    );
  }
}
