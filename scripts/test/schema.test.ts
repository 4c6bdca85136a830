import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { apiSchemaOf, loadOperations, validateOperations } from '../src/lib/operations.ts';
import {
  composeSupergraph,
  formatProblems,
  loadSupergraphConfig,
  SUPERGRAPH_SDL,
} from '../src/lib/supergraph.ts';

describe('the committed schema', () => {
  const composition = composeSupergraph(loadSupergraphConfig());

  test('the subgraphs compose', () => {
    expect(composition.ok ? '' : formatProblems(composition.problems)).toBe('');
  });

  test('schema/supergraph.graphql is what composing the subgraphs gives (run npm run schema:compose)', () => {
    expect(composition.ok && readFileSync(SUPERGRAPH_SDL, 'utf8') === composition.supergraphSdl).toBe(true);
  });

  test('every front-end operation in schema/operations validates against the API schema', () => {
    const operations = loadOperations();
    expect(operations.length).toBeGreaterThan(0);
    const problems = validateOperations(apiSchemaOf(readFileSync(SUPERGRAPH_SDL, 'utf8')), operations);
    expect(problems).toEqual([]);
  });
});
