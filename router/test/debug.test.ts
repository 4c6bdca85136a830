import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { DebugPlanNode } from '../src/debug/plan.ts';
import type { FetchTiming } from '../src/debug/recorder.ts';
import { engine, type Stack, startStack } from './support.ts';

const TOP = { query: 'query Top { topReviews { body author { name } } }', operationName: 'Top' };
const DEBUG = { 'x-zhongtai-debug': 'plan' };

interface DebugExtensions {
  queryPlan?: { engine: string; node: DebugPlanNode | null } | null;
  fetches?: FetchTiming[];
}

/** Every fetch of a plan, in the order the plan lists them. */
function fetchesOf(node: DebugPlanNode | null): Extract<DebugPlanNode, { subgraph: string }>[] {
  if (!node) return [];
  switch (node.kind) {
    case 'Fetch':
    case 'BatchFetch':
      return [node];
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchesOf);
    case 'Flatten':
      return fetchesOf(node.node);
    case 'Condition':
      return [...fetchesOf(node.ifTrue), ...fetchesOf(node.ifFalse)];
    case 'Defer':
      return [...fetchesOf(node.primary), ...node.deferred.flatMap(fetchesOf)];
    case 'Subscription':
      return [...fetchesOf(node.primary), ...fetchesOf(node.rest)];
  }
}

describe('x-zhongtai-debug: plan', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  test('the answer keeps its data and carries the plan that ran and a timing for each subgraph fetch', async () => {
    const { status, body } = await stack.graphql(TOP, DEBUG);
    expect(status).toBe(200);
    expect(body.data).toEqual({
      topReviews: [
        { body: 'Fresh and fast', author: { name: 'User u1' } },
        { body: 'Too salty', author: { name: 'User u2' } },
      ],
    });
    const extensions = (body as { extensions?: DebugExtensions }).extensions;
    expect(extensions?.queryPlan?.engine).toBe(engine);
    const planned = fetchesOf(extensions?.queryPlan?.node ?? null);
    // The reviews come first from their subgraph, then their authors' names as entities from accounts.
    expect(planned.map((fetch) => fetch.subgraph)).toEqual(['reviews', 'accounts']);
    expect(planned[0]).toMatchObject({ kind: 'Fetch', entities: false, operationKind: 'query' });
    expect(planned[1]?.operation).toContain('_entities');

    const fetches = extensions?.fetches ?? [];
    expect(fetches.map((fetch) => fetch.subgraph)).toEqual(['reviews', 'accounts']);
    const [reviews, accounts] = fetches as [FetchTiming, FetchTiming];
    for (const fetch of fetches) {
      expect(fetch.durationMs).toBeGreaterThan(0);
      expect(fetch.requestBytes).toBeGreaterThan(0);
      expect(fetch.responseBytes).toBeGreaterThan(0);
      expect(fetch.error).toBeUndefined();
    }
    expect(reviews.entities).toBe(0);
    // Two reviews by two authors: two representations.
    expect(accounts.entities).toBe(2);
    // The entity fetch waits for the root fetch's answer.
    expect(accounts.startMs).toBeGreaterThanOrEqual(reviews.startMs + reviews.durationMs);
  });

  test('without the header the answer has neither', async () => {
    const { body } = await stack.graphql(TOP);
    expect((body as { extensions?: DebugExtensions }).extensions).toBeUndefined();
    const other = await stack.graphql(TOP, { 'x-zhongtai-debug': 'timings' });
    expect((other.body as { extensions?: DebugExtensions }).extensions).toBeUndefined();
  });

  test('an operation refused before planning gets no plan and no fetches', async () => {
    const { status, body } = await stack.graphql({ query: '{ nope }' }, DEBUG);
    expect(status).toBe(400);
    const extensions = (body as { extensions?: DebugExtensions }).extensions;
    expect(extensions?.queryPlan ?? null).toBeNull();
    expect(extensions?.fetches ?? []).toEqual([]);
  });
});

describe('x-zhongtai-debug: plan in production', () => {
  const production = { NODE_ENV: 'production', TRUSTED_DOCUMENTS: 'allow' };

  test('is ignored unless EXPOSE_QUERY_PLANS=true', async () => {
    const closed = await startStack(production);
    try {
      const { status, body } = await closed.graphql(TOP, DEBUG);
      expect(status).toBe(200);
      expect(body.data).toBeTruthy();
      expect((body as { extensions?: DebugExtensions }).extensions).toBeUndefined();
    } finally {
      await closed.stop();
    }
    const open = await startStack({ ...production, EXPOSE_QUERY_PLANS: 'true' });
    try {
      const { body } = await open.graphql(TOP, DEBUG);
      const extensions = (body as { extensions?: DebugExtensions }).extensions;
      expect(extensions?.fetches?.map((fetch) => fetch.subgraph)).toEqual(['reviews', 'accounts']);
    } finally {
      await open.stop();
    }
  });
});

describe('a failed fetch in the timings', () => {
  test('says why it failed, with no answer size', async () => {
    const stack = await startStack({ SUBGRAPH_RETRIES: '0' });
    try {
      await stack.accounts.stop();
      const { body } = await stack.graphql(TOP, DEBUG);
      const fetches = (body as { extensions?: DebugExtensions }).extensions?.fetches ?? [];
      const accounts = fetches.find((fetch) => fetch.subgraph === 'accounts');
      expect(accounts?.error).toMatch(/^SUBGRAPH_UNAVAILABLE: /);
      expect(accounts?.responseBytes).toBeNull();
      expect(fetches.find((fetch) => fetch.subgraph === 'reviews')?.error).toBeUndefined();
    } finally {
      await stack.stop();
    }
  });
});
