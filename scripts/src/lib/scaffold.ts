/**
 * What `npm run new:subgraph -- <name>` writes: a working subgraph package built with the kit, the
 * same shape as every center (SDL first, generated resolver types, a drizzle table and its generated
 * migration, config, a server/index split, a test), registered in schema/supergraph.yaml; and what
 * `npm run remove:subgraph -- <name>` takes away again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { composeSupergraph, formatProblems, parseSupergraphConfig } from './supergraph.ts';

/** Lowercase words joined by single hyphens: `demo`, `flash-sale`. */
export const SUBGRAPH_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 30;

/** Folders and words that are not subgraph names, whether or not they exist yet. */
const RESERVED = new Set([
  'kit',
  'router',
  'scripts',
  'tests',
  'schema',
  'subgraph',
  'subgraphs',
  'graphql',
  'drizzle',
]);

/** Ports a new subgraph never takes: the router's. */
const ROUTER_PORT = 4000;

export class ScaffoldError extends Error {}

/** Refuses names that are not lowercase kebab-case, are reserved, or already taken; returns why. */
export function checkSubgraphName(name: string, root: string): void {
  if (!SUBGRAPH_NAME.test(name) || name.length > MAX_NAME_LENGTH) {
    throw new ScaffoldError(
      `"${name}" is not a subgraph name: use lowercase letters and digits, words joined by single hyphens ` +
        `(kebab-case, such as "demo" or "flash-sale"), starting with a letter, at most ${MAX_NAME_LENGTH} characters.`,
    );
  }
  if (RESERVED.has(name)) throw new ScaffoldError(`"${name}" is reserved; choose another subgraph name.`);
  const registered = parseSupergraphConfig(readFileSync(configPath(root), 'utf8'), configPath(root)).map(
    (s) => s.name,
  );
  if (registered.includes(name)) {
    throw new ScaffoldError(`A subgraph named "${name}" is already in schema/supergraph.yaml.`);
  }
  if (existsSync(join(root, 'subgraphs', name))) {
    throw new ScaffoldError(`subgraphs/${name} already exists; choose another name or remove it first.`);
  }
}

const configPath = (root: string) => join(root, 'schema/supergraph.yaml');

/** One past the highest port in schema/supergraph.yaml, so a new subgraph never takes a used one. */
export function nextFreePort(root: string): number {
  const ports = parseSupergraphConfig(readFileSync(configPath(root), 'utf8'), configPath(root)).map(
    (s) => s.port,
  );
  return Math.max(ROUTER_PORT, ...ports) + 1;
}

const pascal = (name: string) =>
  name
    .split('-')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
const camel = (name: string) => {
  const p = pascal(name);
  return p[0]!.toLowerCase() + p.slice(1);
};
const snake = (name: string) => name.replaceAll('-', '_');

/** The package's files, by path relative to its folder. */
export function subgraphFiles(name: string, port: number): Record<string, string> {
  const Type = `${pascal(name)}Item`;
  const field = `${camel(name)}Item`;
  const fn = pascal(name);
  const table = `${snake(name)}_items`;
  const pg = name;
  return {
    'package.json': `${JSON.stringify(
      {
        name: `@zhongtai/${name}`,
        version: '0.1.0',
        private: true,
        description: `The ${name} subgraph, built on the Zhongtai kit.`,
        type: 'module',
        exports: { '.': './src/server.ts', './db': './src/db/index.ts' },
        scripts: {
          start: 'tsx src/index.ts',
          test: 'vitest run',
          codegen: 'graphql-codegen --config codegen.ts',
          'db:generate': 'drizzle-kit generate',
        },
        dependencies: {
          '@zhongtai/subgraph-kit': '0.1.0',
          dataloader: '2.2.3',
          'drizzle-orm': '0.45.4',
          graphql: '16.15.0',
          zod: '4.6.7',
        },
        devDependencies: {
          '@graphql-codegen/cli': '7.4.3',
          '@graphql-codegen/typescript': '6.1.0',
          '@graphql-codegen/typescript-resolvers': '6.1.0',
          'drizzle-kit': '0.31.11',
        },
      },
      null,
      2,
    )}\n`,
    'tsconfig.json': `{
  "extends": "../../tsconfig.base.json",
  "include": ["src", "test", "*.ts"]
}
`,
    'vitest.config.ts': `import shared from '../../vitest.shared.ts';

export default shared;
`,
    'codegen.ts': `import { centerCodegen } from '@zhongtai/subgraph-kit/codegen';

export default centerCodegen({
  context: '../context.ts#${fn}Context',
  mappers: { ${Type}: '../db/schema.ts#${Type}Row' },
});
`,
    'drizzle.config.ts': `import { defineConfig } from 'drizzle-kit';

// Migrations are generated offline from the schema and committed; the subgraph applies them at start.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  schemaFilter: ['${pg}'],
  casing: 'snake_case',
});
`,
    'src/schema.graphql': `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])

"""
An ISO-8601 timestamp in UTC, such as \`2026-11-23T08:00:00.000Z\`.
"""
scalar DateTime

"""
One thing the ${name} subgraph keeps. Rename and grow it: this is the subgraph's first entity.
"""
type ${Type} @key(fields: "id") {
  "Opaque, stable identifier."
  id: ID!
  "What the item is called."
  name: String!
  "When the item was created."
  createdAt: DateTime!
}

type Query {
  "An item by id, or null when there is none."
  ${field}(id: ID!): ${Type}
}
`,
    'src/db/schema.ts': `import { pgSchema, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Everything the ${name} subgraph stores lives in this Postgres schema. */
export const ${camel(name)}Schema = pgSchema('${pg}');

/** One row per ${Type}. */
export const items = ${camel(name)}Schema.table('${table}', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type ${Type}Row = typeof items.$inferSelect;
export type New${Type} = typeof items.$inferInsert;
`,
    'src/db/index.ts': `import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export { schema };
export type ${fn}Schema = typeof schema;
export const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
`,
    'src/repositories/items.ts': `import { type Database, isId } from '@zhongtai/subgraph-kit';
import { inArray } from 'drizzle-orm';
import type { ${fn}Schema } from '../db/index.ts';
import { items, type New${Type}, type ${Type}Row } from '../db/schema.ts';

type Db = Database<${fn}Schema>;

export async function findItemsByIds(db: Db, ids: readonly string[]): Promise<${Type}Row[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(items).where(inArray(items.id, valid));
}

export async function insertItems(db: Db, rows: readonly New${Type}[]): Promise<${Type}Row[]> {
  if (rows.length === 0) return [];
  return db.insert(items).values([...rows]).returning();
}
`,
    'src/loaders.ts': `import { type Database, keyedLoader } from '@zhongtai/subgraph-kit';
import type { ${fn}Schema } from './db/index.ts';
import { findItemsByIds } from './repositories/items.ts';

/** Per-request loaders: every entity lookup in one request batches into one statement. */
export function createLoaders(db: Database<${fn}Schema>) {
  return {
    itemById: keyedLoader(
      '${Type}',
      (ids: readonly string[]) => findItemsByIds(db, ids),
      (row) => row.id,
    ),
  };
}

export type ${fn}Loaders = ReturnType<typeof createLoaders>;
`,
    'src/context.ts': `import type { BaseCenterContext } from '@zhongtai/subgraph-kit';
import type { ${fn}Schema } from './db/index.ts';
import type { ${fn}Loaders } from './loaders.ts';

export interface ${fn}Context extends BaseCenterContext<${fn}Schema> {
  loaders: ${fn}Loaders;
}
`,
    'src/config.ts': `import { centerEnv, parseEnv } from '@zhongtai/subgraph-kit';
import { z } from 'zod';

const ${camel(name)}Env = centerEnv({
  PORT: z.coerce.number().int().min(0).max(65535).default(${port}),
});

export type ${fn}Config = z.infer<typeof ${camel(name)}Env>;

export function load${fn}Config(env: NodeJS.ProcessEnv = process.env): ${fn}Config {
  return parseEnv(${camel(name)}Env, env, 'the ${name} subgraph');
}
`,
    'src/resolvers/Query.ts': `import { orNull } from '@zhongtai/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers.ts';

export const Query: QueryResolvers = {
  ${field}: (_root, { id }, { loaders }) => orNull(loaders.itemById.load(id)),
};
`,
    [`src/resolvers/${Type}.ts`]: `import { orNull } from '@zhongtai/subgraph-kit';
import type { ${Type}Resolvers } from '../__generated__/resolvers.ts';

export const ${Type}: ${Type}Resolvers = {
  __resolveReference: (reference, { loaders }) => orNull(loaders.itemById.load(reference.id)),
};
`,
    'src/resolvers/index.ts': `import { DateTime } from '@zhongtai/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers.ts';
import { ${Type} } from './${Type}.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { DateTime, Query, ${Type} };
`,
    'src/server.ts': `import { type CenterStartConfig, createCenter, loadSchemaFile, openCenter } from '@zhongtai/subgraph-kit';
import type { ${fn}Context } from './context.ts';
import { type ${fn}Schema, migrationsFolder, schema } from './db/index.ts';
import { createLoaders } from './loaders.ts';
import { resolvers } from './resolvers/index.ts';

export const CENTER = '${name}';
export const typeDefs = loadSchemaFile(new URL('./schema.graphql', import.meta.url));

/** Builds the ${name} subgraph (database open and migrated, server started) without listening. */
export async function create${fn}Center(config: CenterStartConfig) {
  const { logger, tracing, database, trust, metricsPort } = await openCenter(
    CENTER,
    { schema, migrationsFolder },
    config,
  );
  return createCenter<${fn}Schema, ${fn}Context>({
    name: CENTER,
    typeDefs,
    resolvers,
    database,
    logger,
    tracing,
    trust,
    metricsPort,
    context: (base) => ({ ...base, loaders: createLoaders(base.db) }),
  });
}

export { migrationsFolder, schema } from './db/index.ts';
`,
    'src/index.ts': `import { stopOnSignals } from '@zhongtai/subgraph-kit';
import { load${fn}Config } from './config.ts';
import { create${fn}Center } from './server.ts';

const config = load${fn}Config();
const center = await create${fn}Center(config);
await center.listen(config.PORT, config.HOST);
stopOnSignals(center.stop, center.logger);
`,
    [`test/${name}.test.ts`]: `import { newId } from '@zhongtai/subgraph-kit';
import { createTestDatabase, executeAs } from '@zhongtai/subgraph-kit/testing';
import { afterAll, expect, test } from 'vitest';
import { insertItems } from '../src/repositories/items.ts';
import { create${fn}Center } from '../src/server.ts';

const testDb = await createTestDatabase('${snake(name)}');
const center = await create${fn}Center({
  DATABASE_URL: testDb.url,
  DATA_DIR: testDb.dataDir,
  LOG_LEVEL: 'silent',
});
afterAll(async () => {
  await center.stop();
  await testDb.drop();
});

test('an item is found by id and by entity reference; an unknown one is null', async () => {
  const [item] = await insertItems(center.database.db, [{ id: newId(), name: 'first' }]);
  const byId = await executeAs(center, 'query($id: ID!) { ${field}(id: $id) { id name createdAt } }', {
    id: item!.id,
  });
  expect(byId.errors).toBeUndefined();
  expect(byId.data?.${field}).toMatchObject({ id: item!.id, name: 'first' });

  const refs = await executeAs(
    center,
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on ${Type} { id name } } }',
    { r: [{ __typename: '${Type}', id: item!.id }, { __typename: '${Type}', id: newId() }] },
  );
  expect(refs.errors).toBeUndefined();
  expect(refs.data?._entities).toEqual([{ id: item!.id, name: 'first' }, null]);
});
`,
  };
}

/** Registers the subgraph in schema/supergraph.yaml, keeping the file's comments and order. */
export function registerSubgraph(root: string, name: string, port: number): void {
  const path = configPath(root);
  const document = parseDocument(readFileSync(path, 'utf8'));
  document.setIn(['subgraphs', name], {
    routing_url: `http://127.0.0.1:${port}/graphql`,
    schema: { file: `../subgraphs/${name}/src/schema.graphql` },
  });
  writeFileSync(path, document.toString());
}

const require = createRequire(import.meta.url);

/** The file a package's CLI runs: its package.json `bin`, found from the package's main entry. */
function binOf(pkg: string, command: string): string {
  let dir = dirname(resolvePackage(pkg));
  while (!existsSync(join(dir, 'package.json')) || readPackageName(dir) !== pkg) {
    const parent = dirname(dir);
    if (parent === dir) throw new ScaffoldError(`Cannot find the ${pkg} package; run npm install.`);
    dir = parent;
  }
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    bin: string | Record<string, string>;
  };
  return join(dir, typeof bin === 'string' ? bin : bin[command]!);
}

/** A file of the package: its main entry, or its package.json for a package with none (biome). */
function resolvePackage(pkg: string): string {
  try {
    return require.resolve(pkg);
  } catch {
    return require.resolve(`${pkg}/package.json`);
  }
}

const readPackageName = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name;

/** Runs a tool's CLI (drizzle-kit, graphql-codegen) with Node in the package's folder. */
function runTool(pkg: string, command: string, args: string[], cwd: string): void {
  const result = spawnSync(process.execPath, [binOf(pkg, command), ...args], { cwd, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new ScaffoldError(
      `${command} failed in ${cwd}:\n${result.stdout ?? ''}${result.stderr ?? ''}`.trim(),
    );
  }
}

export interface ScaffoldResult {
  name: string;
  port: number;
  dir: string;
  files: string[];
}

/**
 * Writes the package under `<root>/subgraphs/<name>`, generates its resolver types and its first
 * migration with the same tools the centers use, and registers it in `<root>/schema/supergraph.yaml`.
 */
export function scaffoldSubgraph(root: string, name: string): ScaffoldResult {
  checkSubgraphName(name, root);
  const port = nextFreePort(root);
  const dir = join(root, 'subgraphs', name);
  const files = subgraphFiles(name, port);
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    runTool('@graphql-codegen/cli', 'graphql-codegen', ['--config', 'codegen.ts', '--silent'], dir);
    runTool('drizzle-kit', 'drizzle-kit', ['generate', '--name', 'init'], dir);
    // The templates' line breaks and import order depend on the name's length: biome, with the
    // repository's settings, gives them the layout `npm run lint` expects for any name.
    runTool(
      '@biomejs/biome',
      'biome',
      ['check', '--write', '--no-errors-on-unmatched', relative(root, dir)],
      root,
    );
  } catch (error) {
    // Nothing half-made stays behind: the folder did not exist before.
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  registerSubgraph(root, name, port);
  return {
    name,
    port,
    dir,
    files: [
      ...Object.keys(files),
      'src/__generated__/resolvers.ts',
      'drizzle/0000_init.sql',
      'drizzle/meta/_journal.json',
      'drizzle/meta/0000_snapshot.json',
    ].map((file) => relative(root, join(dir, file))),
  };
}

/** `<command> -- <name> [--root <dir>]`: the name and the repository folder, or exits 1 with the usage. */
export function nameArgument(usage: string, defaultRoot: string): { name: string; root: string } {
  let parsed: { values: { root?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ allowPositionals: true, options: { root: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(1);
  }
  const [name, ...extra] = parsed.positionals;
  if (!name || extra.length > 0) {
    console.error(`Give one subgraph name.\n${usage}`);
    process.exit(1);
  }
  return { name, root: parsed.values.root ?? defaultRoot };
}

interface LockedPackage {
  name?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const dependsOn = (entry: LockedPackage, pkg: string) =>
  pkg in (entry.dependencies ?? {}) || pkg in (entry.devDependencies ?? {});

const exists = (path: string) => {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
};

/**
 * Undoes `new:subgraph` (and the `npm install`, compose and `npm start` that followed it): removes
 * the entry in schema/supergraph.yaml, recomposes schema/supergraph.graphql, and deletes the package
 * folder (with its build output), its node_modules/@zhongtai link, its package-lock.json entries and
 * its embedded data under `dataDir`. Refuses, changing nothing, a name that is not a subgraph, a
 * package another workspace package depends on (the centers), or a removal the supergraph would not
 * compose without. Returns what it removed, relative to `root`.
 */
export function removeSubgraph(root: string, name: string, dataDir: string): string[] {
  if (!SUBGRAPH_NAME.test(name) || RESERVED.has(name)) {
    throw new ScaffoldError(`"${name}" is not a subgraph name.`);
  }
  const path = configPath(root);
  const document = parseDocument(readFileSync(path, 'utf8'));
  const registered = document.hasIn(['subgraphs', name]);
  const dir = join(root, 'subgraphs', name);
  if (!registered && !existsSync(dir)) {
    throw new ScaffoldError(
      `There is no subgraph "${name}": not in schema/supergraph.yaml, no subgraphs/${name}.`,
    );
  }
  const pkg = `@zhongtai/${name}`;
  const folder = relative(root, dir);
  const lockPath = join(root, 'package-lock.json');
  const lock = existsSync(lockPath)
    ? (JSON.parse(readFileSync(lockPath, 'utf8')) as { packages?: Record<string, LockedPackage> })
    : {};
  // The lockfile's workspace entries (keys outside node_modules) list each package's dependencies.
  const dependents = Object.entries(lock.packages ?? {})
    .filter(([key, entry]) => !key.includes('node_modules/') && key !== folder && dependsOn(entry, pkg))
    .map(([key, entry]) => entry.name ?? (key || 'the root package'));
  if (dependents.length > 0) {
    throw new ScaffoldError(`${pkg} is a dependency of ${dependents.join(', ')}; it is not removed.`);
  }
  document.deleteIn(['subgraphs', name]);
  const config = document.toString();
  const composed = composeSupergraph(parseSupergraphConfig(config, path));
  if (!composed.ok) {
    throw new ScaffoldError(
      `Without ${name} the supergraph does not compose; nothing was removed:\n${formatProblems(composed.problems)}`,
    );
  }

  const removed: string[] = [];
  if (registered) {
    writeFileSync(path, config);
    removed.push(`${relative(root, path)}: ${name}`);
  }
  const sdl = join(root, 'schema/supergraph.graphql');
  if (existsSync(sdl) && readFileSync(sdl, 'utf8') !== composed.supergraphSdl) {
    writeFileSync(sdl, composed.supergraphSdl);
    removed.push(`${relative(root, sdl)}: recomposed without ${name}`);
  }
  if (lock.packages) {
    const entries = Object.keys(lock.packages).filter(
      (key) => key === folder || key.startsWith(`${folder}/`) || key === `node_modules/${pkg}`,
    );
    for (const key of entries) delete lock.packages[key];
    if (entries.length > 0) {
      writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
      removed.push(`package-lock.json: ${entries.join(', ')}`);
    }
  }
  const leftovers = [dir, join(root, 'node_modules', pkg)];
  if (!dataDir.startsWith('memory://')) leftovers.push(join(dataDir, name), join(dataDir, `${name}.lock`));
  for (const leftover of leftovers.filter(exists)) {
    rmSync(leftover, { recursive: true, force: true });
    removed.push(relative(root, leftover));
  }
  return removed;
}
