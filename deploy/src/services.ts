import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSupergraphConfig, SUPERGRAPH_CONFIG } from '@zhongtai/scripts/supergraph';

/** What the manifests need to know of one deployable service. */
export interface ServiceSpec {
  name: string;
  kind: 'router' | 'center';
  port: number;
  /** The services allowed to call it (besides the router, which calls every center). */
  callers: string[];
  /** The centers it calls directly (not through the router). */
  calls: string[];
}

export const ROUTER_PORT = 4000;

// How a center makes a client for another center: `centerClient('orders', …)` or, for a center
// that makes several, a local `client('inventory')`.
const CLIENT_CALL = /\b(?:centerClient|client)\(\s*'([a-z][a-z0-9-]*)'/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes('__generated__'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The centers a center's source makes clients for: who it calls, read from its code. */
export function centersCalledBy(packageDir: string, known: ReadonlySet<string>): string[] {
  const called = new Set<string>();
  for (const file of sourceFiles(join(packageDir, 'src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(CLIENT_CALL)) {
      if (known.has(match[1]!)) called.add(match[1]!);
    }
  }
  return [...called].sort();
}

/**
 * The router and every subgraph of schema/supergraph.yaml (a scaffolded one included, as soon as it
 * is registered there), each with who calls it.
 */
export function loadServices(configPath = SUPERGRAPH_CONFIG): ServiceSpec[] {
  const subgraphs = loadSupergraphConfig(configPath);
  const names = new Set(subgraphs.map((subgraph) => subgraph.name));
  const calls = new Map(
    subgraphs.map((subgraph) => [subgraph.name, centersCalledBy(subgraph.packageDir, names)]),
  );
  const centers: ServiceSpec[] = subgraphs.map((subgraph) => ({
    name: subgraph.name,
    kind: 'center',
    port: subgraph.port,
    calls: calls.get(subgraph.name)!,
    callers: [...calls]
      .filter(([, called]) => called.includes(subgraph.name))
      .map(([caller]) => caller)
      .sort(),
  }));
  return [{ name: 'router', kind: 'router', port: ROUTER_PORT, callers: [], calls: [...names] }, ...centers];
}
