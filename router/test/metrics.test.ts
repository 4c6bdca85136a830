import { describe, expect } from 'vitest';
import { type Stack, stackTest, startStack } from './support.ts';

const test = stackTest({ CLIENT_RATE_LIMITS: JSON.stringify({ greedy: 1 }) }, 'test');

const TOP = { query: 'query Top { topReviews { body author { name } } }', operationName: 'Top' };

async function scrape(stack: Stack): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(`${stack.url}/metrics`);
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one series, 0 when it is not there yet. */
function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('/metrics', () => {
  test('counts requests by client, operation and outcome, and times requests and subgraph fetches', async ({
    stack,
  }) => {
    const web = { 'apollographql-client-name': 'web' };
    const greedy = { 'apollographql-client-name': 'greedy' };
    expect((await stack.graphql(TOP, web)).body.errors).toBeUndefined();
    expect((await stack.graphql(TOP, web)).body.errors).toBeUndefined();
    expect(
      (await stack.graphql({ query: 'query Broken { nope }', operationName: 'Broken' }, web)).status,
    ).toBe(400);
    expect((await stack.graphql(TOP, greedy)).status).toBe(200);
    expect((await stack.graphql(TOP, greedy)).status).toBe(429);

    const { status, type, text } = await scrape(stack);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    const requests = (client: string, operation: string, outcome: string) =>
      value(
        text,
        `zhongtai_router_requests_total{client="${client}",operation="${operation}",outcome="${outcome}"}`,
      );
    expect(requests('web', 'Top', 'success')).toBe(2);
    expect(requests('web', 'Broken', 'error')).toBe(1);
    expect(requests('greedy', 'Top', 'success')).toBe(1);
    expect(requests('greedy', 'Top', 'refused')).toBe(1);
    expect(value(text, 'zhongtai_router_request_duration_seconds_count{outcome="success"}')).toBe(3);
    expect(value(text, 'zhongtai_router_request_duration_seconds_count{outcome="refused"}')).toBe(1);
    expect(value(text, 'zhongtai_router_request_duration_seconds_bucket{le="+Inf",outcome="success"}')).toBe(
      3,
    );
    // Each Top is one fetch from reviews, then one from accounts for the authors.
    expect(value(text, 'zhongtai_router_subgraph_fetch_duration_seconds_count{subgraph="reviews"}')).toBe(3);
    expect(value(text, 'zhongtai_router_subgraph_fetch_duration_seconds_count{subgraph="accounts"}')).toBe(3);
    expect(value(text, 'zhongtai_router_subgraph_fetch_errors_total{subgraph="accounts"}')).toBe(0);
    expect(text).toContain('zhongtai_router_process_resident_memory_bytes');

    // A subgraph that is down: its fetches fail, and count.
    await stack.accounts.stop();
    const failed = await stack.graphql(TOP, web);
    expect(failed.body.errors).toBeDefined();
    const after = (await scrape(stack)).text;
    expect(value(after, 'zhongtai_router_subgraph_fetch_errors_total{subgraph="accounts"}')).toBe(1);
    expect(value(after, 'zhongtai_router_subgraph_fetch_errors_total{subgraph="reviews"}')).toBe(0);
    expect(value(after, 'zhongtai_router_requests_total{client="web",operation="Top",outcome="error"}')).toBe(
      1,
    );
  });

  test('METRICS_PORT moves /metrics off the public port', async () => {
    const stack = await startStack({ METRICS_PORT: '0' });
    try {
      expect((await stack.graphql(TOP, { 'apollographql-client-name': 'web' })).body.errors).toBeUndefined();
      const metricsUrl = stack.router.metricsUrl;
      expect(metricsUrl).toBeDefined();
      expect(metricsUrl).not.toBe(stack.url);
      const scraped = await fetch(`${metricsUrl}/metrics`);
      expect(scraped.status).toBe(200);
      expect(
        value(
          await scraped.text(),
          'zhongtai_router_requests_total{client="web",operation="Top",outcome="success"}',
        ),
      ).toBe(1);
      const publicScrape = await fetch(`${stack.url}/metrics`);
      expect(publicScrape.status).toBe(404);
      expect(await publicScrape.text()).not.toContain('zhongtai_router_requests_total');
      expect((await fetch(`${metricsUrl}/graphql`)).status).toBe(404);
    } finally {
      await stack.stop();
    }
  });

  test('client-chosen names cannot grow the metrics without bound', async ({ stack }) => {
    await stack.graphql(
      { query: 'query Top { topReviews { body } }' },
      { 'apollographql-client-name': 'bad name{}"' },
    );
    const { text } = await scrape(stack);
    expect(
      value(text, 'zhongtai_router_requests_total{client="(invalid)",operation="Top",outcome="success"}'),
    ).toBe(1);
  });
});

describe('client names in metric labels', () => {
  test('6,000 distinct client names make a bounded number of series: unknown clients past the bound fold into (other)', async () => {
    const stack = await startStack({
      RATE_LIMIT_PER_MINUTE: '0',
      ROUTER_METRICS_CLIENTS: 'partner',
      ROUTER_METRICS_EXTRA_CLIENTS: '5',
    });
    try {
      const names = Array.from({ length: 6000 }, (_, i) => `client${i}`);
      const query = { query: 'query Ping { __typename }', operationName: 'Ping' };
      // A few at a time, each sent again if its connection was reset: 6,000 requests on a busy machine.
      const send = async (name: string) => {
        for (let attempt = 0; ; attempt++) {
          try {
            return (await stack.graphql(query, { 'apollographql-client-name': name })).status;
          } catch (error) {
            if (attempt >= 2) throw error;
          }
        }
      };
      for (let next = 0; next < names.length; next += 10) {
        const statuses = await Promise.all(names.slice(next, next + 10).map(send));
        expect(statuses.every((status) => status === 200)).toBe(true);
      }
      for (const client of ['web', 'partner']) {
        await stack.graphql(query, { 'apollographql-client-name': client });
      }
      const { text } = await scrape(stack);
      const series = text.split('\n').filter((line) => line.startsWith('zhongtai_router_requests_total{'));
      const clients = new Set(series.map((line) => /client="([^"]*)"/.exec(line)?.[1]));
      // The registered clients and the configured one keep their names, 5 newcomers get theirs, the rest are (other).
      expect(clients).toEqual(
        new Set(['web', 'partner', 'client0', 'client1', 'client2', 'client3', 'client4', '(other)']),
      );
      expect(series.length).toBe(8);
      expect(
        value(text, 'zhongtai_router_requests_total{client="(other)",operation="(other)",outcome="success"}'),
      ).toBe(5995);
      console.log(`6,000 client names → ${series.length} request series`);
    } finally {
      await stack.stop();
    }
  }, 300_000);
});
