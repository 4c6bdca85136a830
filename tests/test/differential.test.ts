import { readFileSync } from 'node:fs';
import { apiSchemaOf } from '@zhongtai/scripts/operations';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { buildSchema, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generatedCorpus, testSourceCorpus } from '../src/differential/corpus.ts';
import { createOperationGenerator, reachableFields } from '../src/differential/generator.ts';
import {
  type Differential,
  type DifferentialReport,
  emptyReport,
  formatReport,
  runCases,
  startDifferential,
} from '../src/differential/harness.ts';

// The router's two engines, side by side over the same centers and seeded database: every answer
// must be the same (data exactly, errors by path and code). CI runs a 300-operation corpus; the full
// one is `npm run differential -- --count 2000 [--seed N]`.

const SEED = 20261201;
const COUNT = 300;
const schema = apiSchemaOf(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));
const pools = {
  ids: { Product: ['p-1', 'p-2'], Store: ['s-1'], Sku: ['k-1'] },
  strings: { after: ['cursor-1'], slug: ['a-slug'], city: ['杭州市'] },
};

describe('the operation generator', () => {
  test('draws operations that all validate against the API schema, the same ones for the same seed', () => {
    const first = generatedCorpus(schema, pools, SEED, COUNT).cases;
    const again = generatedCorpus(schema, pools, SEED, COUNT).cases;
    const other = generatedCorpus(schema, pools, SEED + 1, 20).cases;
    for (const operation of first) {
      expect(validate(schema, parse(operation.query)), operation.query).toEqual([]);
      expect(operation.query).toMatch(/^query /);
    }
    expect(again).toEqual(first);
    expect(other.map((o) => o.query)).not.toEqual(first.slice(0, 20).map((o) => o.query));
    expect(new Set(first.map((o) => o.query)).size).toBe(COUNT);
  });

  test('a corpus of 300 selects every field reachable from Query and uses every feature of the language', () => {
    const { cases, features, selected } = generatedCorpus(schema, pools, SEED, COUNT);
    expect([...reachableFields(schema)].filter((field) => !selected.has(field))).toEqual([]);
    for (const feature of [
      'alias',
      'typename',
      'inline-fragment',
      'untyped-inline-fragment',
      'named-fragment',
      'skip',
      'include',
      'variable-argument',
      'literal-argument',
      'pagination-after',
      'unknown-id',
    ] as const) {
      expect(features.get(feature) ?? 0, feature).toBeGreaterThan(5);
    }
    // A part of the corpus goes anonymous, so @authenticated fields answer both ways.
    const anonymous = cases.filter((c) => !c.signedIn).length;
    expect(anonymous).toBe(COUNT / 4);
  });

  test('selects interfaces and unions through their possible types, with __typename', () => {
    const abstract = buildSchema(`
      interface Node { id: ID! }
      type Book implements Node { id: ID! title: String! author: Author! }
      type Author implements Node { id: ID! name: String! books: [Book!]! }
      union Result = Book | Author
      type Query { node(id: ID!): Node  search(text: String!, first: Int): [Result!]! }
    `);
    const generator = createOperationGenerator(abstract, { seed: SEED, pools: { ids: {}, strings: {} } });
    const operations = Array.from({ length: 50 }, () => generator.next());
    for (const operation of operations) expect(validate(abstract, parse(operation.query))).toEqual([]);
    expect(operations.filter((o) => o.features.has('abstract-type')).length).toBeGreaterThan(10);
    expect(
      operations.some((o) =>
        /\.\.\. on Book .*\.\.\. on Author|\.\.\. on Author .*\.\.\. on Book/.test(o.query),
      ),
    ).toBe(true);
  });

  test('gives a written operation variables from the pools, by the argument each feeds', () => {
    const generator = createOperationGenerator(schema, { seed: SEED, pools });
    const document = parse(
      'query($p: ID!, $s: ID!, $slug: String, $n: Int) { product(id: $p) { id } store(id: $s) { pickupSlots(first: $n) { pageInfo { hasNextPage } } } bySlug: product(slug: $slug) { id } }',
    );
    const variables = generator.variablesFor(document);
    expect(variables).toEqual({
      p: expect.stringMatching(/^p-[12]$/),
      s: 's-1',
      slug: 'a-slug',
      n: expect.any(Number),
    });
  });
});

describe('the apollo and native engines over the same centers', () => {
  let database: TestDatabase;
  let differential: Differential;
  const report: DifferentialReport = emptyReport();

  beforeAll(async () => {
    database = await createTestDatabase('differential');
    differential = await startDifferential(database);
  });

  afterAll(async () => {
    await differential?.stop();
    await database?.drop();
    // The counts the closing note of issue 11 asks for, in the test log.
    if (differential) console.log(formatReport(report, differential.sides));
  });

  // Listed deviations of the native engine (knownDeviation) are reported, each has its conformance test.
  const expectSame = (since: number) => {
    const found = report.differences.slice(since).filter((d) => !d.known);
    expect(found, formatReport({ ...report, differences: found }, differential.sides)).toEqual([]);
  };

  test('every operation of schema/operations answers the same, mutations once on each engine', async () => {
    const since = report.differences.length;
    await differential.runFlow(report);
    expect(report.failedChecks).toEqual([]);
    expectSame(since);
  });

  test("the end-to-end tests' own queries answer the same, signed in and anonymous", async () => {
    const since = report.differences.length;
    const cases = testSourceCorpus(differential.schema, differential.pools, SEED);
    expect(cases.length).toBeGreaterThanOrEqual(6);
    await runCases(differential, report, cases);
    expectSame(since);
  });

  test(`${COUNT} generated queries answer the same`, async () => {
    const since = report.differences.length;
    const operations = report.operations;
    await runCases(
      differential,
      report,
      generatedCorpus(differential.schema, differential.pools, SEED, COUNT).cases,
    );
    expect(report.operations - operations).toBe(COUNT);
    expectSame(since);
  });
});
