import { DEV_JWT_SECRET, generateServiceKey, serviceKeyText } from '@zhongtai/subgraph-kit';
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

  test('production refuses to start with the development secret, without a key, or with a development key', () => {
    expect(() => loadRouterConfig({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET must be set in production[\s\S]*SERVICE_KEY must be set in production/,
    );
    const production = { NODE_ENV: 'production', JWT_SECRET: 'a-real-jwt-secret-for-production' };
    expect(() =>
      loadRouterConfig({ ...production, SERVICE_KEY: serviceKeyText(generateServiceKey(true)) }),
    ).toThrow(/SERVICE_KEY is a development key/);
    expect(() => loadRouterConfig({ ...production, SERVICE_KEY: 'not-a-key' })).toThrow(/SERVICE_KEY/);
    const key = generateServiceKey();
    const config = loadRouterConfig({ ...production, SERVICE_KEY: serviceKeyText(key) });
    expect(config.SERVICE_KEY?.keyId).toBe(key.keyId);
  });
});
