import {
  type DocumentNode,
  executeSync,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isAbstractType,
  isEnumType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isIncluded } from '../plan/conditions.ts';
import type { Path, ResultErrors } from './errors.ts';
import type { JsonObject } from './merge.ts';

/** A response key with the field it answers, for one runtime type. */
interface CollectedField {
  key: string;
  name: string;
  nodes: FieldNode[];
  /** Undefined for __typename, __schema and __type. */
  definition: GraphQLField<unknown, unknown> | undefined;
}

// Sentinel for "null that must bubble up to the nearest nullable parent".
const BUBBLE = Symbol('bubble');

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/**
 * Collected fields per selection set and runtime type, shared by every request that sends the same
 * document (Apollo Server hands one parsed DocumentNode per query text). Selection sets with
 * @skip/@include depend on the variables, and are collected per request.
 */
const collectedCache = new WeakMap<object, Map<string, CollectedField[]>>();
const conditionalCache = new WeakMap<SelectionSetNode, boolean>();

function hasConditions(
  selectionSet: SelectionSetNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): boolean {
  let cached = conditionalCache.get(selectionSet);
  if (cached === undefined) {
    cached = selectionSet.selections.some((selection) => {
      if (selection.directives?.some((d) => d.name.value === 'skip' || d.name.value === 'include'))
        return true;
      if (selection.kind === Kind.INLINE_FRAGMENT) return hasConditions(selection.selectionSet, fragments);
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        return fragment ? hasConditions(fragment.selectionSet, fragments) : false;
      }
      return false;
    });
    conditionalCache.set(selectionSet, cached);
  }
  return cached;
}

/**
 * Builds the client's answer from the merged subgraph answers in one pass over its operation: only
 * the fields asked for, under their aliases, with __typename, fragments on abstract types, and
 * GraphQL's null propagation (a null in a non-null position nulls the nearest nullable parent).
 */
export class ResponseShaper {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly operation: OperationDefinitionNode,
    private readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly errors: ResultErrors,
  ) {}

  shape(data: JsonObject): JsonObject | null {
    const root = this.schema.getRootType(this.operation.operation);
    if (!root) return null;
    const fields = this.collect(root, [this.operation.selectionSet], this.operation.selectionSet);
    const introspection = fields.filter((f) => f.definition === undefined && INTROSPECTION_ROOTS.has(f.name));
    if (introspection.length > 0) Object.assign(data, this.introspect(introspection));
    const result = this.object(root, fields, data, []);
    return result === BUBBLE ? null : result;
  }

  /** __schema and __type are answered by the router from the API schema, never by a subgraph. */
  private introspect(fields: CollectedField[]): JsonObject {
    const document: DocumentNode = {
      kind: Kind.DOCUMENT,
      definitions: [
        {
          ...this.operation,
          selectionSet: { kind: Kind.SELECTION_SET, selections: fields.flatMap((f) => f.nodes) },
        },
        ...Object.values(this.fragments),
      ],
    };
    const result = executeSync({ schema: this.schema, document, variableValues: this.variables });
    for (const error of result.errors ?? []) this.errors.add(error);
    return (result.data ?? {}) as JsonObject;
  }

  private object(
    type: GraphQLObjectType,
    fields: readonly CollectedField[],
    source: JsonObject,
    path: Path,
  ): JsonObject | typeof BUBBLE {
    const result: JsonObject = {};
    for (const field of fields) {
      if (field.definition === undefined) {
        // __schema and __type come shaped from executeSync; __typename is the runtime type.
        result[field.key] = field.name === '__typename' ? type.name : (source[field.key] ?? null);
        continue;
      }
      path.push(field.key);
      let value = source[field.key];
      if (value === undefined) {
        this.errors.missing(source, path);
        value = null;
      }
      const completed = this.value(field.definition.type, field.nodes, value, path, type, field.name);
      path.pop();
      if (completed === BUBBLE) return BUBBLE;
      result[field.key] = completed;
    }
    return result;
  }

  private value(
    type: GraphQLOutputType,
    nodes: FieldNode[],
    value: unknown,
    path: Path,
    parent: GraphQLObjectType,
    fieldName: string,
  ): unknown {
    if (isNonNullType(type)) {
      const completed = this.value(type.ofType, nodes, value, path, parent, fieldName);
      if (completed === null) {
        this.errors.nonNull(path, `${parent.name}.${fieldName}`);
        return BUBBLE;
      }
      return completed;
    }
    if (value === null || value === undefined) return null;
    if (isListType(type)) {
      if (!Array.isArray(value)) return this.invalid(path, `${parent.name}.${fieldName}`, 'a list');
      const items = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const item = this.value(type.ofType, nodes, value[i], path, parent, fieldName);
        path.pop();
        if (item === BUBBLE) return null;
        items[i] = item;
      }
      return items;
    }
    if (isLeafType(type)) {
      if (isEnumType(type) && (typeof value !== 'string' || !type.getValue(value))) {
        // A value the API does not show (an @inaccessible enum value) must not leak through.
        return this.invalid(path, `${parent.name}.${fieldName}`, `a value of ${type.name}`);
      }
      return value;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      return this.invalid(path, `${parent.name}.${fieldName}`, 'an object');
    }
    let runtime: GraphQLObjectType | undefined;
    if (isAbstractType(type)) {
      const typename = (value as JsonObject).__typename;
      const candidate = typeof typename === 'string' ? this.schema.getType(typename) : undefined;
      // A type the API schema hides (@inaccessible) or does not have answers as null.
      if (!candidate || !isObjectType(candidate) || !this.schema.isSubType(type, candidate)) return null;
      runtime = candidate;
    } else if (isObjectType(type)) runtime = type;
    else return null;
    const selectionSets: SelectionSetNode[] = [];
    for (const node of nodes) if (node.selectionSet) selectionSets.push(node.selectionSet);
    const fields = this.collect(runtime, selectionSets, nodes.length === 1 ? nodes[0] : undefined);
    const completed = this.object(runtime, fields, value as JsonObject, path);
    return completed === BUBBLE ? null : completed;
  }

  private invalid(path: Path, field: string, expected: string): null {
    this.errors.add(
      new GraphQLError(`Invalid value for ${field}: expected ${expected}.`, {
        path: [...path],
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }),
    );
    return null;
  }

  /** The fields of `selectionSets` that apply to `type`, in order, merged by response key. */
  private collect(
    type: GraphQLObjectType,
    selectionSets: readonly SelectionSetNode[],
    cacheOwner: object | undefined,
  ): CollectedField[] {
    const cacheable =
      cacheOwner !== undefined && !selectionSets.some((set) => hasConditions(set, this.fragments));
    if (cacheable) {
      const cached = collectedCache.get(cacheOwner)?.get(type.name);
      if (cached) return cached;
    }
    const byKey = new Map<string, CollectedField>();
    const definitions = type.getFields();
    const visited = new Set<string>();
    const visit = (selectionSet: SelectionSetNode) => {
      for (const selection of selectionSet.selections) {
        if (!this.included(selection.directives)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const existing = byKey.get(key);
          if (existing) existing.nodes.push(selection);
          else {
            const name = selection.name.value;
            byKey.set(key, { key, name, nodes: [selection], definition: definitions[name] });
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const condition = selection.typeCondition?.name.value;
          if (condition === undefined || this.applies(type, condition)) visit(selection.selectionSet);
        } else {
          const name = selection.name.value;
          if (visited.has(name)) continue;
          visited.add(name);
          const fragment = this.fragments[name];
          if (fragment && this.applies(type, fragment.typeCondition.name.value)) visit(fragment.selectionSet);
        }
      }
    };
    for (const set of selectionSets) visit(set);
    const fields: CollectedField[] = [];
    for (const field of byKey.values()) {
      // Validation let through no other field the type lacks.
      if (
        field.definition !== undefined ||
        field.name === '__typename' ||
        INTROSPECTION_ROOTS.has(field.name)
      ) {
        fields.push(field);
      }
    }
    if (cacheable) {
      let forOwner = collectedCache.get(cacheOwner);
      if (!forOwner) {
        forOwner = new Map();
        collectedCache.set(cacheOwner, forOwner);
      }
      forOwner.set(type.name, fields);
    }
    return fields;
  }

  private applies(type: GraphQLObjectType, condition: string): boolean {
    if (condition === type.name) return true;
    const conditionType = this.schema.getType(condition);
    return (
      conditionType !== undefined &&
      isAbstractType(conditionType) &&
      this.schema.isSubType(conditionType, type)
    );
  }

  private included(directives: FieldNode['directives']): boolean {
    return isIncluded(directives, this.variables, this.operation);
  }
}
