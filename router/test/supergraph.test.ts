import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { test as base, describe, expect } from 'vitest';
import { FileSupergraphSource, loadSupergraph, unknownOverrides } from '../src/supergraph.ts';
import { composeSupergraph } from './support.ts';

const shop = (fields: string) =>
  parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { ${fields} }
  `);

const SDL = composeSupergraph([
  { name: 'shop', typeDefs: shop('hello: String') },
  { name: 'stock', typeDefs: shop('stock: Int') },
]);

const test = base.extend<{ dir: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: vitest fixtures take their dependencies as a pattern
  dir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'zhongtai-supergraph-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

describe('loading a supergraph', () => {
  test('keeps each subgraph with its routing URL, overridden where SUBGRAPH_URLS says so', () => {
    const loaded = loadSupergraph(SDL, { urlOverrides: { stock: 'http://127.0.0.1:9999/graphql' } });
    expect(loaded.subgraphs).toEqual([
      { name: 'shop', url: 'http://shop.invalid/graphql' },
      { name: 'stock', url: 'http://127.0.0.1:9999/graphql' },
    ]);
    expect(Object.keys(loaded.apiGraphQLSchema.getQueryType()!.getFields())).toEqual(['hello', 'stock']);
    // The API schema hides federation's machinery.
    expect(loaded.apiGraphQLSchema.getType('join__Graph')).toBeUndefined();
    expect(loaded.supergraphSchema.getType('join__Graph')).toBeDefined();
  });

  test('names the overrides that match no subgraph', () => {
    const loaded = loadSupergraph(SDL);
    expect(unknownOverrides(loaded, { shop: 'http://a/graphql', shpo: 'http://b/graphql' })).toEqual([
      'shpo',
    ]);
  });

  test('a missing supergraph file says how to make one', async ({ dir }) => {
    await expect(new FileSupergraphSource(join(dir, 'nope.graphql')).load()).rejects.toThrow(
      /schema:compose/,
    );
  });

  test('a watched supergraph file reports its new version', async ({ dir }) => {
    const path = join(dir, 'supergraph.graphql');
    await writeFile(path, SDL);
    const source = new FileSupergraphSource(path);
    expect(await source.load()).toBe(SDL);
    const next = composeSupergraph([{ name: 'shop', typeDefs: shop('hello: String  world: String') }]);
    const seen: string[] = [];
    const changed = new Promise<void>((resolve, reject) => {
      const stop = source.watch((sdl) => {
        seen.push(sdl);
        stop();
        resolve();
      }, reject);
    });
    await writeFile(path, next);
    await changed;
    expect(seen).toEqual([next]);
  });

  test('a supergraph mounted from a Kubernetes ConfigMap reports its new version when the kubelet swaps it', async ({
    dir,
  }) => {
    // The kubelet's layout: the file is a link through `..data` to a folder of the current version,
    // and an update links `..data` to a new folder by a rename; the file's own name sees no event.
    const version = async (name: string, sdl: string) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 'supergraph.graphql'), sdl);
      await symlink(name, join(dir, '..data_tmp'));
      await rename(join(dir, '..data_tmp'), join(dir, '..data'));
    };
    await version('..2026_12_01_first', SDL);
    await symlink('..data/supergraph.graphql', join(dir, 'supergraph.graphql'));
    const source = new FileSupergraphSource(join(dir, 'supergraph.graphql'));
    expect(await source.load()).toBe(SDL);

    const next = composeSupergraph([{ name: 'shop', typeDefs: shop('hello: String  world: String') }]);
    const changed = new Promise<string>((resolve, reject) => {
      const stop = source.watch((sdl) => {
        stop();
        resolve(sdl);
      }, reject);
    });
    await version('..2026_12_01_second', next);
    expect(await changed).toBe(next);
  });
});
