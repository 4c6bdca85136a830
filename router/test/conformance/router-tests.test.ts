import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bearer, type Stack, startStack, tokenFor } from '../support.ts';
import { documentsInSources } from './documents.ts';
import { difference } from './engines.ts';

// Differential: every operation the router's own tests send (string literals in router/test/*.ts,
// broken ones included), through a router asking for the apollo engine and one asking for the native
// engine over the same test subgraphs, as anonymous, as a user, and as an admin. Until the router
// knows ROUTER_ENGINE both run apollo, which proves the harness; then the comparison is real.

const TEST_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Differences found and listed (issue 11's closing note), by document. Each is asserted to still
 * differ, so a fix shows here and the entry goes.
 */
const KNOWN_DIFFERENCES: Record<string, string> = {
  // The test schema has no Mutation type. apollo refuses it as INVALID_GRAPHQL; native plans and
  // fails, QUERY_PLANNING_FAILED. GraphQL spec: a request error before execution (status and data
  // agree; only the code differs, and the spec names no code).
  'mutation { buy(id: "p1") { id } }': 'errors',
};
const documents = documentsInSources([TEST_DIR], TEST_DIR);

describe("the router tests' operations on the apollo and native engines", () => {
  const stacks: Stack[] = [];
  const identities: Record<string, Record<string, string>> = { anonymous: {} };

  beforeAll(async () => {
    for (const engine of ['apollo', 'native']) {
      stacks.push(await startStack({ ROUTER_ENGINE: engine, RATE_LIMIT_PER_MINUTE: '0' }));
    }
    identities.user = bearer(await tokenFor('u1'));
    identities.admin = bearer(await tokenFor('u2', { scopes: ['admin'] }));
  });

  afterAll(async () => {
    for (const stack of stacks) await stack.stop();
  });

  test('are found in the router tests, broken ones included', () => {
    const texts = documents.map((d) => d.text);
    expect(texts.length).toBeGreaterThan(15);
    expect(texts).toContain('{ me { nam } }');
    expect(texts).toContain('{ topReviews { body author { name } } }');
  });

  test.each(['anonymous', 'user', 'admin'])('answer the same, as %s', async (who) => {
    const found = await Promise.all(
      documents.map(async ({ origin, text }) => {
        const [apollo, native] = await Promise.all(
          stacks.map((stack) => stack.graphql({ query: text, variables: { id: 'u1' } }, identities[who])),
        );
        const detail = difference(apollo!, native!);
        const known = KNOWN_DIFFERENCES[text];
        if (known && stacks[1]!.router.gateway.engineName === 'native') {
          expect(detail, `${origin}: ${text}`).toMatch(new RegExp(`^${known}:`));
          return undefined;
        }
        return detail && `${origin}: ${text}\n${detail}`;
      }),
    );
    expect(found.filter(Boolean)).toEqual([]);
  });
});
