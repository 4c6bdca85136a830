/**
 * `npm run new:subgraph -- <name> [--root <dir>]`: creates a working subgraph under
 * `subgraphs/<name>` (SDL with one entity and a query, resolvers with generated types, a drizzle
 * table and its generated migration, config, server/index split, a test), on the next free port,
 * and registers it in schema/supergraph.yaml, so `npm run schema:compose` and `npm start` include
 * it. `--root` scaffolds into another copy of the repository (tests use a temporary one).
 */
import { resolve } from 'node:path';
import { nameArgument, ScaffoldError, scaffoldSubgraph } from './lib/scaffold.ts';
import { REPO_ROOT } from './lib/supergraph.ts';

const args = nameArgument('Usage: npm run new:subgraph -- <name> [--root <repository folder>]', REPO_ROOT);
const name = args.name;
const root = resolve(args.root);

try {
  const result = scaffoldSubgraph(root, name);
  console.log(
    [
      `Created the ${name} subgraph on port ${result.port} in ${result.dir}:`,
      ...result.files.map((file) => `  ${file}`),
      `Registered in schema/supergraph.yaml. Next:`,
      `  npm install                 links @zhongtai/${name} into the workspace`,
      `  npm run schema:compose      adds it to schema/supergraph.graphql`,
      `  npm start                   runs it with the other subgraphs`,
      `  npm run deploy:manifests    adds its Kubernetes manifests (deploy/k8s)`,
      `  (cd subgraphs/${name} && npx vitest run)`,
      `Undo it all with: npm run remove:subgraph -- ${name}`,
    ].join('\n'),
  );
} catch (error) {
  if (error instanceof ScaffoldError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
