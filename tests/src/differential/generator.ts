import { createRandom, type Random } from '@zhongtai/subgraph-kit';
import {
  type DocumentNode,
  type GraphQLArgument,
  GraphQLBoolean,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/**
 * Real values for arguments, so generated operations reach rows rather than nulls: ids by the type
 * they name (`Product`, `Sku`, ...), and strings by argument name (`slug`, `city`, `search`, ...).
 */
export interface ValuePools {
  ids: Record<string, string[]>;
  strings: Record<string, string[]>;
}

export interface GeneratedOperation {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** Which generator features the operation uses (aliases, fragments, ...), for coverage checks. */
  features: Set<Feature>;
}

export type Feature =
  | 'alias'
  | 'typename'
  | 'inline-fragment'
  | 'untyped-inline-fragment'
  | 'named-fragment'
  | 'skip'
  | 'include'
  | 'variable-argument'
  | 'literal-argument'
  | 'abstract-type'
  | 'pagination-after'
  | 'unknown-id';

export interface GeneratorOptions {
  seed: number;
  pools: ValuePools;
  /** Deepest field nesting, the root field being 1. */
  maxDepth?: number;
  /** Fields in one operation, roughly: the generator stops adding once past it. */
  maxFields?: number;
}

/** Arguments named for the type their id refers to. */
const ID_ARGUMENT_TYPES: Record<string, string> = {
  storeId: 'Store',
  skuId: 'Sku',
  productId: 'Product',
  categoryId: 'Category',
  orderId: 'Order',
  slotId: 'PickupSlot',
};

interface Builder {
  random: Random;
  variables: Record<string, unknown>;
  definitions: string[];
  fragments: string[];
  features: Set<Feature>;
  fields: number;
  aliases: number;
}

/**
 * A seeded generator of valid query operations over an API schema. It favours the fields it has
 * selected least so far, so a corpus of a few hundred operations selects every field reachable from
 * Query, and with it every hop between subgraphs. Each operation is validated against the schema;
 * a draw that is not valid (fields that cannot merge) is discarded and drawn again.
 */
export function createOperationGenerator(schema: GraphQLSchema, options: GeneratorOptions) {
  const random = createRandom(options.seed);
  const maxDepth = options.maxDepth ?? 7;
  const maxFields = options.maxFields ?? 24;
  const uses = new Map<string, number>();
  const queryType = schema.getQueryType();
  if (!queryType) throw new Error('the schema has no Query type');
  let count = 0;

  const coordinate = (type: GraphQLNamedType, field: GraphQLField<unknown, unknown>) =>
    `${type.name}.${field.name}`;

  /** Picks n distinct fields, each weighted by how rarely it has been picked. */
  function pickFields(type: GraphQLObjectType, n: number) {
    const candidates = Object.values(type.getFields());
    const chosen: GraphQLField<unknown, unknown>[] = [];
    while (chosen.length < n && candidates.length > 0) {
      const weights = candidates.map((field) => 1 / (1 + (uses.get(coordinate(type, field)) ?? 0)) ** 2);
      let roll = random.next() * weights.reduce((a, b) => a + b, 0);
      let index = 0;
      while (index < candidates.length - 1 && roll >= weights[index]!) roll -= weights[index++]!;
      const [field] = candidates.splice(index, 1);
      chosen.push(field!);
    }
    return chosen;
  }

  function variable(b: Builder, type: GraphQLInputType, value: unknown) {
    const name = `v${Object.keys(b.variables).length}`;
    b.variables[name] = value;
    b.definitions.push(`$${name}: ${String(type)}`);
    return `$${name}`;
  }

  function literal(value: unknown): string {
    if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
      return `{${Object.entries(value)
        .map(([k, v]) => `${k}: ${literal(v)}`)
        .join(', ')}}`;
    }
    return JSON.stringify(value);
  }

  /** A value for an argument, or undefined to leave an optional one out. */
  function valueFor(
    b: Pick<Builder, 'random' | 'features'>,
    field: GraphQLField<unknown, unknown>,
    arg: GraphQLArgument,
    /** A written operation's variable: always a value, and a real one where the pools have it. */
    written = false,
  ): unknown {
    const required = written || isNonNullType(arg.type);
    if (!required && b.random.chance(0.35)) return undefined;
    const named = getNamedType(arg.type);
    if (named.name === 'ID') {
      const target = ID_ARGUMENT_TYPES[arg.name] ?? getNamedType(field.type).name;
      const pool = options.pools.ids[target] ?? [];
      if (pool.length === 0 || (!written && b.random.chance(0.08))) {
        b.features.add('unknown-id');
        return `00000000-0000-4000-8000-${String(b.random.int(0, 999_999)).padStart(12, '0')}`;
      }
      return b.random.pick(pool);
    }
    if (arg.name === 'first') return b.random.int(0, 4);
    if (arg.name === 'after') {
      // Mostly a cursor of the same connection; now and then one of another, which must be refused.
      const own = options.pools.strings[`after:${getNamedType(field.type).name}`] ?? [];
      const pool = own.length > 0 && b.random.chance(0.9) ? own : (options.pools.strings.after ?? []);
      if (pool.length === 0 || (!required && b.random.chance(0.6))) return undefined;
      b.features.add('pagination-after');
      return b.random.pick(pool);
    }
    if (named.name === 'String') {
      const pool = options.pools.strings[arg.name];
      return pool && pool.length > 0 ? b.random.pick(pool) : 'x';
    }
    if (named.name === 'Int') return b.random.int(0, 5);
    if (named.name === 'Float') return b.random.int(0, 100) / 10;
    if (named.name === 'Boolean') return b.random.chance(0.5);
    if (named.name === 'DateTime')
      return b.random.pick(['2020-01-01T00:00:00.000Z', '2100-01-01T00:00:00.000Z']);
    if (isEnumType(named)) return b.random.pick(named.getValues()).name;
    if (isInputObjectType(named) || isListType(arg.type)) return undefined;
    return undefined;
  }

  function argumentsOf(b: Builder, field: GraphQLField<unknown, unknown>): string {
    const parts: string[] = [];
    for (const arg of field.args) {
      const value = valueFor(b, field, arg);
      if (value === undefined) continue;
      const named = getNamedType(arg.type);
      if (b.random.chance(0.4)) {
        b.features.add('variable-argument');
        parts.push(`${arg.name}: ${variable(b, arg.type, value)}`);
      } else {
        b.features.add('literal-argument');
        parts.push(`${arg.name}: ${isEnumType(named) ? value : literal(value)}`);
      }
    }
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  function condition(b: Builder): string {
    if (!b.random.chance(0.1)) return '';
    const directive = b.random.chance(0.5) ? 'skip' : 'include';
    b.features.add(directive);
    const value = b.random.chance(0.5);
    const argument = b.random.chance(0.7) ? variable(b, booleanType, value) : String(value);
    return ` @${directive}(if: ${argument})`;
  }

  /** A selection set on a composite type: fields, __typename, fragments, directives. */
  function selectionSet(b: Builder, type: GraphQLNamedType, depth: number): string {
    if (isAbstractType(type)) {
      b.features.add('abstract-type');
      const parts = ['__typename'];
      for (const possible of schema.getPossibleTypes(type)) {
        if (b.random.chance(0.7)) parts.push(`... on ${possible.name} ${selectionSet(b, possible, depth)}`);
      }
      return `{ ${parts.join(' ')} }`;
    }
    if (!isObjectType(type)) throw new Error(`cannot select on ${type.name}`);
    const parts: string[] = [];
    const want = depth === 1 ? b.random.int(1, 3) : b.random.int(1, 4);
    for (const field of pickFields(type, want)) {
      if (b.fields >= maxFields && parts.length > 0) break;
      parts.push(fieldSelection(b, type, field, depth));
    }
    if (b.random.chance(0.15)) {
      b.features.add('typename');
      parts.push(b.random.chance(0.3) ? `${alias(b)}: __typename` : '__typename');
    }
    if (depth < maxDepth && b.fields < maxFields && b.random.chance(0.15)) {
      const inner = selectionSet(b, type, depth);
      if (b.random.chance(0.3)) {
        b.features.add('untyped-inline-fragment');
        parts.push(`...${condition(b)} ${inner}`);
      } else {
        b.features.add('inline-fragment');
        parts.push(`... on ${type.name}${condition(b)} ${inner}`);
      }
    }
    if (depth < maxDepth && b.fields < maxFields && b.random.chance(0.1)) {
      b.features.add('named-fragment');
      // The slot is taken before recursing, so fragments spread inside this one get other names.
      const index = b.fragments.push('') - 1;
      const name = `F${index}`;
      b.fragments[index] = `fragment ${name} on ${type.name} ${selectionSet(b, type, depth)}`;
      parts.push(`...${name}${condition(b)}`);
    }
    return `{ ${parts.join(' ')} }`;
  }

  function alias(b: Builder) {
    b.features.add('alias');
    b.aliases += 1;
    return `a${b.aliases}`;
  }

  function fieldSelection(
    b: Builder,
    parent: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    depth: number,
  ): string {
    b.fields += 1;
    uses.set(coordinate(parent, field), (uses.get(coordinate(parent, field)) ?? 0) + 1);
    const named = getNamedType(field.type);
    const head = `${b.random.chance(0.15) ? `${alias(b)}: ` : ''}${field.name}${argumentsOf(b, field)}${condition(b)}`;
    if (isLeafType(named)) return head;
    if (depth >= maxDepth) return `${head} { __typename }`;
    return `${head} ${selectionSet(b, named, depth + 1)}`;
  }

  function draw(): GeneratedOperation {
    const b: Builder = {
      random,
      variables: {},
      definitions: [],
      fragments: [],
      features: new Set(),
      fields: 0,
      aliases: 0,
    };
    const name = `Generated${count}`;
    const root = selectionSet(b, queryType!, 1);
    const head = b.definitions.length > 0 ? `(${b.definitions.join(', ')})` : '';
    const query = [`query ${name}${head} ${root}`, ...b.fragments].join('\n');
    return { name, query, variables: b.variables, features: b.features };
  }

  return {
    /** The next valid operation; deterministic for the generator's seed. */
    next(): GeneratedOperation {
      for (let attempt = 0; attempt < 50; attempt++) {
        const operation = draw();
        if (validate(schema, parse(operation.query)).length === 0) {
          count += 1;
          return operation;
        }
      }
      throw new Error('50 draws in a row were not valid operations');
    },
    /**
     * Values for a written operation's variables, each chosen for the first argument it feeds (a
     * product's `id` gets a product's id); a variable no argument uses is left out.
     */
    variablesFor(document: DocumentNode): Record<string, unknown> {
      const values: Record<string, unknown> = {};
      const typeInfo = new TypeInfo(schema);
      const b = { random, features: new Set<Feature>() };
      visit(
        document,
        visitWithTypeInfo(typeInfo, {
          Argument(node) {
            const field = typeInfo.getFieldDef();
            const arg = typeInfo.getArgument();
            if (node.value.kind !== Kind.VARIABLE || !field || !arg) return;
            const name = node.value.name.value;
            if (!(name in values)) values[name] = valueFor(b, field, arg, true);
          },
        }),
      );
      return values;
    },
    /** Fields (`Type.field`) selected so far. */
    selected: (): ReadonlySet<string> => new Set(uses.keys()),
  };
}

const booleanType = new GraphQLNonNull(GraphQLBoolean);

/** Every `Type.field` reachable from Query, which a corpus should select. */
export function reachableFields(schema: GraphQLSchema): Set<string> {
  const seen = new Set<string>();
  const types = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (types.has(type.name)) return;
    types.add(type.name);
    if (isAbstractType(type)) for (const possible of schema.getPossibleTypes(type)) visit(possible);
    if (!isObjectType(type)) return;
    for (const field of Object.values(type.getFields())) {
      seen.add(`${type.name}.${field.name}`);
      visit(getNamedType(field.type));
    }
  };
  const query = schema.getQueryType();
  if (query) visit(query);
  return seen;
}
