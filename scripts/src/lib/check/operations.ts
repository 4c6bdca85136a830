/**
 * Step 4, usage-based: every registered operation (`schema/operations/<client>/*.graphql`) validates
 * against the new API schema, and no breaking change touches what a registered operation uses. A
 * breaking change that no operation uses passes (step 3 still lists it).
 */
import { basename } from 'node:path';
import {
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  Kind,
  type OperationDefinitionNode,
  parse,
  TypeInfo,
  typeFromAST,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import type { OperationFile } from '../operations.ts';
import type { SchemaChange } from './changes.ts';
import { type Finding, plural, type StepResult, stepStatus } from './types.ts';

export interface RegisteredOperation {
  client: string;
  /** The operation's name, or its file's name when it has none. */
  name: string;
  /** `client/name`, as the report names it. */
  id: string;
  /** `path:line:column` of the operation. */
  location: string;
  definition: OperationDefinitionNode;
  /** The fragments of its file the operation spreads, directly or through other fragments. */
  fragments: FragmentDefinitionNode[];
  file: OperationFile;
  document: DocumentNode;
}

function locationOf(file: OperationFile, node: ASTNode): string {
  if (!node.loc) return file.source.name;
  return `${file.source.name}:${node.loc.startToken.line}:${node.loc.startToken.column}`;
}

function spreadFragments(
  root: ASTNode,
  fragments: Map<string, FragmentDefinitionNode>,
): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const queue: ASTNode[] = [root];
  while (queue.length > 0) {
    visit(queue.pop()!, {
      FragmentSpread(node) {
        const fragment = fragments.get(node.name.value);
        if (fragment && !found.has(fragment.name.value)) {
          found.set(fragment.name.value, fragment);
          queue.push(fragment);
        }
      },
    });
  }
  return [...found.values()];
}

/** Every operation of every file; a file that does not parse is a problem instead. */
export function readRegisteredOperations(files: OperationFile[]): {
  operations: RegisteredOperation[];
  problems: Finding[];
} {
  const operations: RegisteredOperation[] = [];
  const problems: Finding[] = [];
  for (const file of files) {
    let document: DocumentNode;
    try {
      document = parse(file.source);
    } catch (error) {
      const name = basename(file.source.name, '.graphql');
      problems.push({
        step: 'operations',
        severity: 'error',
        code: 'OPERATION_SYNTAX',
        message: `${file.client}/${name}: ${(error as Error).message}`,
        client: file.client,
        operation: name,
        locations: [file.source.name],
      });
      continue;
    }
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const name = definition.name?.value ?? basename(file.source.name, '.graphql');
      operations.push({
        client: file.client,
        name,
        id: `${file.client}/${name}`,
        location: locationOf(file, definition),
        definition,
        fragments: spreadFragments(definition, fragments),
        file,
        document,
      });
    }
  }
  return { operations, problems };
}

/**
 * The schema coordinates an operation uses in `schema`: the types it touches, `Type.field` for each
 * field it selects, `Type.field.argument` for each argument it passes, and, for the enums and input
 * types it reads or sends, every value and input field (a client sends whole input objects and must
 * understand every value of an enum it receives).
 */
export function coordinatesUsedBy(schema: GraphQLSchema, operation: RegisteredOperation): Set<string> {
  const used = new Set<string>();
  const addType = (type: GraphQLNamedType | undefined | null) => {
    if (!type || used.has(type.name)) return;
    used.add(type.name);
    if (isEnumType(type)) for (const value of type.getValues()) used.add(`${type.name}.${value.name}`);
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        used.add(`${type.name}.${field.name}`);
        addType(getNamedType(field.type));
      }
    }
  };
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    VariableDefinition(node) {
      const type = typeFromAST(schema, node.type);
      if (type) addType(getNamedType(type));
    },
    Field(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      if (!parent || !field || node.name.value.startsWith('__')) return;
      addType(parent);
      used.add(`${parent.name}.${field.name}`);
      addType(getNamedType(field.type));
    },
    Argument(node) {
      const parent = typeInfo.getParentType();
      const field = typeInfo.getFieldDef();
      const argument = typeInfo.getArgument();
      if (!parent || !field || !argument) return;
      used.add(`${parent.name}.${field.name}.${node.name.value}`);
      addType(getNamedType(argument.type));
    },
    InlineFragment(node) {
      if (node.typeCondition) addType(schema.getType(node.typeCondition.name.value));
    },
    FragmentDefinition(node) {
      addType(schema.getType(node.typeCondition.name.value));
    },
  });
  for (const node of [operation.definition, ...operation.fragments]) visit(node, visitor);
  return used;
}

/** Whether a change touches what an operation uses; an addition to a type (a required argument, input field) touches every user of its parent. */
export function touches(change: SchemaChange, used: Set<string>): boolean {
  if (!change.coordinate) return false;
  const path = change.coordinate
    .split('.')
    .filter((part) => !part.startsWith('@'))
    .join('.');
  if (used.has(path)) return true;
  return (
    change.type.endsWith('_ADDED') && path.includes('.') && used.has(path.slice(0, path.lastIndexOf('.')))
  );
}

/** The operations (by id) that use what each breaking or dangerous change changes, judged on the base API schema. */
export function operationsUsing(
  baseSchema: GraphQLSchema,
  operations: RegisteredOperation[],
  changes: SchemaChange[],
): Map<SchemaChange, string[]> {
  const usage = operations.map((operation) => ({
    operation,
    used: coordinatesUsedBy(baseSchema, operation),
  }));
  const result = new Map<SchemaChange, string[]>();
  for (const change of changes) {
    if (change.level === 'safe') continue;
    result.set(
      change,
      usage.filter(({ used }) => touches(change, used)).map(({ operation }) => operation.id),
    );
  }
  return result;
}

function containing(
  definitions: readonly DefinitionNode[],
  node: ASTNode | undefined,
): DefinitionNode | undefined {
  const start = node?.loc?.start;
  if (start === undefined) return undefined;
  return definitions.find((d) => d.loc && d.loc.start <= start && start < d.loc.end);
}

/** The validation problems of each operation against `schema`, keyed by operation id. */
export function validationProblems(
  schema: GraphQLSchema,
  operations: RegisteredOperation[],
): Map<string, { message: string; location: string }[]> {
  const problems = new Map<string, { message: string; location: string }[]>();
  const documents = new Map<DocumentNode, RegisteredOperation[]>();
  for (const operation of operations) {
    documents.set(operation.document, [...(documents.get(operation.document) ?? []), operation]);
  }
  for (const [document, inDocument] of documents) {
    const file = inDocument[0]!.file;
    for (const error of validate(schema, document)) {
      const node = error.nodes?.[0];
      const definition = containing(document.definitions, node);
      // An error inside a fragment belongs to every operation of the file that spreads it.
      const owners = inDocument.filter(
        (operation) =>
          definition === undefined ||
          operation.definition === definition ||
          operation.fragments.includes(definition as FragmentDefinitionNode),
      );
      for (const owner of owners.length > 0 ? owners : inDocument) {
        const list = problems.get(owner.id) ?? [];
        list.push({ message: error.message, location: node ? locationOf(file, node) : file.source.name });
        problems.set(owner.id, list);
      }
    }
  }
  return problems;
}

export interface OperationsInput {
  /** The new API schema, or null when the subgraphs do not compose. */
  schema: GraphQLSchema | null;
  operations: RegisteredOperation[];
  /** Problems reading the operations (syntax errors). */
  problems: Finding[];
  /** The breaking and dangerous changes since the base, with the operations using each. */
  usedBy: Map<SchemaChange, string[]>;
}

export function checkOperations(input: OperationsInput): StepResult {
  const title = 'Operations';
  const { schema, operations } = input;
  if (schema === null) {
    return {
      step: 'operations',
      title,
      status: 'skipped',
      summary: 'skipped: the subgraphs do not compose',
      findings: [],
    };
  }
  const findings: Finding[] = [...input.problems];
  const invalid = validationProblems(schema, operations);
  for (const operation of operations) {
    const problems = invalid.get(operation.id) ?? [];
    for (const problem of problems) {
      findings.push({
        step: 'operations',
        severity: 'error',
        code: 'INVALID_OPERATION',
        message: `${operation.id}: ${problem.message}`,
        client: operation.client,
        operation: operation.name,
        locations: [problem.location],
      });
    }
    // A breaking change can break an operation that still validates (a field that became nullable,
    // an enum value it may now receive...): that fails it too. One that no longer validates has
    // already failed, and step 3 lists the change with the operations it breaks.
    if (problems.length > 0) continue;
    for (const [change, users] of input.usedBy) {
      if (change.level !== 'breaking' || !users.includes(operation.id)) continue;
      findings.push({
        step: 'operations',
        severity: 'error',
        code: 'BREAKING_CHANGE_USED',
        message: `${operation.id} uses ${change.coordinate}: ${change.message}`,
        client: operation.client,
        operation: operation.name,
        ...(change.coordinate ? { coordinate: change.coordinate } : {}),
        locations: [operation.location],
      });
    }
  }
  const clients = [...new Set(operations.map((operation) => operation.client))];
  const broken = new Set(
    findings.filter((f) => f.severity === 'error').map((f) => `${f.client}/${f.operation}`),
  );
  const of = `${plural(operations.length, 'operation')} of ${plural(clients.length, 'client')} (${clients.join(', ') || 'none'})`;
  return {
    step: 'operations',
    title,
    status: stepStatus(findings),
    summary:
      broken.size === 0
        ? `${of}: all validate against the new API schema, and no breaking change touches them`
        : `${broken.size} of ${of} break: ${[...broken].join(', ')}`,
    findings,
  };
}
