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
import type { SubgraphFetcher } from './engine/fetch/index.ts';
import { chooseEngine, type Engine, type EngineFactory, type EngineName } from './engine/index.ts';
import { prepareOperation, type RouterRequestContext } from './executor.ts';
import type { Planner } from './planner.ts';
import {
  type LoadedSupergraph,
  loadSupergraph,
  type SubgraphEndpoint,
  type SupergraphSource,
  unknownOverrides,
} from './supergraph.ts';

export interface ZhongtaiGatewayOptions {
  source: SupergraphSource;
  /** The one way out to the subgraphs, shared by every supergraph version and both engines. */
  fetcher: SubgraphFetcher;
  /** `native` falls back to `apollo` where the native planner does not load. */
  engine: EngineName;
  logger: Logger;
  /** Subgraph name → URL, replacing the supergraph's routing URLs. */
  urlOverrides?: Readonly<Record<string, string>>;
  validateSupergraph?: boolean;
  /** Follow the source's updates (hot reload) when it offers them. */
  watch?: boolean;
  /** Called with each new supergraph's engine before it serves (to plan the registered operations). */
  warm?: (engine: Engine) => void;
}

/** Everything one supergraph version needs; replaced as one object so no request sees a mix. */
interface GatewayState {
  supergraph: LoadedSupergraph;
  engine: Engine;
}

type Phase = 'initialized' | 'loaded' | 'stopped';

/**
 * Our implementation of Apollo Server's gateway interface: loading, planning and execution are three
 * separate pieces (SupergraphSource, Planner, PlanExecutor) that this class only composes.
 */
export class ZhongtaiGateway implements GatewayInterface {
  private readonly options: ZhongtaiGatewayOptions;
  private readonly logger: Logger;
  private createEngine: EngineFactory | undefined;
  private readonly listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  private state: GatewayState | undefined;
  private phase: Phase = 'initialized';
  private unwatch: (() => void) | undefined;

  constructor(options: ZhongtaiGatewayOptions) {
    this.options = options;
    this.logger = options.logger;
  }

  /** The engine serving requests: what ROUTER_ENGINE asked for, unless it could not load here. */
  get engineName(): EngineName | undefined {
    return this.state?.engine.name;
  }

  /** The current supergraph, or undefined before load. */
  get supergraph(): LoadedSupergraph | undefined {
    return this.state?.supergraph;
  }

  get planner(): Planner<unknown> {
    return this.current().engine.planner;
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
    this.createEngine = await chooseEngine(this.options.engine, this.options.fetcher, this.logger);
    this.state = this.build(sdl);
    this.phase = 'loaded';
    const overrides = unknownOverrides(this.state.supergraph, this.options.urlOverrides ?? {});
    if (overrides.length > 0) {
      this.logger.warn({ overrides }, 'SUBGRAPH_URLS names subgraphs that are not in the supergraph');
    }
    this.logger.info(
      { engine: this.state.engine.name, subgraphs: this.state.supergraph.subgraphs },
      'supergraph loaded',
    );
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
    await this.options.fetcher.close();
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
      (authorized, operationContext) => {
        const plan = state.engine.planner.plan(authorized, request.operationName, request.variables);
        context.context.debug?.planned(state.engine.name, plan);
        return state.engine.execute(plan, context, operationContext);
      },
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
    if (!this.createEngine) throw new Error('The engine is chosen when the gateway loads');
    const engine = this.createEngine(supergraph);
    this.options.warm?.(engine);
    // Pools follow the subgraphs; those whose URL is unchanged keep their connections.
    this.options.fetcher.update(supergraph.subgraphs);
    return { supergraph, engine };
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
