/**
 * Step 5: lint of the public (API) schema, the one front-ends see. Each rule is configured as `error`
 * (fails the check), `warning` (shown, passes) or `off`; DEFAULT_LINT_CONFIG is what
 * `npm run schema:check` uses.
 */
import {
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  isUnionType,
} from 'graphql';
import type { SubgraphSource } from '../supergraph.ts';
import type { Locator, Place } from './locate.ts';
import { PARTIAL_ANSWER_EXCEPTIONS, partialAnswerViolations } from './partial-answers.ts';
import { type Finding, plural, type StepResult, stepStatus } from './types.ts';

export const LINT_RULES = {
  'type-names-pascal-case': 'type names are PascalCase',
  'field-names-camel-case': 'field, input field and argument names are camelCase',
  'enum-values-upper-case': 'enum values are UPPER_CASE',
  'input-types-end-in-input': 'input type names end in Input',
  'types-have-descriptions': 'every type but Query, Mutation and Subscription has a description',
  'fields-have-descriptions': 'every field, input field and enum value has a description',
  'relay-connection-shape':
    '*Connection types have edges (a list of edge types with node and cursor) and pageInfo: PageInfo! (hasNextPage, endCursor)',
  'no-unused-types': 'every type can be reached from Query, Mutation or Subscription',
  'partial-answers':
    "a field a center adds to another center's entity, or a reference to another center's entity, is nullable (docs/partial-answers.md)",
} as const;

export type LintRule = keyof typeof LINT_RULES;
export type RuleSeverity = 'error' | 'warning' | 'off';
export type LintConfig = Record<LintRule, RuleSeverity>;

/** The severities `npm run schema:check` applies: the schema is the front-ends' manual, so undescribed is an error. */
export const DEFAULT_LINT_CONFIG: LintConfig = {
  'type-names-pascal-case': 'error',
  'field-names-camel-case': 'error',
  'enum-values-upper-case': 'error',
  'input-types-end-in-input': 'error',
  'types-have-descriptions': 'error',
  'fields-have-descriptions': 'error',
  'relay-connection-shape': 'error',
  'no-unused-types': 'error',
  'partial-answers': 'error',
};

const PASCAL_CASE = /^[A-Z][A-Za-z0-9]*$/;
const CAMEL_CASE = /^[a-z][A-Za-z0-9]*$/;
const UPPER_CASE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

interface Violation {
  rule: LintRule;
  coordinate: string;
  message: string;
  /** Where it is, when that is one subgraph's definition rather than every place defining the coordinate. */
  places?: Place[];
}

/** The schema's own named types: no introspection types, no built-in scalars. */
function ownTypes(schema: GraphQLSchema): GraphQLNamedType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type) => !isIntrospectionType(type) && !isSpecifiedScalarType(type),
  );
}

function rootTypes(schema: GraphQLSchema): GraphQLObjectType[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].filter(
    (type): type is GraphQLObjectType => Boolean(type),
  );
}

function fieldsOf(type: GraphQLNamedType): (GraphQLField<unknown, unknown> | GraphQLInputField)[] {
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))
    return Object.values(type.getFields());
  return [];
}

function naming(schema: GraphQLSchema): Violation[] {
  const violations: Violation[] = [];
  for (const type of ownTypes(schema)) {
    if (!PASCAL_CASE.test(type.name)) {
      violations.push({
        rule: 'type-names-pascal-case',
        coordinate: type.name,
        message: `Type ${type.name} is not PascalCase`,
      });
    }
    if (isInputObjectType(type) && !type.name.endsWith('Input')) {
      violations.push({
        rule: 'input-types-end-in-input',
        coordinate: type.name,
        message: `Input type ${type.name} does not end in Input`,
      });
    }
    for (const field of fieldsOf(type)) {
      const coordinate = `${type.name}.${field.name}`;
      if (!CAMEL_CASE.test(field.name)) {
        violations.push({
          rule: 'field-names-camel-case',
          coordinate,
          message: `${isInputObjectType(type) ? 'Input field' : 'Field'} ${coordinate} is not camelCase`,
        });
      }
      for (const argument of 'args' in field ? field.args : []) {
        if (CAMEL_CASE.test(argument.name)) continue;
        violations.push({
          rule: 'field-names-camel-case',
          coordinate: `${coordinate}.${argument.name}`,
          message: `Argument ${coordinate}(${argument.name}:) is not camelCase`,
        });
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (UPPER_CASE.test(value.name)) continue;
        violations.push({
          rule: 'enum-values-upper-case',
          coordinate: `${type.name}.${value.name}`,
          message: `Enum value ${type.name}.${value.name} is not UPPER_CASE`,
        });
      }
    }
  }
  return violations;
}

function descriptions(schema: GraphQLSchema): Violation[] {
  const violations: Violation[] = [];
  const roots = new Set<GraphQLNamedType>(rootTypes(schema));
  const blank = (description: string | null | undefined) => !description?.trim();
  for (const type of ownTypes(schema)) {
    if (!roots.has(type) && blank(type.description)) {
      violations.push({
        rule: 'types-have-descriptions',
        coordinate: type.name,
        message: `Type ${type.name} has no description`,
      });
    }
    for (const field of fieldsOf(type)) {
      if (!blank(field.description)) continue;
      const coordinate = `${type.name}.${field.name}`;
      violations.push({
        rule: 'fields-have-descriptions',
        coordinate,
        message: `${isInputObjectType(type) ? 'Input field' : 'Field'} ${coordinate} has no description`,
      });
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        if (!blank(value.description)) continue;
        violations.push({
          rule: 'fields-have-descriptions',
          coordinate: `${type.name}.${value.name}`,
          message: `Enum value ${type.name}.${value.name} has no description`,
        });
      }
    }
  }
  return violations;
}

/** What is wrong with a connection type's shape, per the Relay cursor connections spec (forward pagination). */
function connectionProblems(connection: GraphQLObjectType): string[] {
  const problems: string[] = [];
  const fields = connection.getFields();
  const edges = fields.edges;
  if (!edges) {
    problems.push('no edges field');
  } else {
    const list = getNullableType(edges.type);
    const edge = getNamedType(edges.type);
    if (!isListType(list) || !isObjectType(edge)) {
      problems.push(`edges must be a list of an edge object type, not ${String(edges.type)}`);
    } else {
      const edgeFields = edge.getFields();
      const node = edgeFields.node;
      const cursor = edgeFields.cursor;
      if (!node) problems.push(`its edge type ${edge.name} has no node field`);
      else if (isListType(getNullableType(node.type))) {
        problems.push(`${edge.name}.node must not be a list`);
      }
      if (!cursor) problems.push(`its edge type ${edge.name} has no cursor field`);
      else if (!isScalarType(getNamedType(cursor.type)) || isListType(getNullableType(cursor.type))) {
        problems.push(`${edge.name}.cursor must be a String (or a scalar serialized as one)`);
      }
    }
  }
  const pageInfo = fields.pageInfo;
  if (!pageInfo) {
    problems.push('no pageInfo field');
  } else {
    const type = getNamedType(pageInfo.type);
    if (!isNonNullType(pageInfo.type) || !isObjectType(type) || type.name !== 'PageInfo') {
      problems.push(`pageInfo must be PageInfo!, not ${String(pageInfo.type)}`);
    } else {
      const hasNextPage = type.getFields().hasNextPage;
      if (!hasNextPage || String(hasNextPage.type) !== 'Boolean!')
        problems.push('PageInfo.hasNextPage must be Boolean!');
      if (!type.getFields().endCursor) problems.push('PageInfo has no endCursor field');
    }
  }
  return problems;
}

function connections(schema: GraphQLSchema): Violation[] {
  const violations: Violation[] = [];
  for (const type of ownTypes(schema)) {
    if (!type.name.endsWith('Connection') || !isObjectType(type)) continue;
    const problems = connectionProblems(type);
    if (problems.length === 0) continue;
    violations.push({
      rule: 'relay-connection-shape',
      coordinate: type.name,
      message: `Connection type ${type.name}: ${problems.join('; ')}`,
    });
  }
  return violations;
}

/** Types reachable from the root types through fields, arguments, interfaces and possible types. */
export function reachableTypes(schema: GraphQLSchema): Set<string> {
  const reached = new Set<string>();
  const queue: GraphQLNamedType[] = rootTypes(schema);
  while (queue.length > 0) {
    const type = queue.pop()!;
    if (reached.has(type.name)) continue;
    reached.add(type.name);
    for (const field of fieldsOf(type)) {
      queue.push(getNamedType(field.type));
      for (const argument of 'args' in field ? field.args : []) queue.push(getNamedType(argument.type));
    }
    if (isObjectType(type) || isInterfaceType(type)) queue.push(...type.getInterfaces());
    if (isInterfaceType(type) || isUnionType(type)) queue.push(...schema.getPossibleTypes(type));
  }
  return reached;
}

function unused(schema: GraphQLSchema): Violation[] {
  const reached = reachableTypes(schema);
  return ownTypes(schema)
    .filter((type) => !reached.has(type.name))
    .map((type) => ({
      rule: 'no-unused-types' as const,
      coordinate: type.name,
      message: `Type ${type.name} is not reachable from Query, Mutation or Subscription`,
    }));
}

function partialAnswers(
  subgraphs: SubgraphSource[],
  exceptions: Readonly<Record<string, string>>,
): Violation[] {
  return partialAnswerViolations(subgraphs, exceptions).map((field) => ({
    rule: 'partial-answers' as const,
    coordinate: field.coordinate,
    message: field.message,
    places: [{ subgraph: field.subgraph, location: field.location }],
  }));
}

export interface LintInputs {
  /** Locates each finding in the subgraphs. */
  locate?: Locator;
  /** The subgraph SDLs, for the rules only they can judge (partial-answers); those rules are skipped without them. */
  subgraphs?: SubgraphSource[];
  /** The partial-answers rule's written exceptions (default: PARTIAL_ANSWER_EXCEPTIONS). */
  partialAnswerExceptions?: Readonly<Record<string, string>>;
}

/** Every violation of a rule that is not off, as an error or a warning per `config`; located in the subgraphs when `locate` is given. */
export function lintSchema(
  schema: GraphQLSchema,
  config: LintConfig = DEFAULT_LINT_CONFIG,
  inputs: LintInputs = {},
): Finding[] {
  const { locate, subgraphs } = inputs;
  const violations = [
    ...naming(schema),
    ...descriptions(schema),
    ...connections(schema),
    ...unused(schema),
    ...(subgraphs
      ? partialAnswers(subgraphs, inputs.partialAnswerExceptions ?? PARTIAL_ANSWER_EXCEPTIONS)
      : []),
  ];
  const findings: Finding[] = [];
  for (const violation of violations) {
    const severity = config[violation.rule];
    if (severity === 'off') continue;
    const places = violation.places ?? locate?.(violation.coordinate) ?? [];
    const subgraphs = [...new Set(places.map((place) => place.subgraph))];
    findings.push({
      step: 'lint',
      severity,
      code: violation.rule,
      message: violation.message,
      coordinate: violation.coordinate,
      ...(subgraphs.length > 0 ? { subgraph: subgraphs.join(', ') } : {}),
      ...(places.length > 0 ? { locations: places.map((place) => place.location) } : {}),
    });
  }
  // Errors first, then by rule in LINT_RULES order, so the report reads rule by rule.
  const rules = Object.keys(LINT_RULES);
  return findings.sort(
    (a, b) =>
      Number(a.severity !== 'error') - Number(b.severity !== 'error') ||
      rules.indexOf(a.code) - rules.indexOf(b.code),
  );
}

export function lintStep(schema: GraphQLSchema | null, findings: Finding[]): StepResult {
  const title = 'Lint';
  if (schema === null) {
    return {
      step: 'lint',
      title,
      status: 'skipped',
      summary: 'skipped: the subgraphs do not compose',
      findings: [],
    };
  }
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.length - errors;
  return {
    step: 'lint',
    title,
    status: stepStatus(findings),
    summary: `${plural(Object.keys(LINT_RULES).length, 'rule')} on the API schema: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`,
    findings,
  };
}
