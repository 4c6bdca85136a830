import { buildOperationContext } from '@apollo/gateway';
import type { GatewayExecutionResult } from '@apollo/server-gateway-interface';
import type { Identity } from '@zhongtai/subgraph-kit';
import {
  type ArgumentNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  type SelectionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import type { OperationContext } from './executor.ts';
import type { LoadedSupergraph } from './supergraph.ts';

/**
 * Authorization by the supergraph's `@authenticated` and `@requiresScopes` (Federation 2.5+), enforced
 * by the router before planning: a field the caller may not see is taken out of the operation, so no
 * subgraph is ever asked for it, and comes back null with an error at its path (UNAUTHENTICATED
 * without an identity, FORBIDDEN when scopes are lacking) while the rest of the data is served.
 *
 * A denied field is not dropped but replaced by `<its response key>: __typename`: the selection set
 * never becomes empty, the response keeps the client's key order, and the placeholder's presence in
 * the result tells exactly which objects the field was asked on (an `@include`, `@skip` or type
 * condition that left it out leaves the placeholder out too). After execution each placeholder is set
 * to null; when the denied field is non-null, the null goes up to the nearest nullable parent, as
 * GraphQL execution does with a field error, and the whole `data` is null when there is none.
 *
 * Ownership ("only the buyer reads their order") is not expressible here and stays in the centers.
 */

/** What a field or type demands: all of `scopes` must be met, each by one of its alternatives. */
export interface Requirement {
  authenticated: boolean;
  /** Conjunction of `@requiresScopes` arguments; each is "any one of these sets, all scopes of the set". */
  scopes: readonly (readonly (readonly string[])[])[];
}

export interface AuthzDirectives {
  /** `Type.field` → requirement. */
  fields: ReadonlyMap<string, Requirement>;
  /** `Type` (object, interface, scalar or enum) → requirement of every field returning it. */
  types: ReadonlyMap<string, Requirement>;
}

const AUTHENTICATED_SPEC = 'https://specs.apollo.dev/authenticated/';
const REQUIRES_SCOPES_SPEC = 'https://specs.apollo.dev/requiresScopes/';

type Directed = { directives?: readonly (DirectiveNode | ConstDirectiveNode)[] | undefined };

function argsOf(directive: DirectiveNode | ConstDirectiveNode): Record<string, unknown> {
  return Object.fromEntries(
    ((directive.arguments ?? []) as readonly ArgumentNode[]).map((arg) => [
      arg.name.value,
      valueFromASTUntyped(arg.value),
    ]),
  );
}

/** The names the supergraph gives the two directives: their spec's, unless a `@link(as:)` renames them. */
function directiveNames(definitions: readonly DefinitionNode[]) {
  let authenticated: string | undefined;
  let requiresScopes: string | undefined;
  for (const definition of definitions) {
    if (definition.kind !== Kind.SCHEMA_DEFINITION && definition.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== 'link') continue;
      const { url, as } = argsOf(directive);
      if (typeof url !== 'string') continue;
      if (url.startsWith(AUTHENTICATED_SPEC)) authenticated = typeof as === 'string' ? as : 'authenticated';
      if (url.startsWith(REQUIRES_SCOPES_SPEC))
        requiresScopes = typeof as === 'string' ? as : 'requiresScopes';
    }
  }
  return { authenticated, requiresScopes };
}

function isScopeSets(value: unknown): value is string[][] {
  return (
    Array.isArray(value) &&
    value.every((set) => Array.isArray(set) && set.every((scope) => typeof scope === 'string'))
  );
}

function merge(a: Requirement | undefined, b: Requirement | undefined): Requirement | undefined {
  if (!a) return b;
  if (!b) return a;
  return { authenticated: a.authenticated || b.authenticated, scopes: [...a.scopes, ...b.scopes] };
}

/** Reads `@authenticated` and `@requiresScopes` off the types and fields of a supergraph SDL. */
export function readAuthzDirectives(supergraphSdl: string): AuthzDirectives {
  const fields = new Map<string, Requirement>();
  const types = new Map<string, Requirement>();
  const document = parse(supergraphSdl, { noLocation: true });
  const names = directiveNames(document.definitions);
  if (!names.authenticated && !names.requiresScopes) return { fields, types };

  const requirementOf = (node: Directed): Requirement | undefined => {
    let requirement: Requirement | undefined;
    for (const directive of node.directives ?? []) {
      if (directive.name.value === names.authenticated) {
        requirement = merge(requirement, { authenticated: true, scopes: [] });
      } else if (directive.name.value === names.requiresScopes) {
        const { scopes } = argsOf(directive);
        if (isScopeSets(scopes)) requirement = merge(requirement, { authenticated: false, scopes: [scopes] });
      }
    }
    return requirement;
  };
  const add = (map: Map<string, Requirement>, key: string, requirement: Requirement | undefined) => {
    const merged = merge(map.get(key), requirement);
    if (merged) map.set(key, merged);
  };

  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        add(types, definition.name.value, requirementOf(definition));
        for (const field of (definition.fields ?? []) as readonly FieldDefinitionNode[]) {
          add(fields, `${definition.name.value}.${field.name.value}`, requirementOf(field));
        }
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
        add(types, definition.name.value, requirementOf(definition));
        break;
      default:
    }
  }
  return { fields, types };
}

type Verdict = { code: 'UNAUTHENTICATED' | 'FORBIDDEN' } | undefined;

export function judge(requirement: Requirement | undefined, identity: Identity): Verdict {
  if (!requirement || (!requirement.authenticated && requirement.scopes.length === 0)) return undefined;
  if (identity.userId === null) return { code: 'UNAUTHENTICATED' };
  const held = new Set(identity.scopes);
  const met = requirement.scopes.every((alternatives) =>
    alternatives.some((set) => set.every((scope) => held.has(scope))),
  );
  return met ? undefined : { code: 'FORBIDDEN' };
}

/** One step of a response path: an object's key, or every item of a list. */
type Step = { key: string; nullable: boolean } | { each: true; nullable: boolean };

export interface Denial {
  /** Where the denied field sits in the response, lists as `each` steps; the last step is the field. */
  steps: readonly Step[];
  code: 'UNAUTHENTICATED' | 'FORBIDDEN';
  coordinate: string;
}

export interface AuthorizedOperation {
  /** The operation to plan: the client's own when nothing is denied, else a rewritten one. */
  document: DocumentNode;
  denials: readonly Denial[];
}

// Expanding fragments inside fragments can grow exponentially; past this many fields, the operation is refused.
const MAX_VISITS = 100_000;

class TooComplex extends Error {}

function requirementFor(
  schema: GraphQLSchema,
  directives: AuthzDirectives,
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
): Requirement | undefined {
  let requirement = merge(
    directives.fields.get(`${parent.name}.${field.name}`),
    directives.types.get(parent.name),
  );
  requirement = merge(requirement, directives.types.get(getNamedType(field.type).name));
  // Asked through an interface, a field could resolve on any implementation: it needs what each needs.
  if (isInterfaceType(parent)) {
    for (const implementation of schema.getPossibleTypes(parent)) {
      requirement = merge(requirement, directives.fields.get(`${implementation.name}.${field.name}`));
      requirement = merge(requirement, directives.types.get(implementation.name));
    }
  }
  return requirement;
}

/**
 * Finds the fields of the operation that the identity may not see. With none, the client's document
 * is returned as it is (the plan cache sees the same operation); otherwise the selected operation is
 * rewritten, its fragments inlined, with each denied field replaced by a `__typename` placeholder.
 */
export function authorizeOperation(
  schema: GraphQLSchema,
  directives: AuthzDirectives,
  document: DocumentNode,
  operationName: string | null | undefined,
  identity: Identity,
): AuthorizedOperation {
  if (directives.fields.size === 0 && directives.types.size === 0) return { document, denials: [] };
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const rootType = operation && schema.getRootType(operation.operation);
  if (!operation || !rootType) return { document, denials: [] };
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const denials: Denial[] = [];
  let visits = 0;

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLNamedType,
    steps: readonly Step[],
  ): SelectionSetNode => {
    const selections: SelectionNode[] = [];
    for (const selection of set.selections) {
      if (++visits > MAX_VISITS) throw new TooComplex();
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type) {
          selections.push(selection);
          continue;
        }
        selections.push({
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: [...(selection.directives ?? []), ...(fragment.directives ?? [])],
          selectionSet: walk(fragment.selectionSet, type, steps),
        });
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        selections.push({ ...selection, selectionSet: walk(selection.selectionSet, type ?? parent, steps) });
        continue;
      }
      const name = selection.name.value;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (name.startsWith('__') || !field) {
        selections.push(selection);
        continue;
      }
      const key = selection.alias?.value ?? name;
      const verdict = judge(requirementFor(schema, directives, parent, field), identity);
      if (verdict) {
        denials.push({
          steps: [...steps, { key, nullable: !isNonNullType(field.type) }],
          code: verdict.code,
          coordinate: `${parent.name}.${name}`,
        });
        selections.push(placeholder(key, selection));
        continue;
      }
      if (!selection.selectionSet) {
        selections.push(selection);
        continue;
      }
      const childSteps: Step[] = [...steps, { key, nullable: !isNonNullType(field.type) }];
      let type = getNullableType(field.type);
      while (isListType(type)) {
        childSteps.push({ each: true, nullable: !isNonNullType(type.ofType) });
        type = getNullableType(type.ofType);
      }
      selections.push({
        ...selection,
        selectionSet: walk(selection.selectionSet, getNamedType(type), childSteps),
      });
    }
    return { ...set, selections };
  };

  let selectionSet: SelectionSetNode;
  try {
    selectionSet = walk(operation.selectionSet, rootType, []);
  } catch (error) {
    if (!(error instanceof TooComplex)) throw error;
    throw new GraphQLError('The operation is too large to authorize.', {
      extensions: { code: 'OPERATION_TOO_COMPLEX' },
    });
  }
  if (denials.length === 0) return { document, denials };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [{ ...operation, selectionSet }] },
    denials,
  };
}

function placeholder(key: string, field: FieldNode): FieldNode {
  return {
    kind: Kind.FIELD,
    alias: { kind: Kind.NAME, value: key },
    name: { kind: Kind.NAME, value: '__typename' },
    // @include and @skip stay, so the placeholder is in the result exactly when the field would be.
    directives: field.directives ?? [],
  };
}

type Path = (string | number)[];
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The concrete paths of a denied field in a result: every object the placeholder came back on. */
function locate(data: unknown, steps: readonly Step[]): Path[] {
  const found: Path[] = [];
  const visit = (value: unknown, i: number, path: Path) => {
    const step = steps[i]!;
    if ('each' in step) {
      if (Array.isArray(value)) {
        for (const [index, item] of value.entries()) visit(item, i + 1, [...path, index]);
      }
      return;
    }
    if (!isObject(value) || !(step.key in value)) return;
    if (i === steps.length - 1) found.push([...path, step.key]);
    else visit(value[step.key], i + 1, [...path, step.key]);
  };
  visit(data, 0, []);
  return found;
}

function setNull(data: Record<string, unknown>, path: Path) {
  let value: unknown = data;
  for (const segment of path.slice(0, -1)) {
    value = (value as Record<string | number, unknown> | null)?.[segment];
    if (value === null || value === undefined) return;
  }
  (value as Record<string | number, unknown>)[path[path.length - 1]!] = null;
}

function message(denial: Denial): string {
  return denial.code === 'UNAUTHENTICATED'
    ? `Sign in to see ${denial.coordinate}.`
    : `The token lacks the scopes ${denial.coordinate} requires.`;
}

/** Nulls each denied field in the result (bubbling past non-null ones) and adds its error. */
export function applyDenials(
  result: GatewayExecutionResult,
  denials: readonly Denial[],
): GatewayExecutionResult {
  if (denials.length === 0) return result;
  let data = result.data as Record<string, unknown> | null | undefined;
  const errors: GraphQLError[] = [];
  for (const denial of denials) {
    if (!isObject(data)) break;
    let target = denial.steps.length - 1;
    while (target >= 0 && !denial.steps[target]!.nullable) target--;
    for (const path of locate(data, denial.steps)) {
      errors.push(new GraphQLError(message(denial), { path, extensions: { code: denial.code } }));
      if (target < 0) {
        data = null;
        break;
      }
      setNull(data, path.slice(0, target + 1));
    }
  }
  return {
    ...result,
    data,
    ...(errors.length > 0 || result.errors ? { errors: [...(result.errors ?? []), ...errors] } : {}),
  };
}

const directivesBySupergraph = new WeakMap<LoadedSupergraph, AuthzDirectives>();

function directivesOf(loaded: LoadedSupergraph): AuthzDirectives {
  let directives = directivesBySupergraph.get(loaded);
  if (!directives) {
    directives = readAuthzDirectives(loaded.sdl);
    directivesBySupergraph.set(loaded, directives);
  }
  return directives;
}

/**
 * Runs an operation with its unauthorized fields taken out: `run` plans and executes the document it
 * is given (the client's own when nothing is denied), then the denied fields are nulled with errors.
 */
export async function executeAuthorized(
  loaded: LoadedSupergraph,
  request: { document: DocumentNode; operationName?: string | null | undefined; identity: Identity },
  operationContext: OperationContext,
  run: (document: DocumentNode, operationContext: OperationContext) => Promise<GatewayExecutionResult>,
): Promise<GatewayExecutionResult> {
  let authorized: AuthorizedOperation;
  try {
    authorized = authorizeOperation(
      loaded.apiGraphQLSchema,
      directivesOf(loaded),
      request.document,
      request.operationName,
      request.identity,
    );
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    throw error;
  }
  if (authorized.denials.length === 0) return run(request.document, operationContext);
  const rewritten = buildOperationContext({
    schema: loaded.apiGraphQLSchema,
    operationDocument: authorized.document,
    operationName: request.operationName ?? undefined,
  });
  return applyDenials(await run(authorized.document, rewritten), authorized.denials);
}
