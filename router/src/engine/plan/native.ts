import { createHash } from 'node:crypto';
import type { QueryPlanner as HiveQueryPlanner, QueryPlan } from '@graphql-hive/router-query-planner';
import { type DocumentNode, GraphQLError, Kind, type OperationDefinitionNode, print } from 'graphql';
import { conditionsKey, withConditionsApplied } from './conditions.ts';
import { LruCache } from './lru.ts';

export type NativePlan = QueryPlan;

type HiveModule = typeof import('@graphql-hive/router-query-planner');

let loaded: { module: HiveModule } | { error: unknown } | undefined;

/**
 * Loads the Rust planner (N-API). It ships prebuilt for linux and macOS on x64 and arm64 with glibc;
 * elsewhere the import fails, and the router runs the reference engine instead.
 */
export async function loadNativePlanner(): Promise<HiveModule> {
  if (!loaded) {
    try {
      loaded = { module: await import('@graphql-hive/router-query-planner') };
    } catch (error) {
      loaded = { error };
    }
  }
  if ('error' in loaded) throw loaded.error;
  return loaded.module;
}

export interface NativePlannerOptions {
  maxEntries?: number;
}

/**
 * Hive Router's query planner over one supergraph, with its plans cached: by the parsed document
 * (Apollo Server hands the same DocumentNode for the same query text) and, behind that, by a hash of
 * the printed document, so a rewritten document (authorization) still finds its plan.
 */
export class NativePlanner {
  readonly #planner: HiveQueryPlanner;
  readonly #byDocument = new WeakMap<DocumentNode, Map<string, NativePlan>>();
  readonly #byText: LruCache<NativePlan>;
  /** Progressive @override thresholds, ascending: a request's roll picks one plan per interval. */
  readonly #percentages: number[];

  constructor(module: HiveModule, supergraphSdl: string, options: NativePlannerOptions = {}) {
    this.#planner = new module.QueryPlanner(supergraphSdl);
    this.#byText = new LruCache(options.maxEntries ?? 1000);
    this.#percentages = [...this.#planner.overridePercentages].sort((a, b) => a - b);
  }

  get size(): number {
    return this.#byText.size;
  }

  plan(
    document: DocumentNode,
    operationName?: string | null,
    variables?: Readonly<Record<string, unknown>>,
    roll = Math.random() * 100,
  ): NativePlan {
    // The plan depends on the roll only through which thresholds it falls under, and on the
    // variables only through which way each @skip/@include goes.
    let bucket = 0;
    while (bucket < this.#percentages.length && roll >= (this.#percentages[bucket] as number)) bucket++;
    const operation = selectedOperation(document, operationName);
    const conditions = conditionsKey(document, operation, variables ?? {});
    const key = `${operationName ?? ''}\0${bucket}\0${conditions ?? ''}`;
    const cached = this.#byDocument.get(document)?.get(key);
    if (cached) return cached;
    const planned = withoutMetaRootFields(
      conditions === undefined ? document : withConditionsApplied(document, operation, variables ?? {}),
      operationName,
    );
    if (!planned) return this.remember(document, key, EMPTY_PLAN);
    const text = print(planned);
    const textKey = createHash('sha256').update(text).update('\0').update(key).digest('base64url');
    let plan = this.#byText.get(textKey);
    if (!plan) {
      try {
        plan = this.#planner.plan(text, operationName ?? null, new Set(), roll);
      } catch (error) {
        throw new GraphQLError(`The operation cannot be planned: ${(error as Error).message}`, {
          extensions: { code: 'QUERY_PLANNING_FAILED' },
        });
      }
      this.#byText.set(textKey, plan);
    }
    return this.remember(document, key, plan);
  }

  private remember(document: DocumentNode, key: string, plan: NativePlan): NativePlan {
    let forDocument = this.#byDocument.get(document);
    if (!forDocument) {
      forDocument = new Map();
      this.#byDocument.set(document, forDocument);
    }
    forDocument.set(key, plan);
    return plan;
  }
}

const EMPTY_PLAN: NativePlan = Object.freeze({ kind: 'QueryPlan' }) as NativePlan;
const META_ROOT_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * The document the planner sees: root fields that no subgraph answers (`__typename`, and introspection,
 * which the router answers from the API schema) are taken out, as they would cost a fetch or fail to
 * plan; undefined when nothing is left to fetch.
 */
function withoutMetaRootFields(
  document: DocumentNode,
  operationName?: string | null,
): DocumentNode | undefined {
  const operation = selectedOperation(document, operationName);
  if (!operation) return document;
  const selections = operation.selectionSet.selections;
  const kept = selections.filter((s) => s.kind !== Kind.FIELD || !META_ROOT_FIELDS.has(s.name.value));
  if (kept.length === selections.length) return document;
  if (kept.length === 0) return undefined;
  return {
    ...document,
    definitions: document.definitions.map((d) =>
      d === operation ? { ...operation, selectionSet: { ...operation.selectionSet, selections: kept } } : d,
    ),
  };
}

/** The operation a request runs: the one named, or the document's only one. */
function selectedOperation(
  document: DocumentNode,
  operationName?: string | null,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
}
