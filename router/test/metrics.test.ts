import { describe, expect } from 'vitest';
import { scrape, stackTest, startStack, value } from './support.ts';

const test = stackTest({ CLIENT_RATE_LIMITS: JSON.stringify({ greedy: 1 }) }, 'test');

const TOP = { query: 'query Top { topReviews { body author { name } } }', operationName: 'Top' };

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
