import { DEV_GATEWAY_SECRET, DEV_JWT_SECRET } from '@zhongtai/subgraph-kit';
import { describe, expect, test } from 'vitest';
import { loadRouterConfig } from '../src/config.ts';

describe('router configuration', () => {
  test('defaults to a development router on 127.0.0.1:4000 serving the committed supergraph', () => {
    const config = loadRouterConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      HOST: '127.0.0.1',
      JWT_SECRET: DEV_JWT_SECRET,
      GATEWAY_SECRET: DEV_GATEWAY_SECRET,
      BODY_LIMIT_BYTES: 1024 * 1024,
      SUBGRAPH_URLS: {},
    });
    expect(config.SUPERGRAPH_PATH).toMatch(/\/schema\/supergraph\.graphql$/);
    expect(config.SUPERGRAPH_PATH).not.toContain('router');
  });

  test('SUBGRAPH_URLS maps subgraph names to URLs', () => {
    const config = loadRouterConfig({
      SUBGRAPH_URLS: ' users=http://localhost:5001/graphql, products=http://10.0.0.2:4002/graphql ,',
    });
    expect(config.SUBGRAPH_URLS).toEqual({
      users: 'http://localhost:5001/graphql',
      products: 'http://10.0.0.2:4002/graphql',
    });
  });

  test('a malformed SUBGRAPH_URLS entry stops the router with the entry named', () => {
    expect(() => loadRouterConfig({ SUBGRAPH_URLS: 'users=http://localhost:5001/graphql,products' })).toThrow(
      /SUBGRAPH_URLS: "products" is not of the form/,
    );
  });

  test('production refuses to start with the development secrets', () => {
    expect(() => loadRouterConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET must be set in production[\s\S]*GATEWAY_SECRET must be set in production/,
    );
    const config = loadRouterConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-real-jwt-secret-for-production',
      GATEWAY_SECRET: 'a-real-gateway-secret-for-production',
    });
    expect(config.NODE_ENV).toBe('production');
  });
});
