import { freePort, type RunningSupergraph, startSupergraph } from '@zhongtai/scripts/processes';
import { seedAll } from '@zhongtai/scripts/seed';
import { loadSupergraphConfig } from '@zhongtai/scripts/supergraph';
import { createTestDatabase, type TestDatabase, usesRealPostgres } from '@zhongtai/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectProductListWithSellers, expectSignUpAndMe } from '../src/checks.ts';
import { graphql } from '../src/client.ts';

// The same processes `npm start` runs, each center in its own schema of one real PostgreSQL
// database made for this file, on free ports, talking HTTP to each other.
describe('the supergraph on a real PostgreSQL', () => {
  let database: TestDatabase;
  let running: RunningSupergraph;

  beforeAll(async () => {
    expect(usesRealPostgres(), 'the test command provides DATABASE_URL (scripts/test.sh)').toBe(true);
    database = await createTestDatabase('e2e');
    await seedAll({ databaseUrl: database.url, dataDir: 'unused', scale: 'small' });
    const subgraphs = loadSupergraphConfig();
    const ports: Record<string, number> = {};
    for (const subgraph of subgraphs) ports[subgraph.name] = await freePort();
    running = await startSupergraph({
      config: {
        DATABASE_URL: database.url,
        dataDir: 'unused',
        LOG_LEVEL: 'warn',
        HOST: '127.0.0.1',
        PORT: await freePort(),
      },
      subgraphs,
      ports,
    });
  });

  afterAll(async () => {
    const codes = await running?.stop();
    await database?.drop();
    expect(Object.values(codes ?? {}).every((code) => code === 0)).toBe(true);
  });

  test('the product list comes back with sellers resolved by the users center', async () => {
    await expectProductListWithSellers(running.routerUrl);
  });

  test('a token from signUp makes `me` answer with the email, and no token gives no email', async () => {
    await expectSignUpAndMe(running.routerUrl);
  });

  test('bad input gets coded errors, not stack traces', async () => {
    const tooMany = await graphql(running.routerUrl, '{ products(first: 101) { edges { cursor } } }');
    const badCursor = await graphql(
      running.routerUrl,
      '{ products(first: 2, after: "garbage") { edges { cursor } } }',
    );
    const wrongPassword = await graphql(
      running.routerUrl,
      'mutation { signIn(email: "demo@zhongtai.dev", password: "wrong password") { token } }',
    );
    expect(tooMany.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(badCursor.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(wrongPassword.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    for (const error of [...tooMany.errors!, ...badCursor.errors!, ...wrongPassword.errors!]) {
      expect(JSON.stringify(error)).not.toMatch(/stacktrace|\bat .*\.ts:\d+/);
    }
  });

  test('a center refuses a request that did not come through the router', async () => {
    const users = running.children.find((child) => child.name === 'users')!;
    const direct = await graphql(`${users.url}/graphql`, '{ me { id } }');
    expect(direct.status).toBe(401);
    expect(direct.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
