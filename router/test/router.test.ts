import { generateServiceKey, serviceKeyText } from '@zhongtai/subgraph-kit';
import { parse } from 'graphql';
import { describe, expect } from 'vitest';
import {
  BODY_LIMIT_BYTES,
  bearer,
  composeSupergraph,
  type GraphQLBody,
  nativeOnly,
  stackTest,
  startStack,
  tokenFor,
} from './support.ts';

const test = stackTest();

/** The parts of Apollo Server's request context that the gateway's executor reads before planning. */
const requestFor = (query: string) => ({
  request: { query, variables: {} },
  document: parse(query),
  context: {},
});

const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);

const SPANNING = /* GraphQL */ `
  query Spanning {
    me { id name reviews { body } }
    topReviews { body author { id name } }
  }
`;

describe('queries across subgraphs', () => {
  test('a query spanning both subgraphs returns their data merged', async ({ stack }) => {
    const { status, body } = await stack.graphql({ query: SPANNING }, bearer(await tokenFor('u1')));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data).toEqual({
      me: { id: 'u1', name: 'User u1', reviews: [{ body: 'Fresh and fast' }] },
      topReviews: [
        { body: 'Fresh and fast', author: { id: 'u1', name: 'User u1' } },
        { body: 'Too salty', author: { id: 'u2', name: 'User u2' } },
      ],
    });
  });

  test('a variable of the wrong type is refused with BAD_USER_INPUT before any subgraph is called', async ({
    stack,
  }) => {
    const before = stack.accounts.seen.length;
    const { body } = await stack.graphql({
      query: 'query User($id: ID!) { user(id: $id) { name } }',
      variables: { id: { not: 'an id' } },
    });
    expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    expect(body.errors?.[0]?.message).toContain('Variable "$id" got invalid value');
    expect(stack.accounts.seen.length).toBe(before);
  });

  test('a query with an unknown field fails with GRAPHQL_VALIDATION_FAILED', async ({ stack }) => {
    const { status, body } = await stack.graphql({ query: '{ me { id shoeSize } }' });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  test('a body over the limit is refused with 413', async ({ stack }) => {
    const padding = 'x'.repeat(BODY_LIMIT_BYTES);
    const { status, body } = await stack.graphql({ query: `{ me { id } } # ${padding}` });
    expect(status).toBe(413);
    expect(codes(body)).toEqual(['PAYLOAD_TOO_LARGE']);
  });
});

describe('identity', () => {
  test("subgraphs receive the token's subject in a token signed with the router's key", async ({ stack }) => {
    const token = await tokenFor('u7', { scopes: ['orders:read', 'reviews:write'] });
    const { body, headers } = await stack.graphql(
      { query: SPANNING },
      {
        ...bearer(token),
        'x-request-id': 'req-identity-1',
        'apollographql-client-name': 'web',
        'apollographql-client-version': '1.2.3',
      },
    );
    expect(body.errors).toBeUndefined();
    expect(headers.get('x-request-id')).toBe('req-identity-1');
    const seen = [...stack.accounts.seen, ...stack.reviews.seen].filter(
      (s) => s.requestId === 'req-identity-1',
    );
    // me and the authors from accounts, me's and topReviews from reviews: at least one fetch to each.
    expect(new Set(seen.map((s) => s.identity.userId))).toEqual(new Set(['u7']));
    expect(stack.accounts.seen.some((s) => s.requestId === 'req-identity-1')).toBe(true);
    expect(stack.reviews.seen.some((s) => s.requestId === 'req-identity-1')).toBe(true);
    for (const request of seen) {
      expect(request).toEqual({
        identity: { userId: 'u7', scopes: ['orders:read', 'reviews:write'], service: 'router' },
        requestId: 'req-identity-1',
        clientName: 'web',
        clientVersion: '1.2.3',
        traceparent: expect.stringMatching(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/),
      });
    }
  });

  test('a request without a token reaches the subgraphs as an anonymous identity in a signed token', async ({
    stack,
  }) => {
    const { body } = await stack.graphql({ query: '{ me { id } }' }, { 'x-request-id': 'req-anonymous-1' });
    expect(body).toEqual({ data: { me: null } });
    const seen = stack.accounts.seen.find((s) => s.requestId === 'req-anonymous-1');
    expect(seen?.identity).toEqual({ userId: null, scopes: [], service: 'router' });
  });

  const badTokens: [string, () => Promise<string>, string][] = [
    [
      'signed with another secret',
      () => tokenFor('u1', { secret: 'not-the-router-jwt-secret-000' }),
      'The bearer token is not valid.',
    ],
    [
      'that has expired',
      () => tokenFor('u1', { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      'The session has expired; sign in again.',
    ],
    ['that is not a JWT', async () => 'garbage', 'The bearer token is not valid.'],
  ];
  test.for(badTokens)(
    'a token %s is refused with UNAUTHENTICATED and HTTP 401',
    async ([, token, message], { stack }) => {
      const before = stack.accounts.seen.length;
      const { status, body, headers } = await stack.graphql(
        { query: '{ me { id } }' },
        bearer(await token()),
      );
      expect(status).toBe(401);
      expect(body.errors).toEqual([{ message, extensions: { code: 'UNAUTHENTICATED' } }]);
      expect(headers.get('www-authenticate')).toContain('Bearer');
      expect(stack.accounts.seen.length).toBe(before);
    },
  );
});

describe('planning', () => {
  test('a second plan of the same operation is the cached plan', ({ stack }) => {
    const { planner } = stack.router.gateway;
    const first = planner.plan(parse(SPANNING), 'Spanning');
    // A fresh parse of the same text: the cache keys on the operation, not on the document object.
    expect(planner.plan(parse(SPANNING), 'Spanning')).toBe(first);
    expect(planner.plan(parse('{ topReviews { body } }'))).not.toBe(first);
  });
});

describe('supergraph updates', () => {
  test('an updated supergraph reaches the schema listeners and is what requests validate against', async ({
    stack,
  }) => {
    const { gateway } = stack.router;
    const accountsWithoutUser = parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { me: User }
      type User @key(fields: "id") { id: ID!  name: String! }
    `);
    const planner = gateway.planner;
    const previousSchema = gateway.apiSchema;
    const updates: string[] = [];
    const unsubscribe = gateway.onSchemaLoadOrUpdate(({ apiSchema }) => {
      updates.push(Object.keys(apiSchema.getQueryType()?.getFields() ?? {}).join(','));
    });
    try {
      const changed = gateway.update(
        composeSupergraph([
          { name: 'accounts', typeDefs: accountsWithoutUser },
          { name: 'reviews', typeDefs: stack.reviews.typeDefs },
        ]),
      );
      expect(changed).toBe(true);
      expect(updates).toEqual(['me,topReviews']);
      expect(gateway.planner).not.toBe(planner);
      const removed = await stack.graphql({ query: '{ user(id: "u1") { name } }' });
      expect(codes(removed.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      // A request that Apollo Server validated against the previous schema is validated again.
      const stale = await gateway.executor({
        ...requestFor('{ user(id: "u1") { name } }'),
        schema: previousSchema,
      } as unknown as Parameters<typeof gateway.executor>[0]);
      expect(stale.errors?.map((e) => e.extensions.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      const kept = await stack.graphql({ query: '{ topReviews { author { name } } }' });
      expect(kept.body.data).toEqual({
        topReviews: [{ author: { name: 'User u1' } }, { author: { name: 'User u2' } }],
      });
      // An invalid SDL is refused and the current supergraph kept.
      expect(gateway.update('type Query { broken: Nope }')).toBe(false);
      expect(updates).toHaveLength(1);
    } finally {
      unsubscribe();
    }
  });
});

describe('health and readiness', () => {
  test('/health answers 200', async ({ stack }) => {
    const response = await fetch(`${stack.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  test('/ready answers 200 while every subgraph is up', async ({ stack }) => {
    const response = await fetch(`${stack.url}/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ready',
      subgraphs: { accounts: 'up', reviews: 'up' },
      breakers: { accounts: 'closed', reviews: 'closed' },
    });
  });
});

describe('a router whose key the subgraphs do not trust', () => {
  test('reports their refusal as its own internal error, not as the client being unauthenticated', async () => {
    const stack = await startStack({ SERVICE_KEY: serviceKeyText(generateServiceKey()) });
    try {
      const { status, body } = await stack.graphql({ query: '{ me { id } }' }, bearer(await tokenFor('u1')));
      expect(status).toBe(200);
      expect(body.errors).toEqual([
        {
          message: 'The accounts service could not answer.',
          ...nativeOnly({ path: ['me'] }),
          extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'accounts' },
        },
      ]);
    } finally {
      await stack.stop();
    }
  });

  test('in production, masks that internal error behind a request id to quote', async () => {
    const stack = await startStack({
      NODE_ENV: 'production',
      TRUSTED_DOCUMENTS: 'allow',
      SERVICE_KEY: serviceKeyText(generateServiceKey()),
    });
    try {
      const { body } = await stack.graphql({ query: '{ me { id } }' }, { 'x-request-id': 'req-masked-1' });
      expect(body.errors).toEqual([
        {
          message: 'Internal server error; quote request id req-masked-1 when reporting it.',
          ...nativeOnly({ path: ['me'] }),
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-masked-1' },
        },
      ]);
      expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|accounts|401|signature/i);
    } finally {
      await stack.stop();
    }
  });
});

describe('a production router', () => {
  test('refuses introspection, answers /ready with 503 naming a stopped subgraph, and names it in errors without its address', async () => {
    // Its own stack, since stopping a subgraph would break the tests sharing the file's stack; free-form
    // operations allowed, as trusted documents would refuse them first.
    const stack = await startStack({ NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'allow' });
    try {
      const introspection = await stack.graphql({ query: '{ __schema { queryType { name } } }' });
      expect(codes(introspection.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);

      await stack.reviews.stop();
      const ready = await fetch(`${stack.url}/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        down: ['reviews'],
        subgraphs: { accounts: 'up', reviews: 'down' },
        // No fetch has failed yet: /ready probes /health, which the breakers do not count.
        breakers: { accounts: 'closed', reviews: 'closed' },
      });

      const { body } = await stack.graphql(
        { query: '{ topReviews { body } }' },
        { 'x-request-id': 'req-down-1' },
      );
      // A center that is down is no internal error: the client is told which service, never where it is.
      expect(body.errors).toEqual([
        {
          message: 'The reviews service is unavailable.',
          ...nativeOnly({ path: ['topReviews'] }),
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'reviews' },
        },
      ]);
      expect(JSON.stringify(body)).not.toContain('127.0.0.1');
    } finally {
      await stack.stop();
    }
  });
});
