/**
 * The query plan a request ran, in one JSON shape whichever engine planned it: Hive's planner (native)
 * and @apollo/gateway's both write Apollo's plan format, with small differences (Hive's BatchFetch, its
 * flatten paths as objects) that a front-end developer reading `extensions.queryPlan` should not see.
 */

/** One step of a plan, as `extensions.queryPlan.node` gives it. */
export type DebugPlanNode =
  | {
      /** One request to one subgraph: a root query or mutation, or, with `entities`, an entity fetch. */
      kind: 'Fetch';
      subgraph: string;
      operationKind: string;
      operationName: string | null;
      /** True for an `_entities` fetch (its representations come from the results so far). */
      entities: boolean;
      operation: string;
    }
  | {
      /** Several entity fetches to one subgraph in one request (native engine). */
      kind: 'BatchFetch';
      subgraph: string;
      operationKind: string;
      operationName: string | null;
      /** Where in the response each batch's entities are, as in Flatten's `path`. */
      paths: string[];
      operation: string;
    }
  | { kind: 'Sequence' | 'Parallel'; nodes: DebugPlanNode[] }
  | {
      /** `node` runs once for the entities at `path` (`@` is every element of a list, `|[T]` a type). */
      kind: 'Flatten';
      path: string;
      node: DebugPlanNode;
    }
  | { kind: 'Condition'; variable: string; ifTrue: DebugPlanNode | null; ifFalse: DebugPlanNode | null }
  | { kind: 'Defer'; primary: DebugPlanNode | null; deferred: DebugPlanNode[] }
  | { kind: 'Subscription'; primary: DebugPlanNode; rest: DebugPlanNode | null };

export interface DebugPlan {
  /** The engine that planned and ran the request. */
  engine: string;
  /** Absent when the operation needs no subgraph (only `__typename`, or every field skipped). */
  node: DebugPlanNode | null;
}

type Json = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function pathSegment(segment: unknown): string {
  if (typeof segment === 'string' || typeof segment === 'number') return String(segment);
  const object = segment as Json;
  if (typeof object.Field === 'string') return object.Field;
  if (Array.isArray(object.TypeCondition)) return `|[${object.TypeCondition.join(',')}]`;
  return JSON.stringify(segment);
}

const pathText = (path: unknown): string => (Array.isArray(path) ? path.map(pathSegment).join('.') : '');

function fetchFields(node: Json) {
  return {
    subgraph: String(node.serviceName),
    operationKind: text(node.operationKind) ?? 'query',
    operationName: text(node.operationName),
  };
}

function describeNode(value: unknown): DebugPlanNode | null {
  if (!value || typeof value !== 'object') return null;
  const node = value as Json;
  const many = (nodes: unknown): DebugPlanNode[] =>
    Array.isArray(nodes) ? nodes.map(describeNode).filter((n): n is DebugPlanNode => n !== null) : [];
  switch (node.kind) {
    case 'Fetch':
      return {
        kind: 'Fetch',
        ...fetchFields(node),
        entities: Array.isArray(node.requires) && node.requires.length > 0,
        operation: String(node.operation),
      };
    case 'BatchFetch': {
      const aliases = ((node.entityBatch as Json | undefined)?.aliases ?? []) as Json[];
      return {
        kind: 'BatchFetch',
        ...fetchFields(node),
        paths: aliases.flatMap((alias) => (Array.isArray(alias.paths) ? alias.paths.map(pathText) : [])),
        operation: String(node.operation),
      };
    }
    case 'Sequence':
    case 'Parallel':
      return { kind: node.kind, nodes: many(node.nodes) };
    case 'Flatten': {
      const inner = describeNode(node.node);
      return inner ? { kind: 'Flatten', path: pathText(node.path), node: inner } : null;
    }
    case 'Condition':
      return {
        kind: 'Condition',
        variable: String(node.condition),
        ifTrue: describeNode(node.ifClause),
        ifFalse: describeNode(node.elseClause),
      };
    case 'Defer': {
      const primary = node.primary as Json | undefined;
      const deferred = Array.isArray(node.deferred) ? (node.deferred as Json[]) : [];
      return {
        kind: 'Defer',
        primary: describeNode(primary?.node),
        deferred: many(deferred.map((d) => d.node)),
      };
    }
    case 'Subscription': {
      const primary = describeNode(node.primary);
      return primary ? { kind: 'Subscription', primary, rest: describeNode(node.rest) } : null;
    }
    default:
      return null;
  }
}

/** The plan an engine made, in the shape `extensions.queryPlan` documents. */
export function describePlan(engine: string, plan: unknown): DebugPlan {
  return { engine, node: describeNode((plan as Json | null | undefined)?.node) };
}
