import { writeFile } from 'node:fs/promises';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, test, vi } from 'vitest';
import { type GraphQLBody, startStack, startSubgraph, type TestSubgraph } from './support.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const greetingsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query { greeting: String! }
`);

/** The stack's two subgraphs plus `greetings`, routed to where it really listens. */
function supergraphWith(subgraphs: TestSubgraph[], greetings: TestSubgraph): string {
  const result = composeServices([
    ...subgraphs.map(({ name, typeDefs }) => ({ name, typeDefs, url: `http://${name}.invalid/graphql` })),
    { name: greetings.name, typeDefs: greetings.typeDefs, url: greetings.url },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

describe('hot reload under load (NODE_ENV=development watches the supergraph file)', () => {
  test('a new supergraph is served with zero failed requests; an invalid one is refused, logged, and the old one kept', async () => {
    const stack = await startStack({ NODE_ENV: 'development', RATE_LIMIT_PER_MINUTE: '0' });
    const greetings = await startSubgraph('greetings', greetingsTypeDefs, {
      Query: { greeting: () => 'Nǐ hǎo' },
    });
    const loggedError = vi.spyOn(stack.router.logger, 'error');
    try {
      const post = async (query: string) => {
        const response = await fetch(`${stack.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, body: (await response.json()) as GraphQLBody };
      };
      const LOAD = '{ topReviews { body author { name } } }';
      let running = true;
      let done = 0;
      const failures: string[] = [];
      const loop = async () => {
        while (running) {
          try {
            const { status, body } = await post(LOAD);
            if (status !== 200 || body.errors || !body.data)
              failures.push(`${status} ${JSON.stringify(body)}`);
          } catch (error) {
            failures.push(String(error));
          }
          done++;
        }
      };
      const loops = Array.from({ length: 20 }, loop);

      await sleep(800);
      const before = await post('{ greeting }');
      expect(before.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      // 1. A new field, in a new subgraph: served once the file changes.
      await writeFile(stack.supergraphPath, supergraphWith([stack.accounts, stack.reviews], greetings));
      const deadline = Date.now() + 5000;
      let greeting = await post('{ greeting }');
      while (greeting.body.errors && Date.now() < deadline) {
        await sleep(50);
        greeting = await post('{ greeting }');
      }
      expect(greeting.body).toEqual({ data: { greeting: 'Nǐ hǎo' } });
      await sleep(800);

      // 2. An invalid supergraph: logged, and the one before keeps serving.
      await writeFile(stack.supergraphPath, 'this is not a supergraph {');
      const refusedBy = Date.now() + 5000;
      while (
        !loggedError.mock.calls.some(([, message]) => String(message).includes('invalid')) &&
        Date.now() < refusedBy
      ) {
        await sleep(50);
      }
      expect(loggedError).toHaveBeenCalledWith(
        expect.objectContaining({ err: expect.anything() }),
        'the updated supergraph is invalid; keeping the current one',
      );
      await sleep(800);

      running = false;
      await Promise.all(loops);
      expect(failures).toEqual([]);
      expect(done).toBeGreaterThan(40);
      expect((await post('{ greeting }')).body).toEqual({ data: { greeting: 'Nǐ hǎo' } });
      expect((await post(LOAD)).body.errors).toBeUndefined();
      console.log(`hot reload under load: ${done} requests in 20 loops, ${failures.length} failed`);
    } finally {
      await stack.stop();
      await greetings.stop();
    }
  }, 30_000);
});
