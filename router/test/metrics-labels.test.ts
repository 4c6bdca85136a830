import { describe, expect, test } from 'vitest';
import { scrape, startStack, value } from './support.ts';

// Runs on the native engine only (router/vitest.config.ts): labels are given before any planning.
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
