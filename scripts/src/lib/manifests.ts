/**
 * Trusted documents: each client's registered operations as a persisted query manifest in Apollo's
 * format (`apollo-persisted-query-manifest`, version 1), written next to the operations as
 * `schema/operations/<client>/persisted-query-manifest.json`. The router runs operations by their id
 * and, with TRUSTED_DOCUMENTS=require, nothing else.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, type OperationDefinitionNode, parse, print } from 'graphql';
import { loadOperations, OPERATIONS_DIR, type OperationFile } from './operations.ts';

export const MANIFEST_FILE = 'persisted-query-manifest.json';

export interface ManifestOperation {
  /** SHA-256 of `body`, hex: what a client sends as `extensions.persistedQuery.sha256Hash`. */
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The operation as the client sends it: the file's document, printed. */
  body: string;
}

export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ManifestOperation[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function manifestOperation(file: OperationFile): ManifestOperation {
  const document = parse(file.source, { noLocation: true });
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const [operation] = operations;
  if (operations.length !== 1 || !operation?.name) {
    throw new Error(`${file.source.name}: a registered file holds exactly one named operation`);
  }
  const body = print(document);
  return { id: sha256(body), name: operation.name.value, type: operation.operation, body };
}

/** Every client's manifest, operations sorted by name so the files only change when operations do. */
export function buildManifests(dir = OPERATIONS_DIR): Map<string, PersistedQueryManifest> {
  const byClient = new Map<string, ManifestOperation[]>();
  for (const file of loadOperations(dir)) {
    byClient.set(file.client, [...(byClient.get(file.client) ?? []), manifestOperation(file)]);
  }
  const manifests = new Map<string, PersistedQueryManifest>();
  for (const [client, operations] of [...byClient].sort(([a], [b]) => a.localeCompare(b))) {
    operations.sort((a, b) => a.name.localeCompare(b.name));
    manifests.set(client, { format: 'apollo-persisted-query-manifest', version: 1, operations });
  }
  return manifests;
}

const serialize = (manifest: PersistedQueryManifest) => `${JSON.stringify(manifest, null, 2)}\n`;

/** Writes each client's manifest; returns the clients whose file changed. */
export function writeManifests(dir = OPERATIONS_DIR): string[] {
  const changed: string[] = [];
  for (const [client, manifest] of buildManifests(dir)) {
    const path = join(dir, client, MANIFEST_FILE);
    const text = serialize(manifest);
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    writeFileSync(path, text);
    changed.push(client);
  }
  return changed;
}

/** The clients whose committed manifest is missing or differs from their operations. */
export function staleManifests(dir = OPERATIONS_DIR): string[] {
  const stale: string[] = [];
  for (const [client, manifest] of buildManifests(dir)) {
    const path = join(dir, client, MANIFEST_FILE);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== serialize(manifest)) stale.push(client);
  }
  return stale;
}
