import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as products from '@zhongtai/products';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type InProcessSupergraph, seedCatalog, startInProcess } from '../src/in-process.ts';

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
    await seedCatalog(supergraph, { users: 3, products: 5, seed: 5 });
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

  /** Opens the sandbox with an empty query editor, recording every URL the page asks for. */
  async function openEmpty(): Promise<{ page: Page; requested: string[]; origin: string }> {
    const origin = new URL(supergraph.routerUrl).origin;
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.goto(`${origin}/`);
    await replaceQuery(page, '');
    return { page, requested, origin };
  }

  async function replaceQuery(page: Page, typed: string) {
    const editor = page.locator('.graphiql-query-editor .CodeMirror').first();
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    if (typed) await page.keyboard.type(typed);
  }

  const queryText = (page: Page) =>
    page
      .locator('.graphiql-query-editor .CodeMirror')
      .first()
      .evaluate((element) => {
        return (element as unknown as { CodeMirror: { getValue(): string } }).CodeMirror.getValue();
      });

  async function run(page: Page): Promise<string> {
    const result = page.locator('.result-window');
    const before = (await result.textContent()) ?? '';
    await page.locator('.graphiql-execute-button').click();
    await expect
      .poll(
        async () => ((await result.textContent()) ?? '') !== before && ((await result.textContent()) ?? ''),
        {
          timeout: 30_000,
        },
      )
      .toBeTruthy();
    return (await result.textContent()) ?? '';
  }

  const shot = (page: Page, name: string) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    return page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  };

  test('builds the sample query by clicks, runs it, and the Plan panel shows its fetches with durations', async () => {
    const { page, requested, origin } = await openEmpty();
    await page.getByRole('button', { name: 'Show GraphiQL Explorer' }).click();
    const explorer = page.locator('.graphiql-explorer-root');
    // Each ticked field's subfields render inside an element classed after it, so a path of classes
    // finds a field under its parents (the explorer's own markup).
    const tick = (path: string, name: string) =>
      explorer.locator(`${path} [data-field-name="${name}"]`.trim()).first().click();
    await tick('', 'products');
    const first = explorer.locator('.graphiql-explorer-products [data-arg-name="first"]').first();
    await first.locator('> span').first().click();
    await first.locator('input').first().fill('2');
    await tick('.graphiql-explorer-products', 'edges');
    await tick('.graphiql-explorer-products .graphiql-explorer-edges', 'node');
    await tick('.graphiql-explorer-products .graphiql-explorer-edges', 'title');
    await tick('.graphiql-explorer-products .graphiql-explorer-edges', 'seller');
    await tick('.graphiql-explorer-products .graphiql-explorer-seller', 'displayName');
    await shot(page, 'sandbox-explorer');

    const built = (await queryText(page)).replace(/\s+/g, ' ');
    expect(built).toMatch(/products\(first: 2\) \{ edges \{ node \{ title seller \{ displayName \} \} \} \}/);
    const text = await run(page);
    expect(titles.some((title) => text.includes(title))).toBe(true);
    expect(text).not.toContain('queryPlan');

    await page.getByRole('button', { name: 'Show Plan' }).click();
    const fetches = page.locator('.zt-fetch');
    await expect.poll(() => fetches.count()).toBeGreaterThanOrEqual(2);
    const labels = await fetches.locator('.zt-fetch-label').allTextContents();
    expect(labels.map((label) => label.split(' · ')[0]).sort()).toEqual(['products', 'users']);
    for (const label of labels) expect(label).toMatch(/ · \d+\.\d ms/);
    // The users fetch waits for the products answer: a second wave.
    expect(await fetches.evaluateAll((items) => items.map((item) => item.getAttribute('data-wave')))).toEqual(
      ['1', '2'],
    );
    await expect
      .poll(() => page.locator('.zt-plan-tree').textContent())
      .toContain('Fetch from users (entities)');
    await shot(page, 'sandbox-plan');
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
    await page.close();
  });

  test('signs in as the demo user through its panel and runs me, then opens a registered web operation', async () => {
    const { page, requested, origin } = await openEmpty();
    await page.getByRole('button', { name: 'Show Sign in' }).click();
    await page.locator('.zt-sign-in button[type="submit"]').click();
    await expect
      .poll(() => page.locator('.zt-sign-in [role="status"]').textContent())
      .toMatch(/^Signed in as /);
    await replaceQuery(page, '{ me { email ');
    const text = await run(page);
    expect(text).toContain('demo@zhongtai.dev');
    expect(text).not.toContain('"errors"');
    await shot(page, 'sandbox-signed-in');

    await page.getByRole('button', { name: 'Show Client' }).click();
    await page.locator('.zt-client select').selectOption('web');
    await page.getByRole('button', { name: 'ProductPage', exact: true }).click();
    expect(await queryText(page)).toMatch(/^query ProductPage\(/);
    await shot(page, 'sandbox-client');
    expect(requested.filter((url) => !url.startsWith(origin))).toEqual([]);
    await page.close();
  });
});
