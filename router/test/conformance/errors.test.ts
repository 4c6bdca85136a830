import { GraphQLError } from 'graphql';
import { describe, expect, test } from 'vitest';
import { availableEngines } from './engines.ts';
import { link, type SubgraphDefinition, useFederation } from './support.ts';

// Null and error propagation from each of three subgraphs: the one answering the root field, one
// resolving the entities, and one two hops down. A subgraph's error reaches the client at the
// client's path, with the subgraph's extensions kept and serviceName added; a null in a non-null
// position nulls its nearest nullable parent (GraphQL spec, "Handling Field Errors").

const ITEMS = ['i1', 'i2', 'i3'].map((id, n) => ({
  id,
  name: `Item ${n + 1}`,
  noteIds: [`${id}-a`, `${id}-b`],
}));

/** Fails for item i2 (and note i1-b) with this code; everything else answers. */
const failFor = (bad: string, code: string, value: (id: string) => unknown) => (parent: { id: string }) => {
  if (parent.id === bad)
    throw new GraphQLError(`${code} for ${bad}`, { extensions: { code, retryAfter: 5 } });
  return value(parent.id);
};

const origin: SubgraphDefinition = {
  name: 'origin',
  sdl: `${link('key')}
    type Query { items: [Item]!  strictItems: [Item!]! }
    type Item @key(fields: "id") { id: ID!  name: String!  flaky: String  strict: String! }`,
  resolvers: {
    Query: { items: () => ITEMS, strictItems: () => ITEMS },
    Item: {
      __resolveReference: (ref: { id: string }) => ITEMS.find((item) => item.id === ref.id),
      flaky: failFor('i2', 'FLAKY', (id) => `flaky ${id}`),
      strict: failFor('i2', 'STRICT', (id) => `strict ${id}`),
    },
  },
};

const detail: SubgraphDefinition = {
  name: 'detail',
  sdl: `${link('key')}
    type Query { ping: String! }
    type Item @key(fields: "id") { id: ID!  price: Int  stock: Int!  notes: [Note!]! }
    type Note @key(fields: "id") { id: ID! }`,
  resolvers: {
    Query: {
      ping: () => {
        throw new GraphQLError('detail is down', { extensions: { code: 'DETAIL_DOWN' } });
      },
    },
    Item: {
      __resolveReference: (ref: { id: string }) => ref,
      price: failFor('i2', 'PRICE_DOWN', (id) => Number(id.slice(1)) * 10),
      stock: failFor('i2', 'STOCK_DOWN', (id) => Number(id.slice(1))),
      notes: ({ id }: { id: string }) => [{ id: `${id}-a` }, { id: `${id}-b` }],
    },
  },
};

const deep: SubgraphDefinition = {
  name: 'deep',
  sdl: `${link('key')}
    type Note @key(fields: "id") { id: ID!  text: String  body: String! }`,
  resolvers: {
    Note: {
      __resolveReference: (ref: { id: string }) => ref,
      text: failFor('i1-b', 'DEEP_DOWN', (id) => `text ${id}`),
      body: failFor('i1-b', 'DEEP_DOWN', (id) => `body ${id}`),
    },
  },
};

const errorOf = (code: string, id: string, path: (string | number)[], serviceName: string) => ({
  message: `${code} for ${id}`,
  path,
  extensions: { code, retryAfter: 5, serviceName },
});

describe.each(availableEngines())('errors and nulls from each subgraph, on the %s engine', (engine) => {
  const federation = useFederation([origin, detail, deep], engine);

  test('the root subgraph: a nullable field that fails is null, with its error at its path', async () => {
    const { body } = await federation.query('{ items { id flaky } }');
    expect(body).toEqual({
      data: {
        items: [
          { id: 'i1', flaky: 'flaky i1' },
          { id: 'i2', flaky: null },
          { id: 'i3', flaky: 'flaky i3' },
        ],
      },
      errors: [errorOf('FLAKY', 'i2', ['items', 1, 'flaky'], 'origin')],
    });
  });

  test('the root subgraph: a non-null field that fails nulls its item in a list of nullable items', async () => {
    const { body } = await federation.query('{ items { id strict } }');
    expect(body).toEqual({
      data: { items: [{ id: 'i1', strict: 'strict i1' }, null, { id: 'i3', strict: 'strict i3' }] },
      errors: [errorOf('STRICT', 'i2', ['items', 1, 'strict'], 'origin')],
    });
  });

  test('an entity subgraph: its error is re-pathed to where the client asked', async () => {
    const { body } = await federation.query('{ items { name price } }');
    expect(body).toEqual({
      data: {
        items: [
          { name: 'Item 1', price: 10 },
          { name: 'Item 2', price: null },
          { name: 'Item 3', price: 30 },
        ],
      },
      errors: [errorOf('PRICE_DOWN', 'i2', ['items', 1, 'price'], 'detail')],
    });
  });

  test('an entity subgraph: a failing non-null field nulls the entity where the list allows it', async () => {
    const { body } = await federation.query('{ items { name stock } }');
    expect(body).toEqual({
      data: { items: [{ name: 'Item 1', stock: 1 }, null, { name: 'Item 3', stock: 3 }] },
      errors: [errorOf('STOCK_DOWN', 'i2', ['items', 1, 'stock'], 'detail')],
    });
  });

  test('an entity subgraph: non-null all the way up nulls the whole data', async () => {
    const { body } = await federation.query('{ strictItems { name stock } }');
    expect(body).toEqual({
      data: null,
      errors: [errorOf('STOCK_DOWN', 'i2', ['strictItems', 1, 'stock'], 'detail')],
    });
  });

  test('a subgraph two hops down: its error is at the full client path, aliases included', async () => {
    const { body } = await federation.query('{ items { id notes { id words: text } } }');
    const notes = (id: string) => [
      { id: `${id}-a`, words: `text ${id}-a` },
      { id: `${id}-b`, words: `text ${id}-b` },
    ];
    expect(body).toEqual({
      data: {
        items: [
          {
            id: 'i1',
            notes: [
              { id: 'i1-a', words: 'text i1-a' },
              { id: 'i1-b', words: null },
            ],
          },
          { id: 'i2', notes: notes('i2') },
          { id: 'i3', notes: notes('i3') },
        ],
      },
      errors: [errorOf('DEEP_DOWN', 'i1-b', ['items', 0, 'notes', 1, 'words'], 'deep')],
    });
  });

  test('a subgraph two hops down: a non-null failure bubbles through the non-null list to the item', async () => {
    const { body } = await federation.query('{ items { id notes { body } } }');
    const notes = (id: string) => [{ body: `body ${id}-a` }, { body: `body ${id}-b` }];
    expect(body).toEqual({
      data: { items: [null, { id: 'i2', notes: notes('i2') }, { id: 'i3', notes: notes('i3') }] },
      errors: [errorOf('DEEP_DOWN', 'i1-b', ['items', 0, 'notes', 1, 'body'], 'deep')],
    });
  });

  test('a failing non-null root field of one subgraph nulls the data, beside a root field of another', async () => {
    const { body } = await federation.query('{ items { id } ping }');
    expect(body).toEqual({
      data: null,
      errors: [
        {
          message: 'detail is down',
          path: ['ping'],
          extensions: { code: 'DETAIL_DOWN', serviceName: 'detail' },
        },
      ],
    });
  });
});
