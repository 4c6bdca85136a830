import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import { afterAll, beforeAll } from 'vitest';
import { loadRouterConfig } from '../../src/config.ts';
import { createRouter } from '../../src/router.ts';
import {
  bearer,
  composeSupergraph,
  type GraphQLBody,
  JWT_SECRET,
  ROUTER_SERVICE_KEY,
  startSubgraph,
  type TestSubgraph,
  tokenFor,
} from '../support.ts';
import type { Engine } from './engines.ts';

export interface SubgraphDefinition {
  name: string;
  /** SDL; the federation @link comes first. */
  sdl: string;
  // biome-ignore lint/suspicious/noExplicitAny: each test subgraph's resolvers read their own shapes
  resolvers: GraphQLResolverMap<any>;
}

export interface Federation {
  subgraphs: Record<string, TestSubgraph>;
  /** POSTs an operation to the router, signed in as user `u1` when `signedIn`. */
  query(
    query: string,
    variables?: Record<string, unknown>,
    options?: { signedIn?: boolean },
  ): Promise<{ status: number; body: GraphQLBody }>;
  /** Requests each subgraph has answered so far. */
  calls(): Record<string, number>;
}

/** The @link every test subgraph starts with, importing the given directives. */
export const link = (...imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports
    .map((name) => `"@${name}"`)
    .join(', ')}])`;

/**
 * Test subgraphs over real HTTP on port 0, composed as `npm run schema:compose` would, behind our
 * router on the given engine: started before the describe block's tests, stopped after them.
 */
export function useFederation(definitions: SubgraphDefinition[], engine: Engine): Federation {
  const subgraphs: Record<string, TestSubgraph> = {};
  let url = '';
  let stop = async () => {};
  beforeAll(async () => {
    const started = await Promise.all(
      definitions.map(({ name, sdl, resolvers }) => startSubgraph(name, parse(sdl), resolvers)),
    );
    for (const subgraph of started) subgraphs[subgraph.name] = subgraph;
    const dir = await mkdtemp(join(tmpdir(), 'zhongtai-conformance-'));
    const supergraphPath = join(dir, 'supergraph.graphql');
    await writeFile(supergraphPath, composeSupergraph(started));
    const router = createRouter(
      loadRouterConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        SUPERGRAPH_PATH: supergraphPath,
        SUBGRAPH_URLS: started.map((s) => `${s.name}=${s.url}`).join(','),
        JWT_SECRET,
        SERVICE_KEY: ROUTER_SERVICE_KEY,
        RATE_LIMIT_PER_MINUTE: '0',
        ROUTER_ENGINE: engine,
      }),
    );
    url = `${await router.listen()}/graphql`;
    stop = async () => {
      await router.stop();
      await Promise.all(started.map((s) => s.stop()));
      await rm(dir, { recursive: true, force: true });
    };
  });
  afterAll(() => stop());
  return {
    subgraphs,
    async query(query, variables = {}, { signedIn = false } = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signedIn ? bearer(await tokenFor('u1')) : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as GraphQLBody };
    },
    calls: () => Object.fromEntries(Object.values(subgraphs).map((s) => [s.name, s.seen.length])),
  };
}
