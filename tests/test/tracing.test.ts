import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import * as inventory from '@zhongtai/inventory';
import { listen } from '@zhongtai/subgraph-kit';
import { expect, test } from 'vitest';
import { bearer, graphql, SIGN_UP } from '../src/client.ts';
import { seedCatalog, startInProcess } from '../src/in-process.ts';

interface ExportedSpan {
  service: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
}

/** An OTLP/HTTP collector that keeps every span it is sent (JSON encoding, ids in hex). */
async function startCollector() {
  const spans: ExportedSpan[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        resourceSpans: {
          resource: { attributes: { key: string; value: { stringValue?: string } }[] };
          scopeSpans: { spans: Omit<ExportedSpan, 'service'>[] }[];
        }[];
      };
      for (const { resource, scopeSpans } of body.resourceSpans) {
        const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
        for (const { spans: sent } of scopeSpans) for (const span of sent) spans.push({ ...span, service });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  const url = await listen(server, 0, '127.0.0.1');
  return { url, spans, stop: () => new Promise((resolve) => server.close(resolve)) };
}

test('one trace follows an order from the router through the Transaction Center into the Inventory Center', async () => {
  const collector = await startCollector();
  const supergraph = await startInProcess(
    { url: undefined, dataDir: 'memory://' },
    { otlpEndpoint: collector.url },
  );
  const traceId = randomUUID().replaceAll('-', '');
  try {
    const { centers } = supergraph;
    const { skus } = await seedCatalog(supergraph, { users: 2, products: 1, seed: 3 });
    await inventory.setStock(centers.inventory.database.db, skus[0]!.id, 5);
    const signUp = await graphql<{ signUp: { token: string } }>(supergraph.routerUrl, SIGN_UP, {
      input: {
        email: `traced-${randomUUID()}@example.com`,
        password: 'follow the trace',
        displayName: '追踪',
      },
    });
    const placed = await graphql<{ placeOrder: { status: string } }>(
      supergraph.routerUrl,
      'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { status } }',
      { input: { lines: [{ skuId: skus[0]!.id, quantity: 1 }], idempotencyKey: randomUUID() } },
      { ...bearer(signUp.data!.signUp.token), traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    );
    expect(placed.data?.placeOrder.status).toBe('PENDING_PAYMENT');
  } finally {
    // Stopping flushes every service's spans to the collector.
    await supergraph.stop();
    await collector.stop();
  }

  const traced = collector.spans.filter((span) => span.traceId === traceId);
  const one = (service: string, name: RegExp) => {
    const found = traced.filter((span) => span.service === service && name.test(span.name));
    expect(found, `${service} span ${name}`).toHaveLength(1);
    return found[0]!;
  };
  const routerFetch = one('zhongtai-router', /^fetch orders$/);
  const ordersServer = one('zhongtai-orders', /POST \/graphql$/);
  const ordersCall = one('zhongtai-orders', /^call inventory$/);
  const inventoryServer = traced.filter(
    (span) => span.service === 'zhongtai-inventory' && span.parentSpanId === ordersCall.spanId,
  );
  // The router's fetch is the Transaction Center's parent; its call to the Inventory Center is the
  // parent of the Inventory Center's span for that request.
  expect(ordersServer.parentSpanId).toBe(routerFetch.spanId);
  expect(ordersCall.parentSpanId).toBe(ordersServer.spanId);
  expect(inventoryServer).toHaveLength(1);
  expect(inventoryServer[0]!.name).toMatch(/POST \/graphql$/);
});
