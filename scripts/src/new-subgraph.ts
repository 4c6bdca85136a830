/**
 * `npm run new:subgraph -- <name> [--root <dir>]`: creates a working subgraph under
 * `subgraphs/<name>` (SDL with one entity and a query, resolvers with generated types, a drizzle
 * table and its generated migration, config, server/index split, a test), on the next free port,
 * and registers it in schema/supergraph.yaml, so `npm run schema:compose` and `npm start` include
 * it. `--root` scaffolds into another copy of the repository (tests use a temporary one).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ScaffoldError, scaffoldSubgraph } from './lib/scaffold.ts';
import { REPO_ROOT } from './lib/supergraph.ts';

const USAGE = 'Usage: npm run new:subgraph -- <name> [--root <repository folder>]';

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({ allowPositionals: true, options: { root: { type: 'string' } } });
}
try {
  parsed = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(1);
}
const [name, ...extra] = parsed.positionals;
if (!name || extra.length > 0) {
  console.error(`Give one subgraph name.\n${USAGE}`);
  process.exit(1);
}
const root = resolve(parsed.values.root ?? REPO_ROOT);

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
      `  (cd subgraphs/${name} && npx vitest run)`,
    ].join('\n'),
  );
} catch (error) {
  if (error instanceof ScaffoldError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
