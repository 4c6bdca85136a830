import type { Logger } from '@zhongtai/subgraph-kit';
import { GraphQLError, type GraphQLSchema, isAbstractType } from 'graphql';
import { type SubgraphError, SubgraphFetchError } from '../fetch/index.ts';

export type Path = (string | number)[];

/** Which object types an abstract type (interface or union) of the supergraph stands for. */
export class PossibleTypes {
  readonly #possible = new Map<string, ReadonlySet<string>>();

  constructor(schema: GraphQLSchema) {
    for (const type of Object.values(schema.getTypeMap())) {
      if (isAbstractType(type)) {
        this.#possible.set(type.name, new Set(schema.getPossibleTypes(type).map((t) => t.name)));
      }
    }
  }

  /** Whether an object of type `typename` satisfies the type condition `condition`. */
  matches(typename: string, condition: string): boolean {
    return typename === condition || this.#possible.get(condition)?.has(typename) === true;
  }
}

// A list of 1,000 entities from a center that is down would otherwise bring 1,000 copies of one error.
const MAX_ERRORS_PER_FAILURE = 100;

interface Failure {
  /** Undefined when the subgraph's own errors already say why (it answered `data: null`). */
  error: SubgraphFetchError | undefined;
  reported: number;
}

const pathKey = (path: readonly (string | number)[]) => path.join('\u0001');

/**
 * The errors of one response. A fetch that brought no answer marks the objects it should have
 * filled; shaping then reports it at each field left empty, where the client sees the null.
 */
export class ResultErrors {
  readonly list: GraphQLError[] = [];
  readonly #failures = new Map<object, Failure>();
  /** Every error path and all their prefixes: a null under a reported error needs no second error. */
  readonly #covered = new Set<string>();

  constructor(private readonly logger?: Logger) {}

  get failures(): boolean {
    return this.#failures.size > 0;
  }

  failed(objects: readonly object[], cause: unknown, subgraph: string): void {
    const error =
      cause instanceof SubgraphFetchError
        ? cause
        : new SubgraphFetchError('INTERNAL_SERVER_ERROR', subgraph, String(cause), cause);
    // A center down or slow is an operator's warning; one that refuses the router is a misconfiguration.
    const level = error.code === 'INTERNAL_SERVER_ERROR' ? 'error' : 'warn';
    this.logger?.[level]({ subgraph, code: error.code, detail: error.detail }, 'subgraph fetch failed');
    const failure: Failure = { error, reported: 0 };
    for (const object of objects) this.#failures.set(object, failure);
  }

  /**
   * A fetch answered with errors and no data (a non-null field of its failed, nulling the whole
   * answer, as GraphQL does): its errors are reported as the subgraph gave them, and the fields it
   * left empty need no error of their own, as a single GraphQL server would give none.
   */
  explained(objects: readonly object[]): void {
    const failure: Failure = { error: undefined, reported: 0 };
    for (const object of objects) if (!this.#failures.has(object)) this.#failures.set(object, failure);
  }

  /** Called by shaping for a field its object lacks. */
  missing(object: object, path: readonly (string | number)[]): void {
    const failure = this.#failures.get(object);
    if (!failure) return;
    if (!failure.error) {
      this.#cover(path);
      return;
    }
    if (failure.reported >= MAX_ERRORS_PER_FAILURE) return;
    failure.reported++;
    this.add(
      new GraphQLError(failure.error.message, {
        path: [...path],
        extensions: { code: failure.error.code, serviceName: failure.error.subgraph },
      }),
    );
  }

  /** A subgraph's own errors, moved to where they land in the client's response. */
  fromSubgraph(
    errors: readonly SubgraphError[],
    subgraph: string,
    repath: (path: readonly (string | number)[]) => Path | Path[] | undefined,
  ): void {
    for (const error of errors) {
      const extensions: Record<string, unknown> = { ...(error.extensions ?? {}), serviceName: subgraph };
      if (typeof extensions.code !== 'string') extensions.code = 'DOWNSTREAM_SERVICE_ERROR';
      const message =
        typeof error.message === 'string' && error.message
          ? error.message
          : `Error while fetching subquery from service "${subgraph}"`;
      const mapped = Array.isArray(error.path) ? repath(error.path) : undefined;
      const paths: (Path | undefined)[] =
        mapped === undefined ? [undefined] : Array.isArray(mapped[0]) ? (mapped as Path[]) : [mapped as Path];
      for (const path of paths.slice(0, MAX_ERRORS_PER_FAILURE)) {
        this.add(new GraphQLError(message, { ...(path ? { path } : {}), extensions }));
      }
    }
  }

  /** A null where the schema promises a value, with no error already explaining it. */
  nonNull(path: readonly (string | number)[], field: string): void {
    if (this.#covered.has(pathKey(path))) return;
    this.add(
      new GraphQLError(`Cannot return null for non-nullable field ${field}.`, {
        path: [...path],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }),
    );
  }

  add(error: GraphQLError): void {
    this.list.push(error);
    if (error.path) this.#cover(error.path);
  }

  #cover(path: readonly (string | number)[]): void {
    for (let i = 1; i <= path.length; i++) this.#covered.add(pathKey(path.slice(0, i)));
  }
}
