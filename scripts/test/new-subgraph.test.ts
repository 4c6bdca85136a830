import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lintSchema } from '../src/lib/check/lint.ts';
import { apiSchemaOf } from '../src/lib/operations.ts';
import { scaffoldSubgraph } from '../src/lib/scaffold.ts';
import { composeSupergraph, loadSupergraphConfig, REPO_ROOT } from '../src/lib/supergraph.ts';

const NEW = join(REPO_ROOT, 'scripts/src/new-subgraph.ts');
const REMOVE = join(REPO_ROOT, 'scripts/src/remove-subgraph.ts');

/**
 * A temporary copy of what the scaffold, composition, lint and removal read: the supergraph config
 * and composed supergraph, every listed subgraph's SDL, the lockfile, the shared TypeScript, vitest
 * and biome settings. node_modules is a folder of links to ours, with a @zhongtai scope of its own,
 * so linking or unlinking a package there never touches our install.
 */
function copyOfRepository(): string {
  const root = mkdtempSync(join(tmpdir(), 'zhongtai-scaffold-'));
  const files = [
    'package.json',
    'package-lock.json',
    'biome.json',
    'tsconfig.base.json',
    'vitest.shared.ts',
    'schema/supergraph.yaml',
    'schema/supergraph.graphql',
    ...loadSupergraphConfig().map((s) => relative(REPO_ROOT, s.schemaPath)),
  ];
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(root, file));
  }
  const modules = join(REPO_ROOT, 'node_modules');
  for (const entry of readdirSync(modules)) {
    if (entry === '@zhongtai') continue;
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    symlinkSync(join(modules, entry), join(root, 'node_modules', entry));
  }
  mkdirSync(join(root, 'node_modules/@zhongtai'));
  for (const entry of readdirSync(join(modules, '@zhongtai'))) {
    symlinkSync(join(modules, '@zhongtai', entry), join(root, 'node_modules/@zhongtai', entry));
  }
  return root;
}

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
const tool = (bin: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', bin), ...args], {
    cwd,
    encoding: 'utf8',
    env,
  });

const pascal = (name: string) =>
  name
    .split('-')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

const realConfig = readFileSync(join(REPO_ROOT, 'schema/supergraph.yaml'), 'utf8');

// A one-letter name and a long one: the templates' line breaks and import order depend on its length.
describe.each(['a', 'a-very-long-business-line-name'])('npm run new:subgraph -- %s', (name) => {
  const Type = `${pascal(name)}Item`;
  const field = `${Type[0]!.toLowerCase()}${Type.slice(1)}`;
  const table = `${name.replaceAll('-', '_')}_items`;
  let root: string;
  let dir: string;
  let before: Record<string, string>;
  let scaffold: ReturnType<typeof run>;
  const snapshot = () =>
    Object.fromEntries(
      ['schema/supergraph.yaml', 'schema/supergraph.graphql', 'package-lock.json'].map((file) => [
        file,
        readFileSync(join(root, file), 'utf8'),
      ]),
    );

  beforeAll(() => {
    root = copyOfRepository();
    dir = join(root, 'subgraphs', name);
    before = snapshot();
    scaffold = run(NEW, [name, '--root', root]);
  }, 180_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  test('creates the package, with generated resolver types and migration, on the next free port', () => {
    expect(scaffold.stderr).toBe('');
    expect(scaffold.status).toBe(0);
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
      `test/${name}.test.ts`,
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const migration = readFileSync(join(dir, 'drizzle/0000_init.sql'), 'utf8');
    expect(migration).toContain(`CREATE SCHEMA "${name}"`);
    expect(migration).toContain(`CREATE TABLE "${name}"."${table}"`);
    expect(migration).toContain('"created_at" timestamp with time zone');
    expect(readFileSync(join(dir, 'src/__generated__/resolvers.ts'), 'utf8')).toContain(`${Type}Resolvers`);

    const subgraphs = loadSupergraphConfig(join(root, 'schema/supergraph.yaml'));
    const added = subgraphs.find((s) => s.name === name);
    const highest = Math.max(...subgraphs.filter((s) => s.name !== name).map((s) => s.port));
    expect(added?.port).toBe(highest + 1);
    expect(readFileSync(join(dir, 'src/config.ts'), 'utf8')).toContain(`.default(${highest + 1})`);
    // npm start launches `<packageDir>/src/index.ts` of every entry: the entry points at the new package.
    expect(added?.packageDir).toBe(dir);
    // The config's comments survive.
    expect(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8')).toContain('# The supergraph');
  });

  test('passes the repository lint and format check (biome, as npm run lint)', () => {
    const biome = tool('@biomejs/biome/bin/biome', ['check', relative(root, dir)], root);
    expect(biome.status, biome.stdout + biome.stderr).toBe(0);
  });

  test('the supergraph composes with it, passes the schema lint, and its SDL builds as a subgraph schema', () => {
    const result = composeSupergraph(loadSupergraphConfig(join(root, 'schema/supergraph.yaml')));
    expect(result.ok, JSON.stringify(!result.ok && result.problems)).toBe(true);
    if (!result.ok) return;
    expect(result.supergraphSdl).toContain(`type ${Type}`);
    expect(result.supergraphSdl).toContain(`${field}(id: ID!): ${Type}`);
    const errors = lintSchema(apiSchemaOf(result.supergraphSdl)).filter((f) => f.severity === 'error');
    expect(errors).toEqual([]);

    const sdl = readFileSync(join(dir, 'src/schema.graphql'), 'utf8');
    const schema = buildSubgraphSchema([{ typeDefs: parse(sdl) }]);
    expect(schema.getQueryType()?.getFields()[field]).toBeDefined();
  });

  test('the generated package type-checks and its own test passes', () => {
    const tsc = tool('typescript/bin/tsc', ['--noEmit', '-p', '.'], dir);
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const vitest = tool('vitest/vitest.mjs', ['run'], dir, { ...process.env, DATABASE_URL: '' });
    expect(vitest.status, vitest.stdout + vitest.stderr).toBe(0);
    expect(vitest.stdout).toMatch(/1 passed/);
  }, 600_000);

  test('refuses names that are not lowercase kebab-case, reserved or taken, changing nothing', () => {
    const config = readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8');
    const cases: [string, RegExp][] = [
      ['Demo2', /not a subgraph name.*kebab-case/s],
      ['demo_two', /not a subgraph name/],
      ['2demo', /not a subgraph name/],
      ['demo--two', /not a subgraph name/],
      ['kit', /reserved/],
      ['users', /already in schema\/supergraph.yaml/],
      [name, /already in schema\/supergraph.yaml/],
    ];
    for (const [refused, message] of cases) {
      expect(() => scaffoldSubgraph(root, refused), refused).toThrow(message);
    }
    // The command says so on stderr with exit code 1.
    const taken = run(NEW, [name, '--root', root]);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toMatch(/already in schema\/supergraph.yaml/);
    expect(run(NEW, ['--root', root]).stderr).toMatch(/Usage: npm run new:subgraph/);
    expect(readFileSync(join(root, 'schema/supergraph.yaml'), 'utf8')).toBe(config);
    expect(existsSync(join(root, 'subgraphs/demo2'))).toBe(false);
  }, 120_000);

  test('remove:subgraph undoes the scaffold and what install, compose and start added, and the name is free again', () => {
    // What `npm install`, `npm run schema:compose` and `npm start` leave behind for a new subgraph.
    symlinkSync(`../../subgraphs/${name}`, join(root, 'node_modules/@zhongtai', name));
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
    lock.packages[`subgraphs/${name}`] = { name: `@zhongtai/${name}`, version: '0.1.0' };
    lock.packages[`node_modules/@zhongtai/${name}`] = { resolved: `subgraphs/${name}`, link: true };
    writeFileSync(join(root, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
    const composed = composeSupergraph(loadSupergraphConfig(join(root, 'schema/supergraph.yaml')));
    if (!composed.ok) throw new Error('the scaffold does not compose');
    writeFileSync(join(root, 'schema/supergraph.graphql'), composed.supergraphSdl);
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist/index.mjs'), '');
    mkdirSync(join(root, '.data', name), { recursive: true });
    writeFileSync(join(root, '.data', name, 'PG_VERSION'), '17');
    writeFileSync(join(root, '.data', `${name}.lock`), '1');
    expect(snapshot()).not.toEqual(before);

    const removed = run(REMOVE, [name, '--root', root]);
    expect(removed.stderr).toBe('');
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain(`Removed the ${name} subgraph`);
    expect(snapshot()).toEqual(before);
    for (const leftover of [dir, join(root, '.data', name), join(root, '.data', `${name}.lock`)]) {
      expect(existsSync(leftover), leftover).toBe(false);
    }
    expect(readdirSync(join(root, 'node_modules/@zhongtai'))).not.toContain(name);

    const again = run(NEW, [name, '--root', root]);
    expect(again.status, again.stderr).toBe(0);
    expect(run(REMOVE, [name, '--root', root]).status).toBe(0);
    expect(snapshot()).toEqual(before);
  }, 180_000);

  test('remove:subgraph refuses an unknown name and a center other packages depend on, changing nothing', () => {
    const state = snapshot();
    const unknown = run(REMOVE, ['nothing-here', '--root', root]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/There is no subgraph "nothing-here"/);
    const center = run(REMOVE, ['users', '--root', root]);
    expect(center.status).toBe(1);
    expect(center.stderr).toMatch(/@zhongtai\/users is a dependency of .*@zhongtai\/scripts/);
    expect(existsSync(join(root, 'subgraphs/users/src/schema.graphql'))).toBe(true);
    expect(snapshot()).toEqual(state);
  }, 120_000);
});

test('the real repository is untouched', () => {
  expect(existsSync(join(REPO_ROOT, 'subgraphs/a'))).toBe(false);
  expect(readFileSync(join(REPO_ROOT, 'schema/supergraph.yaml'), 'utf8')).toBe(realConfig);
});
