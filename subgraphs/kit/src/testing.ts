import { randomBytes } from 'node:crypto';
import type { ApolloServer, BaseContext } from '@apollo/server';
import postgres from 'postgres';
import { z } from 'zod';
import { parseEnv } from './config.ts';
import { ANONYMOUS, type Identity, ROUTER_SERVICE } from './identity.ts';
import { createRequestSigner, devServiceKey, type RequestSigner } from './trust.ts';

const testEnv = parseEnv(
  z.object({
    /** An admin connection to a real PostgreSQL; tests create and drop their own databases on it. */
    DATABASE_URL: z.url().optional(),
  }),
  process.env,
  'tests',
);

export interface TestDatabase {
  /** The throwaway database's URL, or undefined for an in-memory PGlite. */
  url: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file: a fresh PostgreSQL database when DATABASE_URL is set,
 * an in-memory PGlite otherwise, so test files never see each other's rows.
 */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  if (!testEnv.DATABASE_URL) return { url: undefined, dataDir: 'memory://', drop: async () => {} };
  const name = `zt_${label.replace(/\W/g, '_')}_${randomBytes(5).toString('hex')}`.toLowerCase();
  const admin = postgres(testEnv.DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(testEnv.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir: 'memory://',
    drop: async () => {
      const dropper = postgres(testEnv.DATABASE_URL!, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export const usesRealPostgres = (): boolean => Boolean(testEnv.DATABASE_URL);

const signers = new Map<string, RequestSigner>();

/** A signer for `service` with this machine's development key, as the centers of tests trust by default. */
export function signerFor(service: string): RequestSigner {
  let signer = signers.get(service);
  if (!signer) {
    signer = createRequestSigner({ service, key: devServiceKey(service) });
    signers.set(service, signer);
  }
  return signer;
}

/**
 * The headers `service` (the router by default) would send with this body to the center `audience`,
 * acting for `identity`: a token for this one request.
 */
export function signedHeaders(
  identity: Identity,
  request: { audience: string; body: string; method?: string; service?: string },
): Record<string, string> {
  return signerFor(request.service ?? ROUTER_SERVICE).sign({
    identity,
    audience: request.audience,
    method: request.method ?? 'POST',
    body: request.body,
  });
}

/** Posts an operation to a center over HTTP, signed by `service` (the router by default) for `identity`. */
export async function postSigned(
  url: string,
  audience: string,
  operation: { query: string; variables?: Record<string, unknown> },
  identity: Identity = ANONYMOUS,
  service = ROUTER_SERVICE,
): Promise<{ status: number; body: GraphQLResponse }> {
  const body = JSON.stringify(operation);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signedHeaders(identity, { audience, body, service }) },
    body,
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T | null;
  errors?: readonly {
    message: string;
    path?: readonly (string | number)[];
    extensions?: Record<string, unknown>;
  }[];
}

/**
 * Runs an operation through a center's full Apollo Server pipeline in-process (parsing, validation,
 * resolvers, error formatting), as the given identity.
 */
export async function executeAs<T = Record<string, unknown>>(
  // biome-ignore lint/suspicious/noExplicitAny: any center's server and context pair fits
  center: { server: ApolloServer<any>; contextFor(identity?: Identity): BaseContext },
  query: string,
  variables: Record<string, unknown> = {},
  identity: Identity = ANONYMOUS,
): Promise<GraphQLResponse<T>> {
  const response = await center.server.executeOperation(
    { query, variables },
    { contextValue: center.contextFor(identity) },
  );
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return response.body.singleResult as GraphQLResponse<T>;
}

/** The `extensions.code` of each error, for compact assertions. */
export const errorCodes = (response: GraphQLResponse<unknown>) =>
  (response.errors ?? []).map((e) => e.extensions?.code);

/** An identity of the service `service` acting for no user, as an in-process caller of internal fields. */
export const asService = (service: string, userId: string | null = null): Identity => ({
  userId,
  scopes: [],
  service,
});

export { DEV_JWT_SECRET } from './config.ts';
