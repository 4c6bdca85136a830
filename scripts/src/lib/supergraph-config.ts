import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

// Where the repository and its supergraph config are, and what the config says: kept apart from
// composition so `npm start` reads it without loading the composer.
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const SUPERGRAPH_CONFIG = resolve(REPO_ROOT, 'schema/supergraph.yaml');
export const SUPERGRAPH_SDL = resolve(REPO_ROOT, 'schema/supergraph.graphql');

const configSchema = z.object({
  federation_version: z.string(),
  subgraphs: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/, 'subgraph names are lowercase words'),
    z.object({ routing_url: z.url(), schema: z.object({ file: z.string() }) }),
  ),
});

export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  /** The port in the routing URL: where `npm start` runs this subgraph. */
  port: number;
  /** Absolute path of the subgraph's SDL. */
  schemaPath: string;
  /** The subgraph's package folder (two levels above `src/schema.graphql`). */
  packageDir: string;
}

export function loadSupergraphConfig(path = SUPERGRAPH_CONFIG): SubgraphEntry[] {
  return parseSupergraphConfig(readFileSync(path, 'utf8'), path);
}

/**
 * Reads a supergraph config's text as if it were the file at `path` (its schema files are relative to
 * it); `displayName` names the file in errors.
 */
export function parseSupergraphConfig(
  text: string,
  path: string,
  displayName = relative(REPO_ROOT, path),
): SubgraphEntry[] {
  const parsed = configSchema.safeParse(parseYaml(text));
  if (!parsed.success) {
    throw new Error(`${displayName} is not a valid supergraph config:\n${z.prettifyError(parsed.error)}`);
  }
  return Object.entries(parsed.data.subgraphs).map(([name, entry]) => {
    const schemaPath = resolve(dirname(path), entry.schema.file);
    return {
      name,
      routingUrl: entry.routing_url,
      port: Number(new URL(entry.routing_url).port),
      schemaPath,
      packageDir: resolve(dirname(schemaPath), '..'),
    };
  });
}
