import type { OperationFile } from '@zhongtai/scripts/operations';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bearer, type GraphQLResult, graphql } from '../src/client.ts';
import { type InProcessSupergraph, startInProcess } from '../src/in-process.ts';
import { type Data, type Flow, operationsByKey, STEPS, seedSupergraph } from '../src/operation-steps.ts';

// Every front-end operation under schema/operations, run through the router against seeded centers,
// as its client sends it (its own file's text and client name, signed in as the demo buyer). Each
// must answer without errors and with data. A new operation file needs a step here, or the first
// test fails and names it.

const operations: Map<string, OperationFile> = operationsByKey();

describe('every front-end operation, end to end through the router', () => {
  let database: TestDatabase;
  let supergraph: InProcessSupergraph;
  const flow = {} as Flow;

  beforeAll(async () => {
    database = await createTestDatabase('operations');
    supergraph = await startInProcess(database);
    Object.assign(flow, await seedSupergraph(supergraph));
  });

  afterAll(async () => {
    await supergraph?.stop();
    await database?.drop();
  });

  test('every operation file under schema/operations has a step, and every step a file', () => {
    expect(STEPS.map(([key]) => key).sort()).toEqual([...operations.keys()].sort());
    // Every client named in the domain contract has operations.
    expect(new Set([...operations.values()].map((o) => o.client))).toEqual(
      new Set(['web', 'mobile', 'fresh']),
    );
  });

  for (const [key, step] of STEPS) {
    test(`${key} answers without errors and with data`, async () => {
      const operation = operations.get(key);
      expect(operation, `schema/operations/${key}.graphql exists`).toBeDefined();
      const result: GraphQLResult<Data> & { status: number } = await graphql(
        supergraph.routerUrl,
        operation!.source.body,
        step.variables(flow),
        {
          'apollographql-client-name': operation!.client,
          'apollographql-client-version': 'e2e',
          ...(flow.token ? bearer(flow.token) : {}),
        },
      );
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      expect(result.status).toBe(200);
      expect(result.data).toBeTruthy();
      for (const [field, value] of Object.entries(result.data ?? {})) {
        expect(value, `${key}: ${field}`).not.toBeNull();
      }
      step.check?.(result.data, flow);
      if (key === 'web/SignIn') flow.token = result.data.signIn.token;
    });
  }
});
