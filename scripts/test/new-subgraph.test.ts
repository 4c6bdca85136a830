import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { composeSupergraph, loadSupergraphConfig, REPO_ROOT } from '../src/lib/supergraph.ts';

const SCRIPT = join(REPO_ROOT, 'scripts/src/new-subgraph.ts');

/**
 * A temporary copy of what the scaffold and composition read: the supergraph config, every listed
 * subgraph's SDL, the shared TypeScript and vitest settings, and the installed packages (linked).
 */
function copyOfRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'zhongtai-scaffold-'));
  const files = [
    'package.json',
    'tsconfig.base.json',
    'vitest.shared.ts',
    'schema/supergraph.yaml',
    ...loadSupergraphConfig().map((s) => relative(REPO_ROOT, s.schemaPath)),
  ];
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(root, file));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return root;
}

const run = (args: string[], cwd = REPO_ROOT) =>
  spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { cwd, encoding: 'utf8' });

describe('npm run new:subgraph', () => {
  let root: string;
  let scaffold: ReturnType<typeof run>;
  const realConfig = readFileSync(join(REPO_ROOT, 'schema/supergraph.yaml'), 'utf8');

  beforeAll(() => {
    root = copyOfRepository();
    scaffold = run(['demo', '--root', root]);
  }, 120_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('creates the package, with generated resolver types and migration, on the next free port', () => {
    expect(scaffold.stderr).toBe('');
    expect(scaffold.status).toBe(0);
    const dir = join(root, 'subgraphs/demo');
    for (const file of [
      'package.json',
      'codegen.ts',
      'drizzle.config.ts',
      'src/schema.graphql',
      'src/server.ts',
      'src/index.ts',
      'src/config.ts',
      'src/context.ts',
      'src/loaders.ts',
      'src/db/schema.ts',
      'src/repositories/items.ts',
      'src/resolvers/index.ts',
      'src/__generated__/resolvers.ts',
      'drizzle/meta/_journal.json',
      'test/demo.test.ts',
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const migration = readFileSync(join(dir, 'drizzle/0000_init.sql'), 'utf8');
    expect(migration).toContain('CREATE SCHEMA "demo"');
    expect(migration).toContain('CREATE TABLE "demo"."demo_items"');
    expect(migration).toContain('"created_at" timestamp with time zone');
    expect(readFileSync(join(dir, 'src/__generated__/resolvers.ts'), 'utf8')).toContain('DemoItemResolvers');

    const subgraphs = loadSupergraphConfig(join(root, 'schema/supergraph.yaml'));
    const demo = subgraphs.find((s) => s.name === 'demo');
    const highest = Math.max(...subgraphs.filter((s) => s.name !== 'demo').map((s) => s.port));
    expect(demo?.port).toBe(highest + 1);
    expect(readFileSync(join(dir, 'src/config.ts'), 'utf8')).toContain(`.default(${highest + 1})`);
    // npm start launches `<packageDir>/src/index.ts` of every entry: the entry points at the new package.
    expect(demo?.packageDir).toBe(dir);
    // The config's comments survive.
    expect(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8')).toContain('# The supergraph');
  });

  test('the supergraph composes with it, and its SDL builds as a subgraph schema', () => {
    const result = composeSupergraph(loadSupergraphConfig(join(root, 'schema/supergraph.yaml')));
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (!result.ok) return;
    expect(result.supergraphSdl).toMatch(/DEMO @join__graph\(name: "demo"/);
    expect(result.supergraphSdl).toContain('type DemoItem');
    expect(result.supergraphSdl).toContain('demoItem(id: ID!): DemoItem');

    const sdl = readFileSync(join(root, 'subgraphs/demo/src/schema.graphql'), 'utf8');
    const schema = buildSubgraphSchema([{ typeDefs: parse(sdl) }]);
    expect(schema.getQueryType()?.getFields().demoItem).toBeDefined();
  });

  test('the generated package type-checks and its own test passes', () => {
    const dir = join(root, 'subgraphs/demo');
    const tsc = spawnSync(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.'],
      {
        cwd: dir,
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const vitest = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
    });
    expect(vitest.status, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/1 passed/);
  }, 120_000);

  test('refuses names that are not lowercase kebab-case, reserved or taken, changing nothing', () => {
    const before = readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8');
    const cases: [string, RegExp][] = [
      ['Demo2', /not a subgraph name.*kebab-case/s],
      ['demo_two', /not a subgraph name/],
      ['2demo', /not a subgraph name/],
      ['demo--two', /not a subgraph name/],
      ['kit', /reserved/],
      ['users', /already in schema\/supergraph.yaml/],
      ['demo', /already in schema\/supergraph.yaml/],
    ];
    for (const [name, message] of cases) {
      const result = run([name, '--root', root]);
      expect(result.status, name).toBe(1);
      expect(result.stderr, name).toMatch(message);
    }
    expect(run(['--root', root]).stderr).toMatch(/Usage: npm run new:subgraph/);
    expect(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(root, 'subgraphs/demo2'))).toBe(false);
  });

  test('the real repository is untouched', () => {
    expect(existsSync(join(REPO_ROOT, 'subgraphs/demo'))).toBe(false);
    expect(readFileSync(join(REPO_ROOT, 'schema/supergraph.yaml'), 'utf8')).toBe(realConfig);
  });
});
