import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as products from '@zhongtai/products';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import * as users from '@zhongtai/users';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type InProcessSupergraph, startInProcess } from '../src/in-process.ts';

// Debian's chromium (apt-get install chromium); Playwright's own browser download does not work here.
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', 'test-results');

describe('the sandbox in a browser', () => {
  let database: TestDatabase;
  let supergraph: InProcessSupergraph;
  let browser: Browser;
  let titles: string[];

  beforeAll(async () => {
    database = await createTestDatabase('sandbox');
    supergraph = await startInProcess(database);
    const { userIds } = await users.seedUsers(supergraph.centers.users.database.db, { count: 3, seed: 5 });
    await products.seedProducts(supergraph.centers.products.database.db, {
      sellerIds: userIds,
      products: 5,
      seed: 5,
    });
    const listed = await supergraph.centers.products.database.db
      .select({ title: products.schema.products.title })
      .from(products.schema.products);
    titles = listed.map((row) => row.title);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await supergraph?.stop();
    await database?.drop();
  });

  test('opens at /, runs a typed query against the supergraph and shows the result, loading nothing from elsewhere', async () => {
    const origin = new URL(supergraph.routerUrl).origin;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${origin}/`);
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.waitFor({ timeout: 30_000 });

    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    // The editor closes brackets as it goes; typing the opening ones only keeps the text as meant.
    await page.keyboard.type('{ products(first: 2) { edges { node { title seller { displayName ');
    await page.locator('.graphiql-execute-button').click();

    const result = page.locator('.result-window');
    await expect
      .poll(async () => (await result.textContent()) ?? '', { timeout: 30_000 })
      .toContain('"products"');
    const text = (await result.textContent()) ?? '';
    expect(titles.some((title) => text.includes(title))).toBe(true);
    expect(text).toContain('displayName');
    expect(text).not.toContain('"errors"');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'sandbox.png'), fullPage: true });
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
    await page.close();
  });
});
