import type {
  BatchFetchNode,
  EntityBatchAlias,
  FetchNode,
  FetchRewrite,
  FlattenNodePathSegment,
  PlanNode,
  RequiresSelection,
} from '@graphql-hive/router-query-planner';
import type { RouterContext } from '../../context.ts';
import {
  type SubgraphAnswer,
  type SubgraphError,
  SubgraphFetchError,
  type SubgraphFetcher,
} from '../fetch/index.ts';
import type { NativePlan } from '../plan/native.ts';
import type { Path, PossibleTypes, ResultErrors } from './errors.ts';
import { deepMerge, type JsonObject } from './merge.ts';

type FlattenPath = readonly FlattenNodePathSegment[];

/** One request's run of one plan: the response tree being filled, and what went wrong on the way. */
export class PlanRun {
  readonly data: JsonObject = {};

  constructor(
    private readonly fetcher: SubgraphFetcher,
    readonly possibleTypes: PossibleTypes,
    readonly variables: Readonly<Record<string, unknown>>,
    readonly context: RouterContext,
    readonly errors: ResultErrors,
  ) {}

  async run(plan: NativePlan): Promise<void> {
    if (plan.node) await this.node(plan.node);
  }

  private async node(node: PlanNode): Promise<void> {
    switch (node.kind) {
      case 'Fetch':
        return this.fetch(node, []);
      case 'Flatten':
        if (node.node.kind !== 'Fetch') throw new Error(`Flatten over ${node.node.kind} is not supported`);
        return this.fetch(node.node, node.path);
      case 'BatchFetch':
        return this.batchFetch(node);
      case 'Sequence':
        for (const child of node.nodes) await this.node(child);
        return;
      case 'Parallel':
        await Promise.all(node.nodes.map((child) => this.node(child)));
        return;
      case 'Condition': {
        const branch = this.variables[node.condition] ? node.ifClause : node.elseClause;
        if (branch) await this.node(branch);
        return;
      }
      case 'Defer':
        // No incremental delivery yet: the deferred parts are fetched before the one answer is sent.
        if (node.primary.node) await this.node(node.primary.node);
        for (const deferred of node.deferred) if (deferred.node) await this.node(deferred.node);
        return;
      case 'Subscription':
        throw new SubgraphFetchError('INTERNAL_SERVER_ERROR', node.primary.serviceName, 'subscriptions');
    }
  }

  private variablesFor(usages: readonly string[] | undefined): JsonObject {
    const variables: JsonObject = {};
    if (usages) {
      for (const name of usages) {
        const value = this.variables[name];
        if (value !== undefined) variables[name] = value;
      }
    }
    return variables;
  }

  private send(node: FetchNode | BatchFetchNode, variables: JsonObject): Promise<SubgraphAnswer> {
    const body = JSON.stringify(
      node.operationName
        ? { query: node.operation, operationName: node.operationName, variables }
        : { query: node.operation, variables },
    );
    return this.fetcher.fetch(node.serviceName, body, node.operationKind === 'mutation', this.context);
  }

  private async fetch(node: FetchNode, path: FlattenPath): Promise<void> {
    const variables = this.variablesFor(node.variableUsages);
    if (!node.requires) {
      // A root fetch: its answer merges into the top of the response.
      let answer: SubgraphAnswer;
      try {
        answer = await this.send(node, variables);
      } catch (error) {
        this.errors.failed([this.data], error, node.serviceName);
        return;
      }
      const data = answer.data;
      if (data) {
        applyRewrites(node.outputRewrites, data, this.possibleTypes);
        deepMerge(this.data, data);
      }
      if (answer.errors) {
        this.errors.fromSubgraph(answer.errors, node.serviceName, (p) => [...p]);
        if (!data) this.errors.explained([this.data]);
      }
      return;
    }
    const batch = this.representations(path === undefined ? [] : [path], node.requires, node.inputRewrites);
    if (batch.representations.length === 0) return;
    variables.representations = batch.representations;
    let answer: SubgraphAnswer;
    try {
      answer = await this.send(node, variables);
    } catch (error) {
      this.errors.failed(batch.entities, error, node.serviceName);
      return;
    }
    this.mergeEntities(answer, '_entities', batch, node.serviceName, node.outputRewrites);
    if (answer.errors) {
      this.errors.fromSubgraph(answer.errors, node.serviceName, (p) =>
        this.entityPath(p, '_entities', batch),
      );
    }
  }

  private async batchFetch(node: BatchFetchNode): Promise<void> {
    const variables = this.variablesFor(node.variableUsages);
    const batches: { alias: EntityBatchAlias; batch: EntityBatch }[] = [];
    let total = 0;
    for (const alias of node.entityBatch.aliases) {
      const batch = this.representations(alias.paths, alias.requires, alias.inputRewrites);
      variables[alias.representationsVariableName] = batch.representations;
      total += batch.representations.length;
      batches.push({ alias, batch });
    }
    if (total === 0) return;
    let answer: SubgraphAnswer;
    try {
      answer = await this.send(node, variables);
    } catch (error) {
      this.errors.failed(
        batches.flatMap(({ batch }) => batch.entities),
        error,
        node.serviceName,
      );
      return;
    }
    for (const { alias, batch } of batches) {
      this.mergeEntities(answer, alias.alias, batch, node.serviceName, alias.outputRewrites);
    }
    if (answer.errors) {
      const byAlias = new Map(batches.map(({ alias, batch }) => [alias.alias, batch]));
      this.errors.fromSubgraph(answer.errors, node.serviceName, (p) => {
        const batch = byAlias.get(String(p[0]));
        return batch ? this.entityPath(p, String(p[0]), batch) : undefined;
      });
    }
  }

  /**
   * The entities at `paths` and one representation per distinct entity: a list of 50 SKUs of one
   * product sends that product once, and its answer is merged back into every place it appears.
   */
  private representations(
    paths: readonly FlattenPath[],
    requires: readonly RequiresSelection[],
    rewrites: readonly FetchRewrite[] | undefined,
  ): EntityBatch {
    const entities: JsonObject[] = [];
    for (const path of paths) collect(this.data, path, 0, this.possibleTypes, entities, undefined, []);
    const representations: JsonObject[] = [];
    const slots: number[] = [];
    const seen = new Map<string, number>();
    for (const entity of entities) {
      const representation = project(entity, requires, this.possibleTypes);
      if (!representation || typeof representation.__typename !== 'string') {
        slots.push(-1);
        continue;
      }
      applyRewrites(rewrites, representation, this.possibleTypes);
      const key = representationKey(representation);
      let slot = seen.get(key);
      if (slot === undefined) {
        slot = representations.length;
        representations.push(representation);
        seen.set(key, slot);
      }
      slots.push(slot);
    }
    return { paths, entities, representations, slots };
  }

  private mergeEntities(
    answer: SubgraphAnswer,
    field: string,
    batch: EntityBatch,
    subgraph: string,
    rewrites: readonly FetchRewrite[] | undefined,
  ): void {
    const received = answer.data?.[field];
    if (!Array.isArray(received) || received.length !== batch.representations.length) {
      // Without one answer per representation nothing can be matched to its entity.
      if (answer.data !== null || !answer.errors) {
        this.errors.failed(
          batch.entities,
          new SubgraphFetchError(
            'INTERNAL_SERVER_ERROR',
            subgraph,
            `expected ${batch.representations.length} entities in ${field}, got ${Array.isArray(received) ? received.length : typeof received}`,
          ),
          subgraph,
        );
      }
      return;
    }
    for (const value of received) {
      if (value && typeof value === 'object')
        applyRewrites(rewrites, value as JsonObject, this.possibleTypes);
    }
    batch.slots.forEach((slot, i) => {
      if (slot < 0) return;
      const value = received[slot];
      if (value && typeof value === 'object') deepMerge(batch.entities[i] as JsonObject, value as JsonObject);
    });
  }

  /** `["_entities", 3, "reviews", 0]` → the path in the client's response of each entity answered by slot 3. */
  private entityPath(
    errorPath: readonly (string | number)[],
    field: string,
    batch: EntityBatch,
  ): Path[] | undefined {
    if (errorPath[0] !== field || typeof errorPath[1] !== 'number') return undefined;
    const slot = errorPath[1];
    const rest = errorPath.slice(2);
    // Walked again in the same order as when the entities were collected, this time noting paths.
    const entities: JsonObject[] = [];
    const entityPaths: Path[] = [];
    for (const path of batch.paths)
      collect(this.data, path, 0, this.possibleTypes, entities, entityPaths, []);
    const paths: Path[] = [];
    batch.slots.forEach((s, i) => {
      if (s === slot && entities[i] === batch.entities[i]) paths.push([...(entityPaths[i] as Path), ...rest]);
    });
    return paths;
  }
}

interface EntityBatch {
  /** Where the entities were collected from, to find their response paths again should an error need them. */
  paths: readonly FlattenPath[];
  entities: JsonObject[];
  representations: JsonObject[];
  /** For each entity, the index of its representation, or -1 when it has none (a required field is missing). */
  slots: number[];
}

/** Walks a flatten path (`product.skus.@`, with type conditions) and gathers the objects it reaches. */
function collect(
  value: unknown,
  path: FlattenPath,
  at: number,
  possibleTypes: PossibleTypes,
  out: JsonObject[],
  outPaths: Path[] | undefined,
  current: (string | number)[],
): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    // A list in the response that the path walks through, with or without an explicit `@`.
    const next = path[at] === '@' ? at + 1 : at;
    for (let i = 0; i < value.length; i++) {
      current.push(i);
      collect(value[i], path, next, possibleTypes, out, outPaths, current);
      current.pop();
    }
    return;
  }
  if (typeof value !== 'object') return;
  if (at === path.length) {
    out.push(value as JsonObject);
    outPaths?.push(current.slice());
    return;
  }
  const segment = path[at] as FlattenNodePathSegment;
  if (segment === '@') {
    collect(value, path, at + 1, possibleTypes, out, outPaths, current);
    return;
  }
  if ('Field' in segment) {
    current.push(segment.Field);
    collect((value as JsonObject)[segment.Field], path, at + 1, possibleTypes, out, outPaths, current);
    current.pop();
    return;
  }
  const typename = (value as JsonObject).__typename;
  if (typeof typename === 'string' && segment.TypeCondition.some((t) => possibleTypes.matches(typename, t))) {
    collect(value, path, at + 1, possibleTypes, out, outPaths, current);
  }
}

/**
 * Identifies a representation among those of one fetch: most are a __typename and an id or two, for
 * which joining the values is far cheaper than JSON; anything nested is keyed by its JSON.
 */
function representationKey(representation: JsonObject): string {
  // Field names are GraphQL names (no ':'), and each string carries its length: no two distinct
  // representations share a key, whatever their values contain.
  let key = '';
  for (const name in representation) {
    const value = representation[name];
    if (typeof value === 'string') key += `${name}:s${value.length}:${value}`;
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
      key += `${name}:${String(value)};`;
    } else return JSON.stringify(representation);
  }
  return key;
}

/** The part of an entity a subgraph needs to find it (`@key`) and compute its fields (`@requires`). */
function project(
  value: JsonObject,
  selections: readonly RequiresSelection[],
  possibleTypes: PossibleTypes,
): JsonObject | undefined {
  const result: JsonObject = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const key = selection.alias ?? selection.name;
      const field = value[key];
      if (field === undefined) {
        // __typename is known for every entity the plan reaches; anything else missing means a fetch
        // it depends on failed, and the entity cannot be asked for.
        return undefined;
      }
      if (field === null || !selection.selections) {
        result[key] = field;
      } else if (Array.isArray(field)) {
        const items: unknown[] = [];
        for (const item of field) {
          if (item === null || typeof item !== 'object') items.push(item);
          else {
            const projected = project(item as JsonObject, selection.selections, possibleTypes);
            if (!projected) return undefined;
            items.push(projected);
          }
        }
        result[key] = items;
      } else if (typeof field === 'object') {
        const projected = project(field as JsonObject, selection.selections, possibleTypes);
        if (!projected) return undefined;
        result[key] = projected;
      } else {
        result[key] = field;
      }
    } else if (selection.kind === 'InlineFragment') {
      const typename = value.__typename;
      if (typeof typename !== 'string' || !possibleTypes.matches(typename, selection.typeCondition)) continue;
      const projected = project(value, selection.selections, possibleTypes);
      if (!projected) return undefined;
      Object.assign(result, projected);
    }
  }
  return result;
}

/**
 * Input and output rewrites: a value set at a path (`__typename` for @interfaceObject) or a key
 * renamed (an alias the planner gave a field to keep two argument sets apart).
 */
export function applyRewrites(
  rewrites: readonly FetchRewrite[] | undefined,
  value: JsonObject,
  possibleTypes: PossibleTypes,
): void {
  if (!rewrites) return;
  for (const rewrite of rewrites) {
    const spec =
      'ValueSetter' in rewrite ? rewrite.ValueSetter : 'KeyRenamer' in rewrite ? rewrite.KeyRenamer : rewrite;
    const path = spec.path;
    const last = path[path.length - 1];
    if (!last || !('Key' in last)) continue;
    const apply = (target: JsonObject) => {
      if ('setValueTo' in spec) target[last.Key] = spec.setValueTo;
      else if ('renameKeyTo' in spec && target[last.Key] !== undefined) {
        target[spec.renameKeyTo] = target[last.Key];
        delete target[last.Key];
      }
    };
    rewriteAt(value, path, 0, path.length - 1, possibleTypes, apply);
  }
}

function rewriteAt(
  value: unknown,
  path: readonly ({ TypenameEquals: string[] } | { Key: string })[],
  at: number,
  end: number,
  possibleTypes: PossibleTypes,
  apply: (target: JsonObject) => void,
): void {
  if (Array.isArray(value)) {
    for (const item of value) rewriteAt(item, path, at, end, possibleTypes, apply);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const object = value as JsonObject;
  if (at === end) {
    apply(object);
    return;
  }
  const segment = path[at] as { TypenameEquals: string[] } | { Key: string };
  if ('Key' in segment) {
    rewriteAt(object[segment.Key], path, at + 1, end, possibleTypes, apply);
    return;
  }
  const typename = object.__typename;
  // An object without __typename is taken to match, as @apollo/gateway does.
  if (
    typeof typename !== 'string' ||
    segment.TypenameEquals.some((t) => possibleTypes.matches(typename, t))
  ) {
    rewriteAt(object, path, at + 1, end, possibleTypes, apply);
  }
}

export type { SubgraphError };
