import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startStack } from './support.ts';

describe('the sandbox', () => {
  test('the page at / loads only assets the router serves itself', async () => {
    const stack = await startStack();
    try {
      const response = await fetch(`${stack.url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      const html = await response.text();
      const references = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
      expect(references.sort()).toEqual([
        '/sandbox/explorer.css',
        '/sandbox/explorer.js',
        '/sandbox/graphiql.css',
        '/sandbox/graphiql.js',
        '/sandbox/panels.js',
        '/sandbox/react-dom.js',
        '/sandbox/react.js',
      ]);
      expect(html).not.toMatch(/https?:\/\//);
      for (const reference of references) {
        const asset = await fetch(new URL(reference, stack.url));
        expect(asset.status, reference).toBe(200);
        expect(asset.headers.get('content-type')).toMatch(
          reference.endsWith('.css') ? /text\/css/ : /javascript/,
        );
        expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(500);
      }
    } finally {
      await stack.stop();
    }
  });

  test("lists each client's registered operations for the Client panel", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zhongtai-operations-'));
    const body = 'query Me { me { name } }';
    const id = createHash('sha256').update(body).digest('hex');
    await mkdir(join(dir, 'web'));
    await writeFile(
      join(dir, 'web', 'persisted-query-manifest.json'),
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id, name: 'Me', type: 'query', body }],
      }),
    );
    const stack = await startStack({ PERSISTED_QUERIES_DIR: dir });
    try {
      const response = await fetch(`${stack.url}/sandbox/operations.json`);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual({ web: [{ id, name: 'Me', body }] });
    } finally {
      await stack.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a browser asking /graphql for HTML gets the sandbox, while GraphQL clients get GraphQL', async () => {
    const stack = await startStack();
    try {
      const page = await fetch(`${stack.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Zhongtai sandbox</title>');
      const { body } = await stack.graphql({ query: '{ user(id: "u1") { name } }' });
      expect(body.data).toEqual({ user: { name: 'User u1' } });
    } finally {
      await stack.stop();
    }
  });

  test('a production router has no sandbox unless SANDBOX=true', async () => {
    const production = await startStack({ NODE_ENV: 'production' });
    try {
      expect((await fetch(`${production.url}/`)).status).toBe(404);
      expect((await fetch(`${production.url}/sandbox/graphiql.js`)).status).toBe(404);
      expect((await fetch(`${production.url}/sandbox/operations.json`)).status).toBe(404);
    } finally {
      await production.stop();
    }
    const opted = await startStack({ NODE_ENV: 'production', SANDBOX: 'true' });
    try {
      expect((await fetch(`${opted.url}/`)).status).toBe(200);
    } finally {
      await opted.stop();
    }
  });
});
