/**
 * Trusted documents: the operations each front-end registered, from the persisted query manifests
 * that `npm run schema:compose` writes (`schema/operations/<client>/persisted-query-manifest.json`,
 * Apollo's format). Clients run them by id (`extensions.persistedQuery.sha256Hash`); with
 * TRUSTED_DOCUMENTS=require nothing else runs.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLRequestParams, Refusal } from '@zhongtai/subgraph-kit';

export const MANIFEST_FILE = 'persisted-query-manifest.json';

export interface TrustedOperation {
  id: string;
  name: string;
  type: string;
  body: string;
}

interface Manifest {
  format: string;
  version: number;
  operations: TrustedOperation[];
}

export type TrustedDocumentsMode = 'allow' | 'require';

/** The shape of Apollo Server's persisted query cache (a KeyValueCache of strings). */
export interface QueryCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | undefined>;
}

/** Development APQ: the bodies clients registered by hash, the least recently stored dropped first. */
export function boundedQueryCache(maxEntries = 1_000): QueryCache {
  const entries = new Map<string, string>();
  return {
    get: async (key) => entries.get(key),
    set: async (key, value) => {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    delete: async (key) => entries.delete(key),
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Every client's registered operations, by client name and id. */
export class TrustedDocuments {
  private constructor(
    private readonly byClient: ReadonlyMap<string, ReadonlyMap<string, TrustedOperation>>,
  ) {}

  /** Reads `<dir>/<client>/persisted-query-manifest.json` for every client folder that has one. */
  static load(dir: string): TrustedDocuments {
    const byClient = new Map<string, Map<string, TrustedOperation>>();
    if (!existsSync(dir)) return new TrustedDocuments(byClient);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name, MANIFEST_FILE);
      if (!entry.isDirectory() || !existsSync(path)) continue;
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
      if (manifest.format !== 'apollo-persisted-query-manifest' || manifest.version !== 1) {
        throw new Error(`${path} is not an Apollo persisted query manifest, version 1`);
      }
      const operations = new Map<string, TrustedOperation>();
      for (const operation of manifest.operations) {
        // A hand-edited body whose id no longer matches would run something else than was reviewed.
        if (sha256(operation.body) !== operation.id) {
          throw new Error(`${path}: the id of ${operation.name} is not the SHA-256 of its body`);
        }
        operations.set(operation.id, operation);
      }
      byClient.set(entry.name, operations);
    }
    return new TrustedDocuments(byClient);
  }

  get clients(): string[] {
    return [...this.byClient.keys()];
  }

  /** Every registered operation of every client, once each. */
  operations(): TrustedOperation[] {
    const unique = new Map<string, TrustedOperation>();
    for (const operations of this.byClient.values()) for (const [id, op] of operations) unique.set(id, op);
    return [...unique.values()];
  }

  /** Each client's registered operations, by name (what the sandbox lists to open). */
  byClientName(): Record<string, TrustedOperation[]> {
    const listed: Record<string, TrustedOperation[]> = {};
    for (const [client, operations] of this.byClient) {
      listed[client] = [...operations.values()].sort((a, b) => a.name.localeCompare(b.name));
    }
    return listed;
  }

  find(id: string): TrustedOperation | undefined {
    for (const operations of this.byClient.values()) {
      const found = operations.get(id);
      if (found) return found;
    }
    return undefined;
  }

  registeredFor(clientName: string | null, id: string): boolean {
    return clientName !== null && (this.byClient.get(clientName)?.has(id) ?? false);
  }

  /**
   * What `require` refuses before Apollo Server sees the request: an id or a body that is not one of
   * this client's registered operations (a body is matched by its SHA-256, so it must be sent exactly
   * as registered). In `allow` mode everything passes, and unknown ids go through Apollo's APQ.
   */
  check(
    mode: TrustedDocumentsMode,
    params: GraphQLRequestParams,
    clientName: string | null,
  ): Refusal | undefined {
    if (mode === 'allow') return undefined;
    const hash = persistedQueryHash(params);
    if (hash !== undefined && typeof params.query !== 'string') {
      if (this.registeredFor(clientName, hash)) return undefined;
      return {
        status: 400,
        code: 'PERSISTED_QUERY_NOT_IN_LIST',
        message: `Operation ${hash} is not registered for client "${clientName ?? '(none)'}"; send apollographql-client-name and a registered operation id.`,
      };
    }
    if (typeof params.query === 'string' && this.registeredFor(clientName, sha256(params.query)))
      return undefined;
    return {
      status: 400,
      code: 'QUERY_NOT_IN_SAFELIST',
      message: `This router runs only the operations registered for each client; this one is not registered for "${clientName ?? '(none)'}".`,
    };
  }

  /**
   * Apollo Server's APQ cache with the registered operations already in it, so an id from a manifest
   * runs without the client ever sending its body. Other entries (development APQ) live in `fallback`;
   * under `require` none are stored.
   */
  apqCache(mode: TrustedDocumentsMode, fallback: QueryCache = boundedQueryCache()): QueryCache {
    return {
      get: async (key) => {
        const hash = key.startsWith('apq:') ? key.slice(4) : key;
        return this.find(hash)?.body ?? (mode === 'require' ? undefined : fallback.get(key));
      },
      set: async (key, value, options) => {
        if (mode === 'require') return;
        await fallback.set(key, value, options);
      },
      delete: async (key) => (mode === 'require' ? false : fallback.delete(key)),
    };
  }
}

function persistedQueryHash(params: GraphQLRequestParams): string | undefined {
  const extensions = (params as { extensions?: unknown }).extensions;
  if (typeof extensions !== 'object' || extensions === null) return undefined;
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery;
  return typeof persisted?.sha256Hash === 'string' ? persisted.sha256Hash : undefined;
}
