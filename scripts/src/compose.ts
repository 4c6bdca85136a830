/**
 * `npm run schema:compose`: composes every subgraph in schema/supergraph.yaml into
 * schema/supergraph.graphql, or prints each composition error with its subgraph and location and
 * exits 1. Also writes each client's trusted documents, schema/operations/<client>/persisted-query-manifest.json,
 * and its typed documents and client, schema/operations/<client>/__generated__/ (lib/typed-documents.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { writeManifests } from './lib/manifests.ts';
import { apiSchemaOf } from './lib/operations.ts';
import {
  composeSupergraph,
  formatProblems,
  loadSupergraphConfig,
  REPO_ROOT,
  SUPERGRAPH_SDL,
} from './lib/supergraph.ts';
import { writeTypedDocuments } from './lib/typed-documents.ts';

const subgraphs = loadSupergraphConfig();
const result = composeSupergraph(subgraphs);
if (!result.ok) {
  console.error(
    `Composition failed with ${result.problems.length} error(s):\n${formatProblems(result.problems)}`,
  );
  process.exit(1);
}
let previous = '';
try {
  previous = readFileSync(SUPERGRAPH_SDL, 'utf8');
} catch {}
writeFileSync(SUPERGRAPH_SDL, result.supergraphSdl);
const target = relative(REPO_ROOT, SUPERGRAPH_SDL);
console.log(
  `Composed ${subgraphs.length} subgraphs (${subgraphs.map((s) => s.name).join(', ')}) into ${target}${previous === result.supergraphSdl ? ' (unchanged)' : ''}.`,
);
const changedManifests = writeManifests();
if (changedManifests.length > 0) {
  console.log(`Wrote the trusted documents (persisted query manifests) of: ${changedManifests.join(', ')}.`);
}
const changedTypes = await writeTypedDocuments(apiSchemaOf(result.supergraphSdl));
if (changedTypes.length > 0) {
  console.log(`Wrote the typed client documents: ${changedTypes.join(', ')}.`);
}
