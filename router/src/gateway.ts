import type {
  GatewayExecutor,
  GatewayInterface,
  GatewayLoadResult,
  GatewaySchemaLoadOrUpdateCallback,
  GatewayUnsubscriber,
} from '@apollo/server-gateway-interface';
import { ANONYMOUS, type Logger } from '@zhongtai/subgraph-kit';
import type { GraphQLSchema } from 'graphql';
import { executeAuthorized } from './authz.ts';
import {
  GatewayPlanExecutor,
  type PlanExecutor,
  prepareOperation,
  type RouterRequestContext,
  SubgraphDataSources,
} from './executor.ts';
import { CachingQueryPlanner, type Planner } from './planner.ts';
import {
  type LoadedSupergraph,
  loadSupergraph,
  type SubgraphEndpoint,
  type SupergraphSource,
  unknownOverrides,
} from './supergraph.ts';

export interface ZhongtaiGatewayOptions {
  source: SupergraphSource;
  /** Signs the identity headers sent to subgraphs. */
  gatewaySecret: string;
  logger: Logger;
  /** Subgraph name → URL, replacing the supergraph's routing URLs. */
  urlOverrides?: Readonly<Record<string, string>>;
  validateSupergraph?: boolean;
  /** Follow the source's updates (hot reload) when it offers them. */
  watch?: boolean;
  /** The swap points: how a loaded supergraph gets its planner and its executor. */
  createPlanner?: (supergraph: LoadedSupergraph) => Planner;
  createExecutor?: (supergraph: LoadedSupergraph, dataSources: SubgraphDataSources) => PlanExecutor;
}

/** Everything one supergraph version needs; replaced as one object so no request sees a mix. */
interface GatewayState {
  supergraph: LoadedSupergraph;
  planner: Planner;
  executor: PlanExecutor;
}

type Phase = 'initialized' | 'loaded' | 'stopped';

/**
 * Our implementation of Apollo Server's gateway interface: loading, planning and execution are three
 * separate pieces (SupergraphSource, Planner, PlanExecutor) that this class only composes.
 */
export class ZhongtaiGateway implements GatewayInterface {
  private readonly options: ZhongtaiGatewayOptions;
  private readonly logger: Logger;
  private readonly dataSources: SubgraphDataSources;
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private state: GatewayState | undefined;
  private phase: Phase = 'initialized';
  private unwatch: (() => void) | undefined;

  constructor(options: ZhongtaiGatewayOptions) {
    this.options = options;
    this.logger = options.logger;
    this.dataSources = new SubgraphDataSources({
      gatewaySecret: options.gatewaySecret,
      logger: options.logger,
    });
  }

  /** The current supergraph, or undefined before load. */
  get supergraph(): LoadedSupergraph | undefined {
    return this.state?.supergraph;
  }

  get planner(): Planner {
    return this.current().planner;
  }

  get apiSchema(): GraphQLSchema {
    return this.current().supergraph.apiGraphQLSchema;
  }

  subgraphs(): readonly SubgraphEndpoint[] {
    return this.state?.supergraph.subgraphs ?? [];
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback): GatewayUnsubscriber {
    this.listeners.add(callback);
    return () => {
      this.listeners.delete(callback);
    };
  }

  async load(): Promise<GatewayLoadResult & { schema: GraphQLSchema }> {
    if (this.phase !== 'initialized') throw new Error(`The gateway cannot load once ${this.phase}`);
    const sdl = await this.options.source.load();
    this.state = this.build(sdl);
    this.phase = 'loaded';
    const overrides = unknownOverrides(this.state.supergraph, this.options.urlOverrides ?? {});
    if (overrides.length > 0) {
      this.logger.warn({ overrides }, 'SUBGRAPH_URLS names subgraphs that are not in the supergraph');
    }
    this.logger.info({ subgraphs: this.state.supergraph.subgraphs }, 'supergraph loaded');
    this.notify();
    if (this.options.watch && this.options.source.watch) {
      this.unwatch = this.options.source.watch(
        (next) => this.update(next),
        (error) =>
          this.logger.error({ err: error }, 'cannot read the updated supergraph; keeping the current one'),
      );
    }
    return { schema: this.state.supergraph.apiGraphQLSchema, executor: this.executor };
  }

  /** Replaces the supergraph; a bad SDL is logged and the current one kept, so a running router never breaks. */
  update(sdl: string): boolean {
    if (this.phase !== 'loaded') return false;
    if (sdl === this.state?.supergraph.sdl) return false;
    let next: GatewayState;
    try {
      next = this.build(sdl);
    } catch (error) {
      this.logger.error({ err: error }, 'the updated supergraph is invalid; keeping the current one');
      return false;
    }
    this.state = next;
    this.logger.info({ subgraphs: next.supergraph.subgraphs }, 'supergraph updated');
    this.notify();
    return true;
  }

  async stop(): Promise<void> {
    this.unwatch?.();
    this.unwatch = undefined;
    this.phase = 'stopped';
  }

  readonly executor: GatewayExecutor = async (requestContext) => {
    // One snapshot for the whole request, so an update mid-request cannot mix two supergraphs.
    const state = this.current();
    const context = requestContext as RouterRequestContext;
    const prepared = prepareOperation(state.supergraph.apiGraphQLSchema, context);
    if ('errors' in prepared) return { errors: prepared.errors };
    // Fields the caller may not see are taken out before planning, and come back null with errors.
    const { document, request } = context;
    const identity = context.context.identity ?? ANONYMOUS;
    return executeAuthorized(
      state.supergraph,
      { document, operationName: request.operationName, identity },
      prepared.operationContext,
      (authorized, operationContext) =>
        state.executor.execute(
          state.planner.plan(authorized, request.operationName),
          context,
          operationContext,
        ),
    );
  };

  private current(): GatewayState {
    if (!this.state) throw new Error('The supergraph is not loaded yet');
    return this.state;
  }

  private build(sdl: string): GatewayState {
    const supergraph = loadSupergraph(sdl, {
      urlOverrides: this.options.urlOverrides,
      validate: this.options.validateSupergraph,
    });
    const planner = this.options.createPlanner?.(supergraph) ?? new CachingQueryPlanner(supergraph);
    const executor =
      this.options.createExecutor?.(supergraph, this.dataSources) ??
      new GatewayPlanExecutor(supergraph, this.dataSources.serviceMap(supergraph.subgraphs));
    return { supergraph, planner, executor };
  }

  private notify() {
    const { supergraph } = this.current();
    for (const listener of this.listeners) {
      try {
        listener({ apiSchema: supergraph.apiGraphQLSchema, coreSupergraphSdl: supergraph.sdl });
      } catch (error) {
        this.logger.error({ err: error }, 'a schema listener failed; the schema still changed');
      }
    }
  }
}
