import { createServer } from 'node:http';
import { listen } from '@zhongtai/subgraph-kit';
import { describe, expect, vi } from 'vitest';
import { stackTest, startStack } from './support.ts';

const test = stackTest();

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const TOP = { query: '{ topReviews { body author { name } } }' };

function parts(traceparent: string | undefined) {
  const match = TRACEPARENT.exec(traceparent ?? '');
  expect(match, `a valid traceparent, got ${traceparent}`).not.toBeNull();
  const [, traceId, spanId, flags] = match!;
  expect(traceId).not.toBe('0'.repeat(32));
  expect(spanId).not.toBe('0'.repeat(16));
  return { traceId: traceId!, spanId: spanId!, flags: flags! };
}

describe('tracing (W3C traceparent)', () => {
  test("subgraphs see the caller's trace id, each fetch with a span of its own", async ({ stack }) => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const result = await stack.graphql(TOP, { traceparent: `00-${traceId}-${callerSpan}-01` });
    expect(result.body.errors).toBeUndefined();
    const reviews = parts(stack.reviews.seen.at(-1)?.traceparent);
    const accounts = parts(stack.accounts.seen.at(-1)?.traceparent);
    expect(reviews.traceId).toBe(traceId);
    expect(accounts.traceId).toBe(traceId);
    expect(reviews.flags).toBe('01');
    expect(new Set([callerSpan, reviews.spanId, accounts.spanId]).size).toBe(3);
  });

  test('a request without a traceparent starts a trace: one id for all its fetches, another for the next request', async ({
    stack,
  }) => {
    await stack.graphql(TOP);
    const first = [stack.reviews.seen.at(-1), stack.accounts.seen.at(-1)].map((s) => parts(s?.traceparent));
    expect(first[0]!.traceId).toBe(first[1]!.traceId);
    await stack.graphql(TOP);
    expect(parts(stack.reviews.seen.at(-1)?.traceparent).traceId).not.toBe(first[0]!.traceId);
  });

  test("the router's log line for a request carries its request id and trace id", async ({ stack }) => {
    const debug = vi.spyOn(stack.router.logger, 'debug');
    const traceId = 'abcdef0123456789abcdef0123456789';
    await stack.graphql(
      { query: 'query Top { topReviews { body } }' },
      { traceparent: `00-${traceId}-0123456789abcdef-01`, 'x-request-id': 'req-trace-1' },
    );
    await vi.waitFor(() =>
      expect(debug).toHaveBeenCalledWith(
        expect.objectContaining({
          requestId: 'req-trace-1',
          traceId,
          operationName: 'Top',
          outcome: 'success',
        }),
        'request finished',
      ),
    );
    expect(stack.reviews.seen.at(-1)?.requestId).toBe('req-trace-1');
    debug.mockRestore();
  });

  test('an invalid traceparent is ignored, not propagated', async ({ stack }) => {
    await stack.graphql(TOP, { traceparent: '00-zzzz-not-a-trace-01' });
    parts(stack.reviews.seen.at(-1)?.traceparent);
  });
});

describe('OTLP export (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  test('spans of the request and of each fetch reach the collector, under the caller’s trace id', async () => {
    const received: { path: string | undefined; body: string }[] = [];
    const collector = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ path: req.url, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    const endpoint = await listen(collector, 0, '127.0.0.1');
    const stack = await startStack({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    try {
      const result = await stack.graphql(
        { query: 'query Top { topReviews { body author { name } } }' },
        { traceparent: `00-${traceId}-b7ad6b7169203331-01`, 'apollographql-client-name': 'web' },
      );
      expect(result.body.errors).toBeUndefined();
    } finally {
      // Stopping flushes the batch.
      await stack.stop();
      await new Promise((resolve) => collector.close(resolve));
    }
    expect(received.map((r) => r.path)).toContain('/v1/traces');
    const body = received.map((r) => r.body).join('\n');
    expect(body).toContain(traceId);
    for (const name of ['query Top', 'fetch reviews', 'fetch accounts', 'zhongtai-router']) {
      expect(body).toContain(name);
    }
  });
});
