/**
 * `npm run remove:subgraph -- <name> [--root <dir>]`, with `npm start` stopped: undoes
 * `npm run new:subgraph -- <name>` and what followed it (install, compose, start): the package
 * folder and its build output, its entry in schema/supergraph.yaml, the composed supergraph, the
 * node_modules/@zhongtai/<name> link, its package-lock.json entries and its embedded data under
 * DATA_DIR. The name can then be scaffolded again. A real PostgreSQL (DATABASE_URL) keeps the
 * subgraph's schema: drop it there yourself (`DROP SCHEMA "<name>" CASCADE`).
 */
import { join, resolve } from 'node:path';
import { loadScriptsConfig } from './lib/config.ts';
import { nameArgument, removeSubgraph, ScaffoldError } from './lib/scaffold.ts';
import { REPO_ROOT } from './lib/supergraph.ts';

const args = nameArgument('Usage: npm run remove:subgraph -- <name> [--root <repository folder>]', REPO_ROOT);
const root = resolve(args.root);
// Another copy of the repository keeps its embedded data in its own .data.
const dataDir = root === REPO_ROOT ? loadScriptsConfig().dataDir : join(root, '.data');

try {
  const removed = removeSubgraph(root, args.name, dataDir);
  console.log([`Removed the ${args.name} subgraph:`, ...removed.map((line) => `  ${line}`)].join('\n'));
} catch (error) {
  if (error instanceof ScaffoldError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
