import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSchema } from 'graphql';
import { afterAll, describe, expect, test } from 'vitest';
import { readWorkTree, type SchemaInputs } from '../src/lib/check/inputs.ts';
import { DEFAULT_LINT_CONFIG, lintSchema } from '../src/lib/check/lint.ts';
import { formatMarkdown, formatText } from '../src/lib/check/report.ts';
import { type CheckReport, runSchemaCheck } from '../src/lib/check/run.ts';
import type { Finding, StepName } from '../src/lib/check/types.ts';
import { writeManifests } from '../src/lib/manifests.ts';
import { apiSchemaOf } from '../src/lib/operations.ts';
import { composeSdls, REPO_ROOT } from '../src/lib/supergraph.ts';
import { writeTypedDocuments } from '../src/lib/typed-documents.ts';

const PRODUCTS = 'subgraphs/products/src/schema.graphql';
const USERS = 'subgraphs/users/src/schema.graphql';
const SUPERGRAPH = 'schema/supergraph.graphql';

const temporary: string[] = [];
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** A temporary copy of the repository's schema inputs, in the same layout: schema/ and each subgraph's SDL. */
function copyOfRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'schema-check-'));
  temporary.push(root);
  cpSync(join(REPO_ROOT, 'schema'), join(root, 'schema'), { recursive: true });
  for (const subgraph of readdirSync(join(REPO_ROOT, 'subgraphs'))) {
    const sdl = `subgraphs/${subgraph}/src/schema.graphql`;
    if (!existsSync(join(REPO_ROOT, sdl))) continue;
    mkdirSync(dirname(join(root, sdl)), { recursive: true });
    cpSync(join(REPO_ROOT, sdl), join(root, sdl));
  }
  return root;
}

/** The 1-based line of the first line in the repository's file that starts with `start`. */
function lineOf(path: string, start: string): number {
  const index = readFileSync(join(REPO_ROOT, path), 'utf8')
    .split('\n')
    .findIndex((line) => line.startsWith(start));
  if (index < 0) throw new Error(`no line of ${path} starts with ${start}`);
  return index + 1;
}

function edit(root: string, path: string, change: (text: string) => string): void {
  const before = readFileSync(join(root, path), 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit changed nothing in ${path}`);
  writeFileSync(join(root, path), after);
}

/** What `npm run schema:compose` does, in the copy. */
function recompose(root: string): void {
  const composed = composeSdls(readWorkTree(root).subgraphs);
  if (!composed.ok) throw new Error(composed.problems.map((problem) => problem.message).join('\n'));
  writeFileSync(join(root, SUPERGRAPH), composed.supergraphSdl);
}

/** A copy of the repository, changed by `change`, checked against the copy as it was before. */
async function checkChanged(
  change: (root: string) => void,
  options: { recompose?: boolean; lint?: typeof DEFAULT_LINT_CONFIG } = {},
): Promise<CheckReport> {
  const root = copyOfRepository();
  const base: SchemaInputs = readWorkTree(root);
  change(root);
  if (options.recompose ?? true) recompose(root);
  return runSchemaCheck({
    root,
    base: { label: 'main', inputs: base },
    ...(options.lint ? { lint: options.lint } : {}),
  });
}

const step = (report: CheckReport, name: StepName) => report.steps.find((s) => s.step === name)!;
const errors = (report: CheckReport): Finding[] =>
  report.steps.flatMap((s) => s.findings).filter((finding) => finding.severity === 'error');

function removeField(sdl: string, type: string, field: string): string {
  const start = sdl.indexOf(`type ${type} `);
  const line = sdl.indexOf(`\n  ${field}:`, start);
  const description = sdl.lastIndexOf('\n', line - 1);
  return sdl.slice(0, description) + sdl.slice(sdl.indexOf('\n', line + 1));
}

/** Runs the CLI as a developer would; npm's own lines are kept out with --silent. */
function schemaCheck(args: string[]) {
  return spawnSync('npm', ['run', '--silent', 'schema:check', '--', ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 110_000,
  });
}

describe('npm run schema:check on the repository', () => {
  test('finds no errors in any step of the repository as it is', async () => {
    const report = await runSchemaCheck({ root: REPO_ROOT, base: { ref: 'HEAD' } });
    expect(errors(report)).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => [s.step, s.status === 'failed'])).toEqual([
      ['composition', false],
      ['drift', false],
      ['changes', false],
      ['operations', false],
      ['lint', false],
    ]);
    expect(step(report, 'operations').summary).toMatch(/^\d+ operations of 3 clients \(fresh, mobile, web\)/);
  });

  test('exits 0 and prints each step when run with npm against HEAD', () => {
    const run = schemaCheck(['--base', 'HEAD']);
    expect(run.stderr).not.toMatch(/could not run/);
    expect(run.status).toBe(0);
    for (const title of ['Composition', 'Drift', 'Breaking changes', 'Operations', 'Lint']) {
      expect(run.stdout).toMatch(new RegExp(`^[✓⚠] ${title}: `, 'm'));
    }
    expect(run.stdout).toMatch(/^✓ Passed: 0 errors/m);
  }, 120_000);
});

describe('a breaking change', () => {
  test('removing Product.title fails the check, naming each web operation that queries it', async () => {
    const report = await checkChanged((root) =>
      edit(root, PRODUCTS, (sdl) => removeField(sdl, 'Product', 'title')),
    );
    expect(report.ok).toBe(false);
    expect(step(report, 'composition').status).toBe('passed');
    expect(step(report, 'drift').status).toBe('passed');

    const removal = step(report, 'changes').findings.find(
      (finding) => finding.coordinate === 'Product.title',
    );
    expect(removal).toMatchObject({ level: 'breaking', code: 'FIELD_REMOVED' });
    expect(removal?.usedBy).toEqual(
      expect.arrayContaining([
        'web/ProductPage',
        'web/ProductList',
        'web/Cart',
        'mobile/ProductCard',
        'fresh/FreshProductPage',
      ]),
    );

    const operations = step(report, 'operations');
    expect(operations.status).toBe('failed');
    expect(operations.findings.map((finding) => finding.message)).toContain(
      'web/ProductPage: Cannot query field "title" on type "Product".',
    );
    expect(operations.findings.find((finding) => finding.operation === 'ProductPage')).toMatchObject({
      client: 'web',
      locations: ['schema/operations/web/ProductPage.graphql:7:5'],
    });
    const text = formatText(report);
    expect(text).toContain('✗ Operations: 7 of 19 operations of 3 clients (fresh, mobile, web) break');
    expect(text).toContain('web/ProductPage: Cannot query field "title" on type "Product".');
    expect(text).toMatch(/^✗ Failed: 7 errors/m);
    expect(formatMarkdown(report)).toContain('## Schema check ❌ failed');
  });

  test('removing a field no operation uses is reported as breaking, and the check passes', async () => {
    const report = await checkChanged((root) =>
      edit(root, USERS, (sdl) => removeField(sdl, 'User', 'createdAt')),
    );
    expect(errors(report)).toEqual([]);
    expect(report.ok).toBe(true);
    const changes = step(report, 'changes');
    expect(changes.status).toBe('warned');
    expect(changes.summary).toContain('1 breaking (0 used by registered operations)');
    expect(changes.findings).toContainEqual(
      expect.objectContaining({
        coordinate: 'User.createdAt',
        level: 'breaking',
        severity: 'warning',
        usedBy: [],
      }),
    );
    expect(formatText(report)).toContain('no registered operation uses it');
  });

  test('a change that operations still validate against fails the operations that use it', async () => {
    // Product.description becoming nullable breaks clients that count on a string, though they still validate.
    const report = await checkChanged((root) =>
      edit(root, PRODUCTS, (sdl) => sdl.replace('description: String!', 'description: String')),
    );
    expect(report.ok).toBe(false);
    expect(step(report, 'operations').findings).toEqual([
      expect.objectContaining({
        code: 'BREAKING_CHANGE_USED',
        client: 'fresh',
        operation: 'FreshProductPage',
        coordinate: 'Product.description',
        message: expect.stringMatching(/^fresh\/FreshProductPage uses Product\.description: /),
      }),
      expect.objectContaining({
        code: 'BREAKING_CHANGE_USED',
        client: 'web',
        operation: 'ProductPage',
        coordinate: 'Product.description',
        message: expect.stringMatching(/^web\/ProductPage uses Product\.description: /),
      }),
    ]);
  });
});

describe('composition and drift', () => {
  test('a @key on a field that does not exist fails composition, naming the subgraph and location', async () => {
    const report = await checkChanged(
      (root) =>
        edit(root, PRODUCTS, (sdl) =>
          sdl.replace('type Product @key(fields: "id")', 'type Product @key(fields: "nope")'),
        ),
      { recompose: false },
    );
    expect(report.ok).toBe(false);
    const composition = step(report, 'composition');
    expect(composition.status).toBe('failed');
    const problem = composition.findings.find((finding) => finding.message.includes('"nope"'));
    expect(problem).toMatchObject({ severity: 'error', subgraph: 'products' });
    expect(problem?.message).toMatch(/^\[products\]/);
    expect(
      problem?.locations?.some((location) =>
        location.startsWith(`${PRODUCTS}:${lineOf(PRODUCTS, 'type Product @key')}:`),
      ),
    ).toBe(true);
    // Nothing downstream can be judged without a supergraph, and nothing is reported twice.
    expect(
      ['drift', 'changes', 'operations', 'lint'].map((name) => step(report, name as StepName).status),
    ).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
  });

  test('a hand-edited supergraph.graphql fails, telling to run npm run schema:compose', async () => {
    const report = await checkChanged(
      (root) => edit(root, SUPERGRAPH, (sdl) => sdl.replace('Plain-text description.', 'Hand-edited.')),
      { recompose: false },
    );
    expect(report.ok).toBe(false);
    expect(errors(report)).toEqual([
      expect.objectContaining({
        step: 'drift',
        code: 'SUPERGRAPH_STALE',
        message: expect.stringContaining('run `npm run schema:compose`'),
      }),
    ]);
    expect(step(report, 'changes').summary).toBe('against main: no changes');
  });

  test("an operation edited without recomposing leaves its client's trusted and typed documents stale until schema:compose writes them", async () => {
    let root = '';
    const editOperation = (copy: string) => {
      root = copy;
      edit(copy, 'schema/operations/web/ProductPage.graphql', (text) => text.replace('    brand\n', ''));
    };
    const report = await checkChanged(editOperation, { recompose: false });
    expect(errors(report)).toEqual([
      expect.objectContaining({
        step: 'drift',
        code: 'MANIFEST_STALE',
        message: expect.stringContaining('schema/operations/web/persisted-query-manifest.json'),
      }),
      // ProductPage's result type, and its document with the new persisted-query id.
      expect.objectContaining({
        step: 'drift',
        code: 'TYPED_DOCUMENTS_STALE',
        message: expect.stringContaining('schema/operations/web/__generated__/operations.ts'),
      }),
    ]);

    expect(writeManifests(join(root, 'schema/operations'))).toEqual(['web']);
    const schema = apiSchemaOf(readFileSync(join(root, SUPERGRAPH), 'utf8'));
    expect(await writeTypedDocuments(schema, join(root, 'schema/operations'))).toEqual([
      'web/__generated__/operations.ts',
    ]);
    const typed = readFileSync(join(root, 'schema/operations/web/__generated__/operations.ts'), 'utf8');
    expect(typed).toMatch(
      /export type ProductPageQuery = \{ product: \{ id: string, slug: string, title: string, description: string, inStock/,
    );
    const rewritten = await runSchemaCheck({ root, base: { label: 'main', inputs: readWorkTree(root) } });
    expect(errors(rewritten)).toEqual([]);
    const manifest = JSON.parse(
      readFileSync(join(root, 'schema/operations/web/persisted-query-manifest.json'), 'utf8'),
    );
    const page = manifest.operations.find((operation: { name: string }) => operation.name === 'ProductPage');
    expect(page.body).not.toContain('brand');
    expect(page.id).toBe(createHash('sha256').update(page.body).digest('hex'));
  });
});

describe('the base to compare with', () => {
  test('a base that is not a commit skips the breaking-change report and the rest still runs', async () => {
    const report = await runSchemaCheck({ root: REPO_ROOT, base: { ref: 'no-such-branch-xyz' } });
    expect(step(report, 'changes')).toMatchObject({
      status: 'skipped',
      summary: 'skipped: the base no-such-branch-xyz is not a commit of this repository',
    });
    expect(report.ok).toBe(true);
  });

  test('a base without schema/supergraph.yaml skips the breaking-change report', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'schema-check-empty-'));
    temporary.push(empty);
    const report = await runSchemaCheck({
      root: REPO_ROOT,
      base: { label: 'before-federation', inputs: readWorkTree(empty) },
    });
    expect(step(report, 'changes').summary).toBe(
      'skipped: the base before-federation has no schema/supergraph.yaml',
    );
    expect(report.ok).toBe(true);
  });
});

describe('lint', () => {
  const addProductField = (field: string) => (root: string) =>
    edit(root, PRODUCTS, (sdl) => sdl.replace('  title: String!\n', `  title: String!\n${field}\n`));

  test('a public field without a description fails the check by default, and passes when that rule is a warning', async () => {
    const undocumented = addProductField('  nickname: String');
    const byDefault = await checkChanged(undocumented);
    expect(byDefault.ok).toBe(false);
    expect(step(byDefault, 'lint').status).toBe('failed');
    expect(step(byDefault, 'lint').findings).toContainEqual({
      step: 'lint',
      severity: 'error',
      code: 'fields-have-descriptions',
      message: 'Field Product.nickname has no description',
      coordinate: 'Product.nickname',
      subgraph: 'products',
      locations: [`${PRODUCTS}:${lineOf(PRODUCTS, '  title: String!') + 1}:3`],
    });

    const lenient = await checkChanged(undocumented, {
      lint: { ...DEFAULT_LINT_CONFIG, 'fields-have-descriptions': 'warning' },
    });
    expect(lenient.ok).toBe(true);
    expect(step(lenient, 'lint').findings).toContainEqual(
      expect.objectContaining({
        code: 'fields-have-descriptions',
        coordinate: 'Product.nickname',
        severity: 'warning',
      }),
    );
  });

  // A copy of the repository and a CLI run: on a busy 2-core CI machine, more than the default 30 s.
  test('a snake_case field fails the CLI, whose --json output parses and lists every finding', () => {
    const root = copyOfRepository();
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root });
    git('init', '--quiet');
    git('add', '--all');
    git('commit', '--quiet', '--message', 'base');
    addProductField('  "Whether the seller gift-wraps it."\n  gift_wrap: Boolean')(root);
    recompose(root);
    const markdown = join(root, 'report.md');

    const run = schemaCheck(['--root', root, '--base', 'HEAD', '--json', '--markdown', markdown]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      ok: false,
      exitCode: 1,
      errors: 1,
      base: { label: expect.stringMatching(/^HEAD \(/) },
    });
    expect(report.steps.map((s: { step: string; status: string }) => `${s.step}:${s.status}`)).toEqual([
      'composition:passed',
      'drift:passed',
      'changes:passed',
      'operations:passed',
      'lint:failed',
    ]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        step: 'lint',
        severity: 'error',
        code: 'field-names-camel-case',
        coordinate: 'Product.gift_wrap',
      }),
    );
    expect(report.findings).toContainEqual(
      expect.objectContaining({
        step: 'changes',
        severity: 'info',
        level: 'safe',
        coordinate: 'Product.gift_wrap',
      }),
    );
    expect(report.findings.filter((finding: Finding) => finding.severity === 'warning').length).toBe(
      report.warnings,
    );
    expect(readFileSync(markdown, 'utf8')).toContain(
      '**field-names-camel-case** Field Product.gift_wrap is not camelCase',
    );
  }, 120_000);

  test('connection types must have the Relay shape, and every type must be reachable', () => {
    const schema = buildSchema(`
      "Q" type Query { "p" products: ProductConnection! "o" orders: OrderConnection! }
      "P" type Product { "i" id: ID! }
      "PC" type ProductConnection { "e" edges: [ProductEdge!]! "p" pageInfo: PageInfo! }
      "PE" type ProductEdge { "n" node: Product! }
      "OC" type OrderConnection { "n" nodes: [Product!]! "p" pageInfo: PageInfo }
      "PI" type PageInfo { "h" hasNextPage: Boolean! "e" endCursor: String }
      "L" type Leftover { "x" x: Int }
    `);
    const findings = lintSchema(schema);
    expect(findings.map((finding) => [finding.code, finding.message])).toEqual([
      [
        'relay-connection-shape',
        'Connection type ProductConnection: its edge type ProductEdge has no cursor field',
      ],
      [
        'relay-connection-shape',
        'Connection type OrderConnection: no edges field; pageInfo must be PageInfo!, not PageInfo',
      ],
      ['no-unused-types', 'Type Leftover is not reachable from Query, Mutation or Subscription'],
    ]);
  });

  test('names are checked: PascalCase types, camelCase fields and arguments, UPPER_CASE enum values, Input suffix', () => {
    const schema = buildSchema(`
      type Query { search(Text: String, filter: product_filter): [Status] }
      input product_filter { in_stock: Boolean }
      enum Status { active ON_SALE }
    `);
    const messages = lintSchema(schema)
      .filter((finding) => finding.severity === 'error' && !finding.code.endsWith('-have-descriptions'))
      .map((finding) => finding.message);
    expect(messages).toEqual([
      'Type product_filter is not PascalCase',
      'Argument Query.search(Text:) is not camelCase',
      'Input field product_filter.in_stock is not camelCase',
      'Enum value Status.active is not UPPER_CASE',
      'Input type product_filter does not end in Input',
    ]);
  });
});

describe('partial answers', () => {
  const REVIEWS = 'subgraphs/reviews/src/schema.graphql';
  const nonNullRating = (sdl: string) => sdl.replace('rating: RatingSummary\n', 'rating: RatingSummary!\n');

  test('a non-null field one center adds to another center’s entity fails the check, located in its subgraph', async () => {
    const report = await checkChanged((root) => edit(root, REVIEWS, nonNullRating));
    expect(report.ok).toBe(false);
    expect(step(report, 'lint').findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'partial-answers',
        coordinate: 'Product.rating',
        subgraph: 'reviews',
        // A field's place starts at its description.
        locations: [`${REVIEWS}:${lineOf(REVIEWS, '  rating: RatingSummary') - 1}:3`],
        message: expect.stringMatching(
          /^Product\.rating, which reviews adds to products's Product, must be nullable \(not RatingSummary!\)/,
        ),
      }),
    ]);
  });

  test('a new subgraph pointing at another center’s entity with a non-null field fails', async () => {
    const root = copyOfRepository();
    const wishlists = 'subgraphs/wishlists/src/schema.graphql';
    mkdirSync(join(root, 'subgraphs/wishlists/src'), { recursive: true });
    writeFileSync(
      join(root, wishlists),
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
"A product a user saved for later."
type WishlistItem { "The product." product: Product! "How many." quantity: Int }
"Owned by the Product Center."
type Product @key(fields: "id") { id: ID! "Whether it is on some wishlist." wished: Boolean }
type Query { "A wishlist." wishlist: [WishlistItem!] }
`,
    );
    edit(
      root,
      'schema/supergraph.yaml',
      (yaml) =>
        `${yaml.trimEnd()}\n  wishlists:\n    routing_url: http://127.0.0.1:4099/graphql\n    schema:\n      file: ../${wishlists}\n`,
    );
    const schema = buildSchema('type Query { x: Int }');
    const findings = lintSchema(schema, DEFAULT_LINT_CONFIG, { subgraphs: readWorkTree(root).subgraphs });
    expect(findings.filter((finding) => finding.code === 'partial-answers')).toEqual([
      expect.objectContaining({
        severity: 'error',
        coordinate: 'WishlistItem.product',
        subgraph: 'wishlists',
        message: expect.stringMatching(
          /^WishlistItem\.product points at products's Product and must be nullable/,
        ),
      }),
    ]);
  });

  test('a field written down as an exception may stay non-null', () => {
    const root = copyOfRepository();
    edit(root, REVIEWS, nonNullRating);
    const schema = buildSchema('type Query { x: Int }');
    const { subgraphs } = readWorkTree(root);
    const strict = lintSchema(schema, DEFAULT_LINT_CONFIG, { subgraphs });
    expect(strict.map((finding) => finding.coordinate)).toContain('Product.rating');
    const excepted = lintSchema(schema, DEFAULT_LINT_CONFIG, {
      subgraphs,
      partialAnswerExceptions: { 'Product.rating': 'a product page without its rating must not render' },
    });
    expect(excepted.filter((finding) => finding.code === 'partial-answers')).toEqual([]);
  });

  test('making a cross-center field nullable is dangerous, not breaking, so operations using it still pass', async () => {
    const root = copyOfRepository();
    edit(root, REVIEWS, nonNullRating);
    recompose(root);
    const base = readWorkTree(root);
    edit(root, REVIEWS, (sdl) => sdl.replace('rating: RatingSummary!\n', 'rating: RatingSummary\n'));
    recompose(root);
    const report = await runSchemaCheck({ root, base: { label: 'main', inputs: base } });
    expect(report.ok).toBe(true);
    expect(step(report, 'changes').findings).toEqual([
      expect.objectContaining({
        code: 'FIELD_TYPE_CHANGED',
        level: 'dangerous',
        coordinate: 'Product.rating',
        usedBy: ['fresh/FreshProductPage', 'mobile/ProductCard', 'web/ProductPage'],
        detail: expect.stringMatching(/partial-answers rule/),
      }),
    ]);
  });
});
