import { parse, print } from 'graphql';
import { describe, expect } from 'vitest';
import { authorizeOperation, readAuthzDirectives } from '../src/authz.ts';
import { bearer, type GraphQLBody, type Stack, stackTest, tokenFor } from './support.ts';

const test = stackTest();

const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);
const requests = (stack: Stack) => stack.accounts.seen.length + stack.reviews.seen.length;

describe('@authenticated', () => {
  test('without a token, { order } is refused field-level with UNAUTHENTICATED and no subgraph is asked', async ({
    stack,
  }) => {
    const before = requests(stack);
    const { status, body } = await stack.graphql({ query: '{ order(id: "o1") { id } }' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ order: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({ path: ['order'], extensions: { code: 'UNAUTHENTICATED' } });
    expect(requests(stack)).toBe(before);
  });

  test('the rest of the data still comes back beside a refused field', async ({ stack }) => {
    const { body } = await stack.graphql({
      query: '{ order(id: "o1") { id } user(id: "u2") { name } topReviews { body } }',
    });
    expect(body.data).toEqual({
      order: null,
      user: { name: 'User u2' },
      topReviews: [{ body: 'Fresh and fast' }, { body: 'Too salty' }],
    });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });

  test('with a token, @authenticated fields resolve', async ({ stack }) => {
    const { body } = await stack.graphql(
      { query: '{ order(id: "o1") { id buyerId } me { email } }' },
      bearer(await tokenFor('u1')),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ order: { id: 'o1', buyerId: 'u1' }, me: { email: 'u1@example.com' } });
  });

  test('a refused field inside lists is nulled on every item, each with its own path', async ({ stack }) => {
    const { body } = await stack.graphql({
      query: 'query Reviews { topReviews { body author { id mail: email } } }',
      operationName: 'Reviews',
    });
    expect(body.data).toEqual({
      topReviews: [
        { body: 'Fresh and fast', author: { id: 'u1', mail: null } },
        { body: 'Too salty', author: { id: 'u2', mail: null } },
      ],
    });
    expect(body.errors?.map((e) => e.path)).toEqual([
      ['topReviews', 0, 'author', 'mail'],
      ['topReviews', 1, 'author', 'mail'],
    ]);
    expect(codes(body)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
  });

  test('fragments and @include are honoured: a refused field skipped by @include raises no error', async ({
    stack,
  }) => {
    const query = `
      query Q($withMail: Boolean!) { user(id: "u1") { ...Person } }
      fragment Person on User { name email @include(if: $withMail) }
    `;
    const skipped = await stack.graphql({ query, variables: { withMail: false } });
    expect(skipped.body).toEqual({ data: { user: { name: 'User u1' } } });
    const included = await stack.graphql({ query, variables: { withMail: true } });
    expect(included.body.data).toEqual({ user: { name: 'User u1', email: null } });
    expect(included.body.errors?.[0]?.path).toEqual(['user', 'email']);
  });
});

describe('@requiresScopes', () => {
  test('a signed-in caller without the scopes gets FORBIDDEN; one set of scopes suffices', async ({
    stack,
  }) => {
    const without = await stack.graphql({ query: '{ adminNote }' }, bearer(await tokenFor('u1')));
    expect(without.body.data).toEqual({ adminNote: null });
    expect(without.body.errors?.[0]).toMatchObject({
      path: ['adminNote'],
      extensions: { code: 'FORBIDDEN' },
    });

    const partial = await stack.graphql(
      { query: '{ adminNote }' },
      bearer(await tokenFor('u1', { scopes: ['support'] })),
    );
    expect(codes(partial.body)).toEqual(['FORBIDDEN']);

    for (const scopes of [['admin'], ['support', 'notes:read']]) {
      const allowed = await stack.graphql(
        { query: '{ adminNote }' },
        bearer(await tokenFor('u1', { scopes })),
      );
      expect(allowed.body).toEqual({ data: { adminNote: 'for staff only' } });
    }
  });

  test('anonymous callers get UNAUTHENTICATED, not FORBIDDEN', async ({ stack }) => {
    const { body } = await stack.graphql({ query: '{ adminNote }' });
    expect(codes(body)).toEqual(['UNAUTHENTICATED']);
  });

  test('a refused non-null field nulls its nearest nullable parent', async ({ stack }) => {
    const { body } = await stack.graphql(
      { query: '{ user(id: "u2") { name secretCode } me { name } }' },
      bearer(await tokenFor('u1')),
    );
    expect(body.data).toEqual({ user: null, me: { name: 'User u1' } });
    expect(body.errors).toHaveLength(1);
    expect(body.errors?.[0]).toMatchObject({
      path: ['user', 'secretCode'],
      extensions: { code: 'FORBIDDEN' },
    });
  });

  test('with no nullable parent up to the root, data is null', async ({ stack }) => {
    // topReviews: [Review!]!, Review.author: User!, User.secretCode: String!
    const { body } = await stack.graphql(
      { query: '{ topReviews { author { secretCode } } }' },
      bearer(await tokenFor('u1')),
    );
    expect(body.data).toBeNull();
    expect(codes(body)).toEqual(['FORBIDDEN']);
    expect(body.errors?.[0]?.path).toEqual(['topReviews', 0, 'author', 'secretCode']);
  });
});

describe('the operation rewrite', () => {
  test('an operation with nothing refused is planned as sent; a refused field becomes a __typename placeholder', async ({
    stack,
  }) => {
    const loaded = stack.router.gateway.supergraph!;
    const directives = readAuthzDirectives(loaded.sdl);
    expect(directives.fields.get('Query.order')).toEqual({ authenticated: true, scopes: [] });
    expect(directives.fields.get('Query.adminNote')).toEqual({
      authenticated: false,
      scopes: [[['admin'], ['support', 'notes:read']]],
    });
    const document = parse('{ user(id: "u1") { name email } }');
    const allowed = authorizeOperation(loaded.apiGraphQLSchema, directives, document, undefined, {
      userId: 'u1',
      scopes: [],
    });
    expect(allowed.document).toBe(document);
    const refused = authorizeOperation(loaded.apiGraphQLSchema, directives, document, undefined, {
      userId: null,
      scopes: [],
    });
    expect(print(refused.document)).toContain('email: __typename');
  });
});
