import { createHash } from 'node:crypto';
import { operationFromDocument } from '@apollo/federation-internals';
import { type QueryPlan, QueryPlanner, type QueryPlannerConfig } from '@apollo/query-planner';
import { type DocumentNode, print } from 'graphql';
import { LruCache } from './engine/plan/lru.ts';
import type { LoadedSupergraph } from './supergraph.ts';

/** Turns a client operation into the fetches that answer it. Pure with respect to the request. */
export interface Planner<P = QueryPlan> {
  /** `variables` may choose the plan (which way each @skip/@include goes); a planner may ignore them. */
  plan(
    document: DocumentNode,
    operationName?: string | null,
    variables?: Readonly<Record<string, unknown>>,
  ): P;
  /** Plans cached. */
  readonly size: number;
}

export interface CachingPlannerOptions {
  /** Most plans kept; the least recently used go first. */
  maxEntries?: number;
  queryPlannerConfig?: QueryPlannerConfig;
}

export const DEFAULT_PLAN_CACHE_ENTRIES = 1000;

/**
 * Apollo's query planner with a bounded LRU cache in front: planning is the most expensive step of a
 * request (milliseconds to seconds for large operations), while front-ends send the same few
 * operations again and again. One planner belongs to one supergraph, so an update starts with an
 * empty cache by construction.
 */
export class CachingQueryPlanner implements Planner {
  private readonly queryPlanner: QueryPlanner;
  private readonly cache: LruCache<QueryPlan>;

  constructor(
    private readonly loaded: LoadedSupergraph,
    options: CachingPlannerOptions = {},
  ) {
    this.queryPlanner = new QueryPlanner(loaded.supergraph, options.queryPlannerConfig);
    this.cache = new LruCache(options.maxEntries ?? DEFAULT_PLAN_CACHE_ENTRIES);
  }

  get size(): number {
    return this.cache.size;
  }

  plan(document: DocumentNode, operationName?: string | null): QueryPlan {
    const key = cacheKey(document, operationName);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const operation = operationFromDocument(this.loaded.apiSchema, document, {
      operationName: operationName ?? undefined,
    });
    const plan = this.queryPlanner.buildQueryPlan(operation);
    this.cache.set(key, plan);
    return plan;
  }
}

// The printed document, not the request's source text: a plugin may have rewritten the document
// while its `loc` still points at the original source. Printing also lets operations that differ only
// in whitespace share a plan. Hashed so that a cache full of large operations stays small; the
// operation name is part of the key because one document may hold several operations.
function cacheKey(document: DocumentNode, operationName?: string | null): string {
  return createHash('sha256')
    .update(print(document))
    .update('\0')
    .update(operationName ?? '')
    .digest('base64url');
}
