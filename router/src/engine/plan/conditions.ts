import {
  type DirectiveNode,
  type DocumentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
  visit,
} from 'graphql';

/**
 * Whether a `@skip`/`@include` condition is true: its literal, or the request's variable (the
 * operation's default when the request omits it). Only `true` counts, as GraphQL's execution says.
 * Planning and shaping both decide with it, so they agree on what is asked.
 */
function conditionIsTrue(
  node: ValueNode | undefined,
  variables: Readonly<Record<string, unknown>>,
  operation: OperationDefinitionNode | undefined,
): boolean {
  if (node?.kind === Kind.BOOLEAN) return node.value;
  return node?.kind === Kind.VARIABLE && variableIsTrue(node.name.value, variables, operation);
}

function variableIsTrue(
  name: string,
  variables: Readonly<Record<string, unknown>>,
  operation: OperationDefinitionNode | undefined,
): boolean {
  if (name in variables) return variables[name] === true;
  const definition = operation?.variableDefinitions?.find((d) => d.variable.name.value === name);
  return definition?.defaultValue?.kind === Kind.BOOLEAN && definition.defaultValue.value;
}

/** Whether a selection with these directives is part of the answer for these variables. */
export function isIncluded(
  directives: readonly DirectiveNode[] | undefined,
  variables: Readonly<Record<string, unknown>>,
  operation: OperationDefinitionNode | undefined,
): boolean {
  if (!directives || directives.length === 0) return true;
  for (const directive of directives) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const condition = conditionIsTrue(
      directive.arguments?.find((a) => a.name.value === 'if')?.value,
      variables,
      operation,
    );
    if (name === 'skip' && condition) return false;
    if (name === 'include' && !condition) return false;
  }
  return true;
}

/**
 * The variables an operation's `@skip`/`@include` read, in document order; empty when it has none.
 * Cached per document, as the planner's caches are.
 */
const conditionVariables = new WeakMap<DocumentNode, readonly string[]>();

function variablesOf(document: DocumentNode): readonly string[] {
  let names = conditionVariables.get(document);
  if (!names) {
    const found = new Set<string>();
    let literal = false;
    visit(document, {
      Directive(node) {
        if (node.name.value !== 'skip' && node.name.value !== 'include') return;
        const value = node.arguments?.find((a) => a.name.value === 'if')?.value;
        if (value?.kind === Kind.VARIABLE) found.add(value.name.value);
        else literal = true;
      },
    });
    // A literal condition still needs the document rewritten; '' marks it without a variable.
    names = literal ? ['', ...found] : [...found];
    conditionVariables.set(document, names);
  }
  return names;
}

/**
 * Which way each of the operation's conditions goes for these variables: part of the plan's cache
 * key, so each combination is planned once. Undefined when the operation has no conditions.
 */
export function conditionsKey(
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Readonly<Record<string, unknown>>,
): string | undefined {
  const names = variablesOf(document);
  if (names.length === 0) return undefined;
  return names
    .map((name) => (name === '' ? 'L' : variableIsTrue(name, variables, operation) ? '1' : '0'))
    .join('');
}

/**
 * The operation as these variables make it: selections `@skip`ped or not `@include`d taken out, the
 * directives dropped from the rest, and a selection set left empty given `__typename` so the document
 * stays valid. The planner then plans only what will be answered, with no conditions left in the plan:
 * Hive's planner puts a whole fetch under a condition that only some of its fields carry, which loses
 * the others when the condition is false. The client's answer is still shaped from its own operation.
 */
export function withConditionsApplied(
  document: DocumentNode,
  operation: OperationDefinitionNode | undefined,
  variables: Readonly<Record<string, unknown>>,
): DocumentNode {
  const selection = (node: SelectionNode) => {
    if (!isIncluded(node.directives, variables, operation)) return null;
    const directives = node.directives?.filter((d) => d.name.value !== 'skip' && d.name.value !== 'include');
    return directives?.length === node.directives?.length ? undefined : { ...node, directives };
  };
  const applied: DocumentNode = visit(document, {
    Field: selection,
    InlineFragment: selection,
    FragmentSpread: selection,
    SelectionSet: {
      leave(node: SelectionSetNode) {
        if (node.selections.length > 0) return undefined;
        return {
          ...node,
          selections: [{ kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } }],
        };
      },
    },
  });
  // A variable only a condition read is now unused, which GraphQL's validation refuses.
  const used = new Set<string>();
  visit(applied, {
    VariableDefinition() {
      return false;
    },
    Variable(node) {
      used.add(node.name.value);
    },
  });
  return visit(applied, {
    VariableDefinition(node) {
      return used.has(node.variable.name.value) ? undefined : null;
    },
  });
}
