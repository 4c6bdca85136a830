import { createHash } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Stack, startStack } from './support.ts';

interface Logged {
  level: number;
  msg: string;
}

/** The router's log, as JSON lines, at info and above. */
function capturingLogger() {
  const lines: Logged[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Logged) });
  return { logger, lines };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let stack: Stack;
let log: ReturnType<typeof capturingLogger>;

beforeAll(async () => {
  log = capturingLogger();
  stack = await startStack({}, { logger: log.logger });
});
afterAll(() => stack?.stop());

async function expectClientError(body: Record<string, unknown>, status: number, code: string) {
  const before = log.lines.length;
  // Persisted-query requests may carry no query: the body goes as sent.
  const answer = await stack.graphql(body as { query: string }, { 'apollographql-client-name': 'web' });
  expect({ status: answer.status, codes: answer.body.errors?.map((e) => e.extensions?.code) }).toEqual({
    status,
    codes: [code],
  });
  const errors = log.lines.slice(before).filter((line) => line.level >= 50);
  expect(errors).toEqual([]);
  return answer;
}

const persisted = (query: string | undefined, version: number, sha256Hash: string) => ({
  ...(query === undefined ? {} : { query }),
  extensions: { persistedQuery: { version, sha256Hash } },
});

describe('persisted queries a client gets wrong keep Apollo’s codes and are not logged as errors', () => {
  test.each([
    [
      'an id the router does not know',
      persisted(undefined, 1, 'f'.repeat(64)),
      200,
      'PERSISTED_QUERY_NOT_FOUND',
    ],
    [
      'a body that does not hash to its id',
      persisted('{ __typename }', 1, sha256('{ x }')),
      400,
      'PERSISTED_QUERY_HASH_MISMATCH',
    ],
    [
      'an unsupported version',
      persisted('{ __typename }', 2, sha256('{ __typename }')),
      400,
      'PERSISTED_QUERY_NOT_SUPPORTED',
    ],
  ])('%s', async (_what, body, status, code) => {
    await expectClientError(body, status, code);
  });
});

describe('subscriptions', () => {
  test('a subscription operation is refused with HTTP 400 and SUBSCRIPTIONS_NOT_SUPPORTED', async () => {
    const answer = await expectClientError(
      { query: 'subscription { x }' },
      400,
      'SUBSCRIPTIONS_NOT_SUPPORTED',
    );
    expect(answer.body.errors?.[0]?.message).toMatch(/subscriptions/i);
  });
});
