/**
 * `tsx deploy/src/bundle.ts`: bundles the router and every center of schema/supergraph.yaml into
 * `dist/<service>.mjs` at the repository's root, as `npm start` bundles them (esbuild; npm packages
 * stay imports). The image runs these with plain `node`. A bundle finds its schema files and
 * migrations at its sources' paths, so it runs from the same folder it was built in.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundleEntry } from '@zhongtai/scripts/bundle';
import { loadSupergraphConfig, REPO_ROOT } from '@zhongtai/scripts/supergraph';

const subgraphs = loadSupergraphConfig();
const entries: { name: string; entry: string; port: number }[] = [
  { name: 'router', entry: join(REPO_ROOT, 'router/src/index.ts'), port: 4000 },
  ...subgraphs.map((subgraph) => ({
    name: subgraph.name,
    entry: join(subgraph.packageDir, 'src/index.ts'),
    port: subgraph.port,
  })),
];
for (const { name, entry } of entries) {
  await bundleEntry(entry, join(REPO_ROOT, 'dist', `${name}.mjs`));
  console.log(`dist/${name}.mjs`);
}
// Which services the image has and each one's default port, for deploy/docker/run.mjs and its healthcheck.
await writeFile(
  join(REPO_ROOT, 'dist/services.json'),
  `${JSON.stringify(Object.fromEntries(entries.map(({ name, port }) => [name, port])), null, 2)}\n`,
);
