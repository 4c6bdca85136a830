import type { QueryPlan } from '@apollo/query-planner';
import type { GatewayExecutionResult } from '@apollo/server-gateway-interface';
import type { Logger } from '@zhongtai/subgraph-kit';
import type { OperationContext, RouterRequestContext } from '../executor.ts';
import { GatewayPlanExecutor } from '../executor.ts';
import { CachingQueryPlanner, type Planner } from '../planner.ts';
import type { LoadedSupergraph } from '../supergraph.ts';
import { PossibleTypes, ResultErrors } from './execute/errors.ts';
import { PlanRun } from './execute/executor.ts';
import { ResponseShaper } from './execute/shape.ts';
import { PipelineDataSource } from './fetch/datasource.ts';
import type { SubgraphFetcher } from './fetch/index.ts';
import { loadNativePlanner, type NativePlan, NativePlanner } from './plan/native.ts';

export type EngineName = 'native' | 'apollo';

/** Planning and execution for one supergraph: the native engine, or @apollo/gateway's as the reference. */
export interface Engine<P = unknown> {
  readonly name: EngineName;
  readonly planner: Planner<P>;
  execute(
    plan: P,
    requestContext: RouterRequestContext,
    operationContext: OperationContext,
  ): Promise<GatewayExecutionResult>;
}

export type EngineFactory = (supergraph: LoadedSupergraph) => Engine;

/** @apollo/gateway's planner and executor, its fetches going through our pipeline. */
export function apolloEngine(fetcher: SubgraphFetcher): EngineFactory {
  return (supergraph) => {
    const serviceMap = Object.fromEntries(
      supergraph.subgraphs.map(({ name }) => [name, new PipelineDataSource(name, fetcher)]),
    );
    const executor = new GatewayPlanExecutor(supergraph, serviceMap);
    const engine: Engine<QueryPlan> = {
      name: 'apollo',
      planner: new CachingQueryPlanner(supergraph),
      execute: (plan, requestContext, operationContext) =>
        executor.execute(plan, requestContext, operationContext),
    };
    return engine as Engine;
  };
}

/** Hive Router's planner (Rust, N-API) and our executor. */
export function nativeEngine(
  module: Awaited<ReturnType<typeof loadNativePlanner>>,
  fetcher: SubgraphFetcher,
  logger: Logger,
): EngineFactory {
  return (supergraph) => {
    const planner = new NativePlanner(module, supergraph.sdl);
    const possibleTypes = new PossibleTypes(supergraph.supergraphSchema);
    const engine: Engine<NativePlan> = {
      name: 'native',
      planner,
      async execute(plan, requestContext, operationContext) {
        const variables = requestContext.request.variables ?? {};
        const errors = new ResultErrors(logger);
        const run = new PlanRun(fetcher, possibleTypes, variables, requestContext.context, errors);
        await run.run(plan);
        const shaper = new ResponseShaper(
          supergraph.apiGraphQLSchema,
          operationContext.operation,
          operationContext.fragments,
          variables,
          errors,
        );
        const data = shaper.shape(run.data);
        return errors.list.length > 0 ? { data, errors: errors.list } : { data };
      },
    };
    return engine as Engine;
  };
}

/**
 * The engine to run: `native` unless the planner's binary does not load here (an unusual platform
 * or libc), in which case the reference engine serves and the log says why, once.
 */
export async function chooseEngine(
  wanted: EngineName,
  fetcher: SubgraphFetcher,
  logger: Logger,
  load: typeof loadNativePlanner = loadNativePlanner,
): Promise<EngineFactory & { engineName: EngineName }> {
  if (wanted === 'native') {
    try {
      const module = await load();
      return Object.assign(nativeEngine(module, fetcher, logger), { engineName: 'native' as const });
    } catch (error) {
      logger.warn(
        { err: error, platform: `${process.platform}-${process.arch}` },
        'the native query planner does not load on this platform; serving with the apollo engine',
      );
    }
  }
  return Object.assign(apolloEngine(fetcher), { engineName: 'apollo' as const });
}
