import {
  type ArgumentNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  Lexer,
  type OperationDefinitionNode,
  parse,
  type SelectionSetNode,
  Source,
  TokenKind,
  type ValueNode,
  valueFromASTUntyped,
} from 'graphql';

/** What one request may ask of the supergraph. Checked before parsing, validation and planning. */
export interface DemandLimits {
  /** Nesting of fields, the root field being depth 1 (introspection fields aside). */
  maxDepth: number;
  /** Aliased fields in the operation, fragments expanded. */
  maxAliases: number;
  /** Fields at the operation's root. */
  maxRootFields: number;
  /** Lexical tokens in the document. */
  maxTokens: number;
  /** Estimated cost: see estimateCost. */
  maxCost: number;
  /** Items assumed of a list field whose size nothing else tells. */
  defaultListSize: number;
}

export const DEFAULT_LIMITS: DemandLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxRootFields: 10,
  maxTokens: 3_000,
  maxCost: 50_000,
  defaultListSize: 10,
};

export interface DemandRequest {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

export interface DemandRefusal {
  code:
    | 'TOKEN_LIMIT_EXCEEDED'
    | 'DEPTH_LIMIT_EXCEEDED'
    | 'ALIAS_LIMIT_EXCEEDED'
    | 'ROOT_FIELD_LIMIT_EXCEEDED'
    | 'COST_LIMIT_EXCEEDED';
  message: string;
}

/** A field's cost annotations in the supergraph, from `@cost` and `@listSize`. */
interface FieldCost {
  weight?: number;
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** `Type.field` → annotations; `Type` → a type's own `@cost`. Read from the supergraph SDL. */
export type CostDirectives = ReadonlyMap<string, FieldCost>;

const MUTATION_WEIGHT = 10;
// Expanding fragments inside fragments can grow exponentially; measuring stops past this many fields.
const MAX_VISITS = 100_000;

function directiveArgs(
  node: { directives?: readonly { name: { value: string }; arguments?: readonly ArgumentNode[] }[] },
  name: string,
) {
  const directive = node.directives?.find((d) => d.name.value === name);
  if (!directive) return undefined;
  return Object.fromEntries(
    (directive.arguments ?? []).map((arg) => [arg.name.value, valueFromASTUntyped(arg.value)]),
  ) as Record<string, unknown>;
}

/** Reads `@cost(weight:)` and `@listSize(...)` off every type and field of a supergraph SDL. */
export function readCostDirectives(supergraphSdl: string): CostDirectives {
  const costs = new Map<string, FieldCost>();
  const document = parse(supergraphSdl, { noLocation: true });
  for (const definition of document.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION
    ) {
      continue;
    }
    const typeCost = directiveArgs(definition, 'cost');
    if (typeof typeCost?.weight === 'number') costs.set(definition.name.value, { weight: typeCost.weight });
    for (const field of (definition.fields ?? []) as readonly FieldDefinitionNode[]) {
      const cost = directiveArgs(field, 'cost');
      const listSize = directiveArgs(field, 'listSize');
      if (!cost && !listSize) continue;
      costs.set(`${definition.name.value}.${field.name.value}`, {
        ...(typeof cost?.weight === 'number' ? { weight: cost.weight } : {}),
        ...(typeof listSize?.assumedSize === 'number' ? { assumedSize: listSize.assumedSize } : {}),
        ...(Array.isArray(listSize?.slicingArguments)
          ? { slicingArguments: listSize.slicingArguments as string[] }
          : {}),
        ...(Array.isArray(listSize?.sizedFields) ? { sizedFields: listSize.sizedFields as string[] } : {}),
      });
    }
  }
  return costs;
}

/** Counts tokens without building a tree, and stops counting at the limit. */
function tokensExceed(query: string, limit: number): boolean | undefined {
  try {
    const lexer = new Lexer(new Source(query));
    let count = 0;
    while (lexer.advance().kind !== TokenKind.EOF) {
      if (++count > limit) return true;
    }
    return false;
  } catch {
    // Not lexable: Apollo Server reports the syntax error.
    return undefined;
  }
}

interface Measured {
  depth: number;
  aliases: number;
  rootFields: number;
  cost: number;
  truncated: boolean;
}

/** How much of a list a field returns: its slicing argument, else its assumed size, else the default. */
function listSizeOf(
  annotations: FieldCost | undefined,
  args: readonly ArgumentNode[] | undefined,
  variables: Record<string, unknown>,
  fallback: number,
): number {
  for (const name of annotations?.slicingArguments ?? []) {
    const arg = args?.find((a) => a.name.value === name);
    if (!arg) continue;
    const value = valueFromASTUntyped(arg.value as ValueNode, variables);
    if (typeof value === 'number' && Number.isFinite(value)) return Math.max(0, value);
  }
  return annotations?.assumedSize ?? fallback;
}

/**
 * Depth, aliases, root fields and cost of one operation, fragments expanded. Cost follows Apollo's
 * demand control model: a field returning an object costs 1, a scalar 0, a mutation field 10, each
 * unless `@cost` says otherwise; a list multiplies what it holds by its size, which `@listSize`
 * gives (the value of a slicing argument such as `first`, or an assumed size; `sizedFields` puts it on
 * a connection's `edges`), or the default list size.
 */
export function measureOperation(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  costs: CostDirectives,
  variables: Record<string, unknown>,
  defaultListSize: number,
): Measured {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured: Measured = { depth: 0, aliases: 0, rootFields: 0, cost: 0, truncated: false };
  let visits = 0;

  // Returns the cost of the selection set; `sized` carries a connection's size down to its `edges`.
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    depth: number,
    inFragments: ReadonlySet<string>,
    sized?: { fields: readonly string[]; size: number },
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (measured.truncated) return total;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typed = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        total += walk(selection.selectionSet, typed ?? parent, depth, inFragments, sized);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A cycle is invalid GraphQL; validation reports it later, measuring just stops there.
        if (!fragment || inFragments.has(name)) continue;
        const typed = schema.getType(fragment.typeCondition.name.value) ?? parent;
        total += walk(fragment.selectionSet, typed, depth, new Set([...inFragments, name]), sized);
        continue;
      }
      const name = selection.name.value;
      // Introspection is the sandbox's and tools' business, turned off in production.
      if (name.startsWith('__')) continue;
      if (++visits > MAX_VISITS) {
        measured.truncated = true;
        return total;
      }
      if (selection.alias) measured.aliases += 1;
      if (depth === 1) measured.rootFields += 1;
      measured.depth = Math.max(measured.depth, depth);

      const definition =
        parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
      const type = definition ? getNamedType(definition.type) : undefined;
      const annotations = parent ? costs.get(`${parent.name}.${name}`) : undefined;
      const isMutationRoot = parent !== undefined && parent === schema.getMutationType();
      let weight =
        annotations?.weight ?? (type && isCompositeType(type) ? (costs.get(type.name)?.weight ?? 1) : 0);
      if (isMutationRoot && annotations?.weight === undefined) weight = MUTATION_WEIGHT;

      const isList = definition ? isListType(getNullableType(definition.type)) : false;
      let multiplier = 1;
      if (sized?.fields.includes(name)) multiplier = sized.size;
      else if (isList) multiplier = listSizeOf(annotations, selection.arguments, variables, defaultListSize);
      const childSized =
        annotations?.sizedFields && annotations.sizedFields.length > 0
          ? {
              fields: annotations.sizedFields,
              size: listSizeOf(annotations, selection.arguments, variables, defaultListSize),
            }
          : undefined;
      const children = selection.selectionSet
        ? walk(selection.selectionSet, type, depth + 1, inFragments, childSized)
        : 0;
      total += multiplier * (weight + children);
    }
    return total;
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  measured.cost = walk(operation.selectionSet, root ?? undefined, 1, new Set());
  return measured;
}

function selectOperation(
  document: DocumentNode,
  operationName: unknown,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (typeof operationName === 'string') return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The schema the router serves now, with its cost annotations. */
export interface DemandSchema {
  schema: GraphQLSchema;
  costs: CostDirectives;
}

/**
 * Refuses requests that ask too much, before Apollo Server parses, validates or plans them (validating
 * 2,000 aliases is itself the attack). Limits are per client (`apollographql-client-name`), falling
 * back to the defaults. Anything it cannot judge (not a query, not parseable, no such operation) is
 * passed on for Apollo Server to report.
 */
export class DemandControl {
  private readonly parsed = new Map<string, DocumentNode | null>();

  constructor(
    private readonly defaults: DemandLimits,
    private readonly perClient: Readonly<Record<string, Partial<DemandLimits>>> = {},
  ) {}

  limitsFor(clientName: string | null): DemandLimits {
    const own = clientName ? this.perClient[clientName] : undefined;
    return own ? { ...this.defaults, ...own } : this.defaults;
  }

  private parseCached(query: string): DocumentNode | null {
    let document = this.parsed.get(query);
    if (document === undefined) {
      try {
        document = parse(query, { noLocation: true });
      } catch {
        document = null;
      }
      // A bounded cache of the documents clients send; front-ends send the same few again and again.
      if (this.parsed.size >= 1_000) this.parsed.delete(this.parsed.keys().next().value as string);
      this.parsed.set(query, document);
    }
    return document;
  }

  check(
    request: DemandRequest,
    clientName: string | null,
    current: DemandSchema | undefined,
  ): DemandRefusal | undefined {
    if (typeof request.query !== 'string' || !current) return undefined;
    const limits = this.limitsFor(clientName);
    const tooManyTokens = this.parsed.has(request.query)
      ? false
      : tokensExceed(request.query, limits.maxTokens);
    if (tooManyTokens) {
      return {
        code: 'TOKEN_LIMIT_EXCEEDED',
        message: `The operation has more than ${limits.maxTokens} tokens.`,
      };
    }
    const document = this.parseCached(request.query);
    if (!document) return undefined;
    const operation = selectOperation(document, request.operationName);
    if (!operation) return undefined;
    const variables =
      typeof request.variables === 'object' && request.variables !== null
        ? (request.variables as Record<string, unknown>)
        : {};
    const m = measureOperation(
      document,
      operation,
      current.schema,
      current.costs,
      variables,
      limits.defaultListSize,
    );
    if (m.depth > limits.maxDepth) {
      return {
        code: 'DEPTH_LIMIT_EXCEEDED',
        message: `The operation is ${m.depth} fields deep; the limit is ${limits.maxDepth}.`,
      };
    }
    if (m.aliases > limits.maxAliases) {
      return {
        code: 'ALIAS_LIMIT_EXCEEDED',
        message: `The operation uses ${m.aliases} aliases; the limit is ${limits.maxAliases}.`,
      };
    }
    if (m.rootFields > limits.maxRootFields) {
      return {
        code: 'ROOT_FIELD_LIMIT_EXCEEDED',
        message: `The operation asks for ${m.rootFields} root fields; the limit is ${limits.maxRootFields}.`,
      };
    }
    if (m.truncated || m.cost > limits.maxCost) {
      return {
        code: 'COST_LIMIT_EXCEEDED',
        message: m.truncated
          ? `The operation expands to over ${MAX_VISITS} fields.`
          : `The operation's estimated cost is ${m.cost}; the limit is ${limits.maxCost}.`,
      };
    }
    return undefined;
  }
}
