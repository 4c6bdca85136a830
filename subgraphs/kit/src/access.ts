import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type DocumentNode, type FragmentDefinitionNode, Kind, type SelectionSetNode } from 'graphql';
import { forbidden } from './errors.ts';
import { type Identity, ROUTER_SERVICE } from './identity.ts';

const CALLERS = Symbol('callers');

type Marked = { [CALLERS]?: readonly string[] };

/**
 * An internal operation's resolver, callable only by the named services (never by the router, so
 * never for a user or anonymous caller of the API): the allow-list sits beside the resolver it guards.
 * Every `@inaccessible` root field must have one, or the center does not start (`checkInternalFields`).
 */
export function callableBy<R>(services: readonly string[], resolver: R): R {
  type Fn = (
    root: unknown,
    args: unknown,
    context: { identity: Identity },
    info: { fieldName: string },
  ) => unknown;
  const guarded = ((root, args, context, info) => {
    const caller = context.identity.service;
    if (caller === undefined || caller === ROUTER_SERVICE || !services.includes(caller)) {
      throw forbidden(`Only the ${services.join(' or ')} service may call ${info.fieldName}.`);
    }
    return (resolver as Fn)(root, args, context, info);
  }) as Fn as R;
  (guarded as Marked)[CALLERS] = services;
  return guarded;
}

const ROOT_TYPES = new Set(['Query', 'Mutation']);

/** The `@inaccessible` fields of Query and Mutation, as `Type.field`. */
function internalRootFields(typeDefs: DocumentNode): string[] {
  const fields: string[] = [];
  for (const definition of typeDefs.definitions) {
    if (
      (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) ||
      !ROOT_TYPES.has(definition.name.value)
    ) {
      continue;
    }
    for (const field of definition.fields ?? []) {
      if (field.directives?.some((d) => d.name.value === 'inaccessible')) {
        fields.push(`${definition.name.value}.${field.name.value}`);
      }
    }
  }
  return fields;
}

/** Throws unless every `@inaccessible` root field's resolver has its allow-list (`callableBy`). */
export function checkInternalFields(
  center: string,
  typeDefs: DocumentNode,
  resolvers: Record<string, unknown>,
): void {
  const unguarded = internalRootFields(typeDefs).filter((path) => {
    const [type, field] = path.split('.') as [string, string];
    const resolver = (resolvers[type] as Record<string, unknown> | undefined)?.[field];
    return typeof resolver !== 'function' || !(resolver as Marked)[CALLERS];
  });
  if (unguarded.length > 0) {
    throw new Error(
      `The ${center} center's internal fields ${unguarded.join(', ')} have no allow-list: wrap their resolvers in callableBy([...services], resolver).`,
    );
  }
}

function rootFieldNames(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  names: Set<string>,
) {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) names.add(selection.name.value);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      rootFieldNames(selection.selectionSet, fragments, names);
    else {
      const fragment = fragments.get(selection.name.value);
      if (fragment) rootFieldNames(fragment.selectionSet, fragments, names);
    }
  }
  return names;
}

/**
 * Another center may call only the root fields this center lists for it (`callers`), besides
 * internal fields whose own allow-list names it; the router may call every field the API has.
 */
export function callersPlugin<C extends BaseContext & { identity: Identity }>(
  center: string,
  callers: Readonly<Record<string, readonly string[]>>,
  resolvers: Record<string, unknown>,
): ApolloServerPlugin<C> {
  const internal = (type: string, field: string) =>
    Boolean(
      ((resolvers[type] as Record<string, Marked> | undefined)?.[field] as Marked | undefined)?.[CALLERS],
    );
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, document }) {
          const caller = contextValue.identity.service;
          if (caller === undefined || caller === ROUTER_SERVICE || !operation) return;
          const fragments = new Map(
            document.definitions
              .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
              .map((d) => [d.name.value, d]),
          );
          const type = operation.operation === 'mutation' ? 'Mutation' : 'Query';
          const allowed = callers[caller] ?? [];
          for (const field of rootFieldNames(operation.selectionSet, fragments, new Set())) {
            if (field === '__typename' || allowed.includes(field) || internal(type, field)) continue;
            throw forbidden(`The ${caller} service may not call ${field} on the ${center} center.`);
          }
        },
      };
    },
  };
}
