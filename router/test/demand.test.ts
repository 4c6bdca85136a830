import { Supergraph } from '@apollo/federation-internals';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect } from 'vitest';
import { DEFAULT_LIMITS, measureOperation, readCostDirectives } from '../src/demand.ts';
import { composeSupergraph, stackTest } from './support.ts';

const test = stackTest({
  MAX_DEPTH: '6',
  MAX_ALIASES: '5',
  MAX_ROOT_FIELDS: '3',
  MAX_TOKENS: '400',
  MAX_COST: '30',
  CLIENT_LIMITS: JSON.stringify({ 'ops-console': { maxCost: 500 } }),
});

const codes = (body: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (body.errors ?? []).map((e) => e.extensions?.code);

/** `me { reviews { author { reviews { author ... } } } }`, `levels` fields deep. */
function deepQuery(levels: number): string {
  let inner = 'id';
  for (let depth = levels - 1; depth >= 2; depth--) {
    inner = depth % 2 === 0 ? `reviews { ${inner} }` : `author { ${inner} }`;
  }
  return `{ me { ${inner} } }`;
}

describe('demand control at the router', () => {
  test('a 120-level deep query is refused with DEPTH_LIMIT_EXCEEDED before any subgraph is called', async ({
    stack,
  }) => {
    const before = stack.accounts.seen.length + stack.reviews.seen.length;
    const { status, body } = await stack.graphql({ query: deepQuery(120) });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['DEPTH_LIMIT_EXCEEDED']);
    expect(body.errors?.[0]?.message).toMatch(/120 fields deep; the limit is 6/);
    expect(stack.accounts.seen.length + stack.reviews.seen.length).toBe(before);

    const fine = await stack.graphql({ query: '{ topReviews { body } }' });
    expect(fine.body.errors).toBeUndefined();
    expect(fine.body.data).toEqual({ topReviews: [{ body: 'Fresh and fast' }, { body: 'Too salty' }] });
  });

  test('a query at the depth limit passes', async ({ stack }) => {
    const { body } = await stack.graphql({ query: deepQuery(6) });
    expect(codes(body)).not.toContain('DEPTH_LIMIT_EXCEEDED');
  });

  test('a 2,000-alias query is refused before it is parsed, six aliases over five by ALIAS_LIMIT_EXCEEDED, and the router keeps serving', async ({
    stack,
  }) => {
    const aliases = Array.from({ length: 2_000 }, (_, i) => `a${i}: topReviews { body }`).join(' ');
    const { status, body } = await stack.graphql(
      { query: `{ ${aliases} }` },
      { 'apollographql-client-name': 'web' },
    );
    expect(status).toBe(400);
    // Token limit first: 2,000 aliases are far over 400 tokens, which is refused before parsing.
    expect(codes(body)).toEqual(['TOKEN_LIMIT_EXCEEDED']);

    const few = Array.from({ length: 6 }, (_, i) => `a${i}: user(id: "u${i}") { id }`).join(' ');
    const refused = await stack.graphql({ query: `{ ${few} }` });
    expect(refused.status).toBe(400);
    expect(codes(refused.body)).toEqual(['ALIAS_LIMIT_EXCEEDED']);

    const fine = await stack.graphql({ query: '{ user(id: "u1") { name } }' });
    expect(fine.body.data).toEqual({ user: { name: 'User u1' } });
  });

  test('too many root fields are refused with ROOT_FIELD_LIMIT_EXCEEDED', async ({ stack }) => {
    const { status, body } = await stack.graphql({
      query: '{ me { id } topReviews { body } user(id: "u1") { id } __typename another: me { id } }',
    });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['ROOT_FIELD_LIMIT_EXCEEDED']);
  });

  test('an operation over the cost limit is refused with COST_LIMIT_EXCEEDED, unless its client may spend more', async ({
    stack,
  }) => {
    // 10 assumed reviews × (1 + author 1 + its 10 assumed reviews × 1) = 120.
    const query = '{ topReviews { body author { reviews { body } } } }';
    const { status, body } = await stack.graphql({ query }, { 'apollographql-client-name': 'web' });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['COST_LIMIT_EXCEEDED']);
    expect(body.errors?.[0]?.message).toMatch(/estimated cost is 120; the limit is 30/);

    const allowed = await stack.graphql({ query }, { 'apollographql-client-name': 'ops-console' });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data?.topReviews).toHaveLength(2);
  });

  test('the checks apply to GET requests and to each operation of a document by its name', async ({
    stack,
  }) => {
    const document = `query Shallow { me { id } } query Deep ${deepQuery(10)}`;
    const shallow = await stack.graphql({ query: document, operationName: 'Shallow' });
    expect(shallow.body.errors).toBeUndefined();
    const deep = await stack.graphql({ query: document, operationName: 'Deep' });
    expect(codes(deep.body)).toEqual(['DEPTH_LIMIT_EXCEEDED']);

    const search = new URLSearchParams({ query: deepQuery(10) });
    const response = await fetch(`${stack.url}/graphql?${search}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(400);
    expect(codes((await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] })).toEqual(
      ['DEPTH_LIMIT_EXCEEDED'],
    );
  });

  test('malformed queries still get the syntax error from Apollo Server', async ({ stack }) => {
    const { body } = await stack.graphql({ query: '{ me { id ' });
    expect(codes(body)).toEqual(['GRAPHQL_PARSE_FAILED']);
  });
});

describe('estimating cost', () => {
  const COSTED = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@cost", "@listSize"])
    type Query {
      products(first: Int = 10): ProductConnection!
        @listSize(slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)
      featured: [Product!]! @listSize(assumedSize: 4)
      recommendations: [Product!]! @cost(weight: 50)
    }
    type Mutation { buy(id: ID!): Product }
    type ProductConnection { edges: [ProductEdge!]! }
    type ProductEdge { cursor: String! node: Product! }
    type Product @key(fields: "id") { id: ID! title: String! tags: [String!]! }
  `);
  const sdl = composeSupergraph([{ name: 'catalog', typeDefs: COSTED }]);
  const schema = Supergraph.build(sdl).apiSchema().toGraphQLJSSchema();
  const costs = readCostDirectives(sdl);
  const costOf = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    return measureOperation(document, operation, schema, costs, variables, DEFAULT_LIMITS.defaultListSize)
      .cost;
  };

  test('a connection costs in proportion to first, through its edges', () => {
    const query = 'query($n: Int) { products(first: $n) { edges { node { id title } } } }';
    // products 1 + n × (edge 1 + node 1); scalars are free.
    expect(costOf(query, { n: 3 })).toBe(1 + 3 * 2);
    expect(costOf(query, { n: 50 })).toBe(1 + 50 * 2);
    expect(costOf('{ products { edges { node { id } } } }')).toBe(1 + 10 * 2);
  });

  test('assumed sizes, @cost weights and mutations count as declared', () => {
    expect(costOf('{ featured { id } }')).toBe(4);
    expect(costOf('{ recommendations { id } }')).toBe(10 * 50);
    expect(costOf('mutation { buy(id: "p1") { id } }')).toBe(10);
  });

  test('fragments count once per use and introspection counts nothing', () => {
    const query = `
      { a: featured { ...P } b: featured { ...P } __schema { types { name fields { name } } } }
      fragment P on Product { id title }
    `;
    expect(costOf(query)).toBe(8);
  });
});
