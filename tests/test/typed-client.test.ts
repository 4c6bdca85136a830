import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import * as products from '@zhongtai/products';
import { REPO_ROOT } from '@zhongtai/scripts/supergraph';
import { createTestDatabase, type TestDatabase } from '@zhongtai/subgraph-kit/testing';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type InProcessSupergraph, seedCatalog, startInProcess } from '../src/in-process.ts';

// The web front-end's generated client and documents (npm run schema:compose), used as a front-end
// would: imported by a TypeScript file that tsc checks, then run.
const GENERATED = join(REPO_ROOT, 'schema/operations/web/__generated__');

function frontEndFile(dir: string, name: string, body: string): string {
  const from = (file: string) => `./${relative(dir, join(GENERATED, file))}`;
  const path = join(dir, name);
  writeFileSync(
    path,
    `import { createClient } from '${from('client.ts')}';
import { ProductPageDocument } from '${from('operations.ts')}';

const send = createClient({ url: process.argv[2] ?? 'http://127.0.0.1:9/graphql' });
${body}
`,
  );
  return path;
}

function tsc(dir: string, file: string) {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: join(REPO_ROOT, 'tsconfig.base.json'), files: [file] }),
  );
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], {
    encoding: 'utf8',
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe("the web front-end's typed client", () => {
  let database: TestDatabase;
  let supergraph: InProcessSupergraph;
  let slug: string;
  let title: string;
  let dir: string;

  beforeAll(async () => {
    // Inside the repository, so the generated files' own imports resolve from its node_modules.
    dir = mkdtempSync(join(REPO_ROOT, 'tests', '.tmp-typed-client-'));
    database = await createTestDatabase('typed');
    supergraph = await startInProcess(database);
    await seedCatalog(supergraph, { users: 2, products: 1, seed: 9 });
    const [product] = await supergraph.centers.products.database.db
      .select({ slug: products.schema.products.slug, title: products.schema.products.title })
      .from(products.schema.products)
      .limit(1);
    slug = product!.slug;
    title = product!.title;
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await supergraph?.stop();
    await database?.drop();
  });

  test('ProductPage with wrong variables fails tsc', () => {
    const file = frontEndFile(
      dir,
      'wrong.ts',
      `await send(ProductPageDocument, { slug: 42, province: '四川省' });
await send(ProductPageDocument);
`,
    );
    const { status, output } = tsc(dir, file);
    expect(status).not.toBe(0);
    // The number where the slug's string goes, and the missing variables.
    expect(output).toMatch(
      /wrong\.ts\(5,\d+\): error TS2322: Type 'number' is not assignable to type 'string'/,
    );
    expect(output).toMatch(/wrong\.ts\(6,\d+\): error TS2554: Expected 2 arguments, but got 1/);
  });

  test('ProductPage with the right variables compiles, and run against the router returns typed data', async () => {
    const file = frontEndFile(
      dir,
      'right.ts',
      `const result = await send(ProductPageDocument, { slug: process.argv[3]!, province: '四川省' });
const product = result.data?.product;
const title: string | undefined = product?.title;
const skuCodes: string[] = product?.skus.map((sku) => sku.code) ?? [];
// @ts-expect-error the result only has the fields the operation selects
product?.secretField;
console.log(JSON.stringify({ title, skuCodes, errors: result.errors ?? [] }));
`,
    );
    const checked = tsc(dir, file);
    expect(checked.output).toBe('');
    expect(checked.status).toBe(0);

    // Not spawnSync: the router answering it runs in this process.
    const run = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', file, supergraph.routerUrl, slug],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    const printed = JSON.parse(run.stdout) as { title: string; skuCodes: string[]; errors: unknown[] };
    expect(printed.errors).toEqual([]);
    expect(printed.title).toBe(title);
    expect(printed.skuCodes.length).toBeGreaterThan(0);
  });
});
