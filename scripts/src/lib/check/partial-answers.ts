/**
 * The partial-answers rule (docs/partial-answers.md): a field whose value may come from a fetch to a
 * center other than the one that resolved its parent must be nullable, so that center being down or
 * slow leaves a null at that field instead of nulling its way up to the root. Two kinds of field
 * cross centers: one a center contributes to another center's entity (Product.rating, from
 * reviews), and one a center's type uses to point at another center's entity (Review.product).
 *
 * Judged on the subgraph SDLs, not the API schema, since only they say who defines what. A type's
 * owner is the subgraph defining most of its own fields (not keys, not @external): the one the
 * others extend.
 */
import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  type TypeNode,
} from 'graphql';
import type { SubgraphSource } from '../supergraph.ts';

/**
 * Fields allowed to stay non-null though they cross centers, as `Type.field` → why losing the field
 * must fail its whole parent. Each one is written down in docs/partial-answers.md.
 */
export const PARTIAL_ANSWER_EXCEPTIONS: Readonly<Record<string, string>> = {};

export interface CrossCenterField {
  /** `Type.field`. */
  coordinate: string;
  /** The subgraph defining the field. */
  subgraph: string;
  /** `path:line:column` of the field. */
  location: string;
  kind: 'contributed' | 'reference';
  /** The center on the other side of the fetch. */
  owner: string;
  nonNull: boolean;
  message: string;
}

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

interface Definition {
  subgraph: SubgraphSource;
  node: ObjectNode;
  keys: Set<string>;
  own: FieldDefinitionNode[];
}

const has = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
  (directives ?? []).some((directive) => directive.name.value === name);

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** The top-level field names of a type's @key selections (`id`, `sku { id }` → `id`, `sku`). */
function keyFields(node: ObjectNode): Set<string> {
  const keys = new Set<string>();
  for (const directive of node.directives ?? []) {
    if (directive.name.value !== 'key') continue;
    const fields = directive.arguments?.find((argument) => argument.name.value === 'fields')?.value;
    if (fields?.kind !== Kind.STRING) continue;
    let depth = 0;
    for (const token of fields.value.match(/[{}]|[_A-Za-z][_0-9A-Za-z]*/g) ?? []) {
      if (token === '{') depth += 1;
      else if (token === '}') depth -= 1;
      else if (depth === 0) keys.add(token);
    }
  }
  return keys;
}

function definitionsOf(subgraphs: SubgraphSource[]): Map<string, Definition[]> {
  const byType = new Map<string, Definition[]>();
  for (const subgraph of subgraphs) {
    let document: DocumentNode;
    try {
      document = parse(subgraph.sdl);
    } catch {
      continue; // composition reports the syntax error
    }
    for (const node of document.definitions) {
      if (node.kind !== Kind.OBJECT_TYPE_DEFINITION && node.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      if (has(node.directives, 'inaccessible')) continue;
      const keys = keyFields(node);
      const own = (node.fields ?? []).filter(
        (field) => !keys.has(field.name.value) && !has(field.directives, 'external'),
      );
      const list = byType.get(node.name.value) ?? [];
      list.push({ subgraph, node, keys, own });
      byType.set(node.name.value, list);
    }
  }
  return byType;
}

/** Entity type → the subgraph that owns it: the one defining most of its own fields. */
function ownersOf(byType: Map<string, Definition[]>): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [type, definitions] of byType) {
    const entities = definitions.filter((definition) => has(definition.node.directives, 'key'));
    if (entities.length === 0) continue;
    const owner = [...entities].sort(
      (a, b) => b.own.length - a.own.length || a.subgraph.name.localeCompare(b.subgraph.name),
    )[0]!;
    owners.set(type, owner.subgraph.name);
  }
  return owners;
}

/** Every field that crosses centers, non-null or not; the rule's violations are the non-null ones not excepted. */
export function crossCenterFields(subgraphs: SubgraphSource[]): CrossCenterField[] {
  const byType = definitionsOf(subgraphs);
  const owners = ownersOf(byType);
  const found: CrossCenterField[] = [];
  for (const [type, definitions] of byType) {
    const typeOwner = owners.get(type);
    for (const { subgraph, own } of definitions) {
      for (const field of own) {
        if (has(field.directives, 'inaccessible')) continue;
        const coordinate = `${type}.${field.name.value}`;
        const returned = namedType(field.type);
        const returnedOwner = owners.get(returned);
        let kind: CrossCenterField['kind'];
        let owner: string;
        if (typeOwner !== undefined && typeOwner !== subgraph.name) {
          kind = 'contributed';
          owner = typeOwner;
        } else if (returnedOwner !== undefined && returnedOwner !== subgraph.name) {
          kind = 'reference';
          owner = returnedOwner;
        } else continue;
        const nonNull = field.type.kind === Kind.NON_NULL_TYPE;
        const location = field.loc
          ? `${subgraph.file}:${field.loc.startToken.line}:${field.loc.startToken.column}`
          : subgraph.file;
        const message =
          kind === 'contributed'
            ? `${coordinate}, which ${subgraph.name} adds to ${owner}'s ${type}, must be nullable (not ${typeText(field.type)}): when ${subgraph.name} is down, the ${type} must still answer`
            : `${coordinate} points at ${owner}'s ${returned} and must be nullable (not ${typeText(field.type)}): when ${owner} is down, the ${type} must still answer`;
        found.push({ coordinate, subgraph: subgraph.name, location, kind, owner, nonNull, message });
      }
    }
  }
  return found;
}

function typeText(type: TypeNode): string {
  if (type.kind === Kind.NAMED_TYPE) return type.name.value;
  if (type.kind === Kind.LIST_TYPE) return `[${typeText(type.type)}]`;
  return `${typeText(type.type)}!`;
}

/** The cross-center fields that are non-null without a written exception. */
export function partialAnswerViolations(
  subgraphs: SubgraphSource[],
  exceptions: Readonly<Record<string, string>> = PARTIAL_ANSWER_EXCEPTIONS,
): CrossCenterField[] {
  return crossCenterFields(subgraphs).filter((field) => field.nonNull && !(field.coordinate in exceptions));
}
