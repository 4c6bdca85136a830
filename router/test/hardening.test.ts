import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadRouterConfig } from '../src/config.ts';
import { corsPolicy } from '../src/hardening.ts';
import type { GraphQLBody, Stack } from './support.ts';
import { nativeOnly, startStack } from './support.ts';

const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);

async function send(stack: Stack, init: RequestInit & { path?: string } = {}) {
  const response = await fetch(`${stack.url}${init.path ?? '/graphql'}`, init);
  const text = await response.text();
  let body: GraphQLBody | undefined;
  try {
    body = JSON.parse(text) as GraphQLBody;
  } catch {}
  return { status: response.status, headers: response.headers, body, text };
}

describe('in development', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ NODE_ENV: 'development' });
  });
  afterAll(() => stack.stop());

  test('CSRF: a GET query without a preflight-forcing header is refused', async () => {
    const { status, text } = await send(stack, {
      path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
    });
    expect(status).toBe(400);
    expect(text).toMatch(/Cross-Site Request Forgery/);
    const allowed = await send(stack, {
      path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.body).toEqual({ data: { __typename: 'Query' } });
  });

  test('CSRF: a form POST (a simple request, no preflight) is refused', async () => {
    const before = stack.accounts.seen.length;
    for (const contentType of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data']) {
      const { status, text } = await send(stack, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: 'query=%7B%20me%20%7B%20id%20%7D%20%7D',
      });
      expect(status).toBe(400);
      expect(text).toMatch(/Cross-Site Request Forgery/);
    }
    expect(stack.accounts.seen.length).toBe(before);
  });

  test('CORS: localhost origins are allowed by default outside production, and preflights answered', async () => {
    const preflight = await send(stack, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');

    const { headers, body } = await send(stack, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:3000', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(body).toEqual({ data: { __typename: 'Query' } });
    expect(headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(headers.get('vary')).toContain('Origin');
  });

  test('CORS: other origins get no Access-Control-Allow-Origin, and their preflight is refused', async () => {
    const preflight = await send(stack, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const { headers } = await send(stack, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(headers.get('access-control-allow-origin')).toBeNull();
  });

  test('batched requests (a JSON array) are refused with BAD_REQUEST', async () => {
    const before = stack.accounts.seen.length;
    const { status, body } = await send(stack, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }]),
    });
    expect(status).toBe(400);
    expect(codes(body!)).toEqual(['BAD_REQUEST']);
    expect(body?.errors?.[0]?.message).toMatch(/batching disabled/i);
    expect(stack.accounts.seen.length).toBe(before);
  });

  test('introspection and field suggestions are on outside production', async () => {
    const introspection = await stack.graphql({ query: '{ __schema { queryType { name } } }' });
    expect(introspection.body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    const suggestion = await stack.graphql({ query: '{ me { nam } }' });
    expect(suggestion.body.errors?.[0]?.message).toMatch(/Did you mean "name"\?/);
  });
});

describe('CORS_ORIGINS', () => {
  test('is a comma-separated list of origins; a path or a non-URL is refused', () => {
    expect(
      loadRouterConfig({ CORS_ORIGINS: 'https://shop.example.com, http://localhost:3000/' }).CORS_ORIGINS,
    ).toEqual(['https://shop.example.com', 'http://localhost:3000']);
    expect(() => loadRouterConfig({ CORS_ORIGINS: 'https://shop.example.com/app' })).toThrow(/not an origin/);
    expect(() => loadRouterConfig({ CORS_ORIGINS: 'shop' })).toThrow(/not an origin/);
    expect(loadRouterConfig({}).CORS_ORIGINS).toBeUndefined();
  });

  test('a list replaces the default; production without a list allows no origin', () => {
    const listed = corsPolicy(['https://shop.example.com'], false);
    expect(listed.allows('https://shop.example.com')).toBe(true);
    expect(listed.allows('http://localhost:3000')).toBe(false);
    const production = corsPolicy(undefined, true);
    expect(production.allows('http://localhost:3000')).toBe(false);
  });
});

describe('in production', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Trusted documents would refuse these free-form operations before any of this is reached.
    stack = await startStack({
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://shop.example.com',
      TRUSTED_DOCUMENTS: 'allow',
    });
  });
  afterAll(() => stack.stop());

  test('only the listed origin gets Access-Control-Allow-Origin', async () => {
    for (const [origin, allowed] of [
      ['https://shop.example.com', 'https://shop.example.com'],
      ['http://localhost:5173', null],
    ] as const) {
      const { status, headers } = await send(stack, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(status).toBe(allowed ? 204 : 403);
      expect(headers.get('access-control-allow-origin')).toBe(allowed);
    }
  });

  test('introspection is refused', async () => {
    const { body } = await stack.graphql({ query: '{ __schema { queryType { name } } }' });
    expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  test('validation errors carry no field suggestions', async () => {
    const { status, body } = await stack.graphql({ query: '{ me { nam } }' });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(body.errors?.[0]?.message).toContain('Cannot query field "nam"');
    expect(body.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  test('a subgraph that is down is named with SUBGRAPH_UNAVAILABLE, and nothing of its address', async () => {
    await stack.reviews.stop();
    const { body } = await stack.graphql(
      { query: '{ topReviews { body } }' },
      { 'x-request-id': 'req-down-2' },
    );
    expect(body.errors).toEqual([
      {
        message: 'The reviews service is unavailable.',
        ...nativeOnly({ path: ['topReviews'] }),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'reviews' },
      },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|stack/i);
  });
});
