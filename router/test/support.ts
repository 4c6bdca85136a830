import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import {
  createLogger,
  createRequestVerifier,
  generateServiceKey,
  graphqlHttpHandler,
  type Identity,
  type Logger,
  listen,
  sendJson,
  serviceKeyText,
  trustKeys,
} from '@zhongtai/subgraph-kit';
import { type DocumentNode, GraphQLError, parse } from 'graphql';
import { SignJWT } from 'jose';
import { test as base, inject } from 'vitest';
import { loadRouterConfig } from '../src/config.ts';
import { createRouter, type Router } from '../src/router.ts';

export const JWT_SECRET = 'router-test-jwt-secret-0123456789';
/** The router's key in these tests; the test subgraphs trust it alone. */
const ROUTER_KEY = generateServiceKey();
/** The router's key as SERVICE_KEY takes it. */
export const ROUTER_SERVICE_KEY = serviceKeyText(ROUTER_KEY);
export const BODY_LIMIT_BYTES = 64 * 1024;

const logger = createLogger('router-test', 'silent');

/** What a subgraph saw of one request: the identity it verified and the headers the router forwarded. */
export interface SeenRequest {
  identity: Identity;
  requestId: string;
  clientName: string | undefined;
  clientVersion: string | undefined;
  traceparent: string | undefined;
}

interface SubgraphContext {
  identity: Identity;
}

export interface TestSubgraph {
  name: string;
  typeDefs: DocumentNode;
  url: string;
  seen: SeenRequest[];
  stop(): Promise<void>;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

// Authorization: the fields under @authenticated and @requiresScopes are for authz.test.ts.
const accountsTypeDefs = parse(`
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated", "@requiresScopes"])
  type Query {
    me: User
    user(id: ID!): User
    order(id: ID!): Order @authenticated
    adminNote: String @requiresScopes(scopes: [["admin"], ["support", "notes:read"]])
  }
  type Order { id: ID!  buyerId: ID! }
  type User @key(fields: "id") {
    id: ID!
    name: String!
    email: String @authenticated
    secretCode: String! @requiresScopes(scopes: [["admin"]])
  }
`);

const userNamed = (id: string) => ({
  id,
  name: `User ${id}`,
  email: `${id}@example.com`,
  secretCode: `code-${id}`,
});

const accountsResolvers: GraphQLResolverMap<SubgraphContext> = {
  Query: {
    me: (_parent, _args, { identity }) => (identity.userId ? userNamed(identity.userId) : null),
    user: (_parent, { id }: { id: string }) => userNamed(id),
    order: (_parent, { id }: { id: string }, { identity }) =>
      identity.userId ? { id, buyerId: identity.userId } : null,
    adminNote: () => 'for staff only',
  },
  User: { __resolveReference: ({ id }: { id: string }) => userNamed(id) },
};

const reviewsTypeDefs = parse(`
  ${LINK}
  type Query { topReviews: [Review!]! }
  type Review { id: ID!  body: String!  author: User! }
  type User @key(fields: "id") { id: ID!  reviews: [Review!]! }
`);

const REVIEWS = [
  { id: 'r1', body: 'Fresh and fast', authorId: 'u1' },
  { id: 'r2', body: 'Too salty', authorId: 'u2' },
];

const reviewsResolvers: GraphQLResolverMap<SubgraphContext> = {
  Query: { topReviews: () => REVIEWS },
  Review: { author: (review: { authorId: string }) => ({ id: review.authorId }) },
  User: { reviews: ({ id }: { id: string }) => REVIEWS.filter((r) => r.authorId === id) },
};

/** A subgraph as the centers run it (kit HTTP handler, signed identity required), minus the database. */
export async function startSubgraph(
  name: string,
  typeDefs: DocumentNode,
  resolvers: GraphQLResolverMap<SubgraphContext>,
): Promise<TestSubgraph> {
  const httpServer: Server = createServer();
  const server = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema([{ typeDefs, resolvers }]),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 100 })],
    logger,
  });
  await server.start();
  const seen: SeenRequest[] = [];
  const verifier = createRequestVerifier({ audience: name, trustedKeys: trustKeys({ router: ROUTER_KEY }) });
  httpServer.on(
    'request',
    graphqlHttpHandler({
      server,
      logger,
      routes: { '/health': (_req, res) => sendJson(res, 200, { status: 'ok' }) },
      context: async ({ headers, requestId, method, rawBody }) => {
        const check = verifier.verify({ method: method ?? 'POST', headers, body: rawBody ?? '' });
        if (!check.ok) {
          throw new GraphQLError(check.reason, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        }
        seen.push({
          identity: check.identity,
          requestId,
          clientName: headers.get('apollographql-client-name'),
          clientVersion: headers.get('apollographql-client-version'),
          traceparent: headers.get('traceparent'),
        });
        return { identity: check.identity };
      },
    }),
  );
  const base = await listen(httpServer, 0, '127.0.0.1');
  return { name, typeDefs, url: `${base}/graphql`, seen, stop: () => server.stop() };
}

/** Composes the subgraphs as `npm run schema:compose` would, with routing URLs that lead nowhere. */
export function composeSupergraph(subgraphs: { name: string; typeDefs: DocumentNode }[]): string {
  const result = composeServices(
    subgraphs.map(({ name, typeDefs }) => ({ name, typeDefs, url: `http://${name}.invalid/graphql` })),
  );
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export interface Stack {
  router: Router;
  /** The router's base URL. */
  url: string;
  accounts: TestSubgraph;
  reviews: TestSubgraph;
  supergraphPath: string;
  /** POSTs a GraphQL request to the router. */
  graphql(
    body: { query: string; variables?: Record<string, unknown>; operationName?: string },
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: GraphQLBody }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** The engine this test run's routers start with (a project of router/vitest.config.ts). */
export const engine = inject('engine');

/**
 * Where an engine tells more than the reference: the native engine puts a failed fetch's error at the
 * paths it should have filled; @apollo/gateway's has no path for it.
 */
export const nativeOnly = <T extends object>(value: T): T | Record<string, never> =>
  engine === 'native' ? value : {};

/**
 * Starts the two test subgraphs and a router over them; `env` may be computed from the subgraphs, and
 * `logger` receives the router's log (silent by default).
 */
export async function startStack(
  env:
    | Record<string, string>
    | ((subgraphs: { accounts: TestSubgraph; reviews: TestSubgraph }) => Record<string, string>) = {},
  options: { logger?: Logger } = {},
): Promise<Stack> {
  const [accounts, reviews] = await Promise.all([
    startSubgraph('accounts', accountsTypeDefs, accountsResolvers),
    startSubgraph('reviews', reviewsTypeDefs, reviewsResolvers),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'zhongtai-router-'));
  const supergraphPath = join(dir, 'supergraph.graphql');
  await writeFile(supergraphPath, composeSupergraph([accounts, reviews]));
  const config = loadRouterConfig({
    NODE_ENV: 'test',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SUPERGRAPH_PATH: supergraphPath,
    SUBGRAPH_URLS: `accounts=${accounts.url},reviews=${reviews.url}`,
    JWT_SECRET,
    SERVICE_KEY: ROUTER_SERVICE_KEY,
    BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES),
    ROUTER_ENGINE: engine,
    ...(typeof env === 'function' ? env({ accounts, reviews }) : env),
  });
  const router = createRouter(config, options.logger);
  const url = await router.listen();
  return {
    router,
    url,
    accounts,
    reviews,
    supergraphPath,
    graphql: async (body, headers = {}) => {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLBody,
      };
    },
    stop: async () => {
      await router.stop();
      await Promise.all([accounts.stop(), reviews.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * vitest's `test` with a `stack` fixture: a router with these settings over the two test subgraphs,
 * one for the whole file or a fresh one for each test (for state such as rate limit buckets).
 */
export function stackTest(env: Record<string, string> = {}, scope: 'file' | 'test' = 'file') {
  return base.extend<{ stack: Stack }>({
    stack: [
      // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
      async ({}, use) => {
        const stack = await startStack(env);
        await use(stack);
        await stack.stop();
      },
      { scope },
    ],
  });
}

/** A token as the users center issues it. */
export function tokenFor(
  userId: string,
  { secret = JWT_SECRET, scopes = [] as string[], expiresIn = '7d' as string | number } = {},
): Promise<string> {
  return new SignJWT({ scope: scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuedAt()
    .setIssuer('zhongtai')
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The router's Prometheus page. */
export async function scrape(stack: Stack): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${stack.url}/metrics`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series, 0 when it is not there yet. */
export function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}
