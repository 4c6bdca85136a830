import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, type Schema, Supergraph } from '@apollo/federation-internals';
import type { GraphQLSchema } from 'graphql';

/**
 * Where the supergraph SDL comes from. A file today; a registry or an uplink later, which is why the
 * rest of the router only ever sees this interface.
 */
export interface SupergraphSource {
  load(): Promise<string>;
  /** Calls `onChange` with each new SDL until the returned function is called; optional for static sources. */
  watch?(onChange: (sdl: string) => void, onError: (error: unknown) => void): () => void;
}

export class FileSupergraphSource implements SupergraphSource {
  readonly path: string;

  constructor(path: string) {
    this.path = resolve(path);
  }

  async load(): Promise<string> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      throw new Error(
        `Cannot read the supergraph at ${this.path} (compose it with \`npm run schema:compose\`, or set SUPERGRAPH_PATH)`,
        { cause: error },
      );
    }
  }

  watch(onChange: (sdl: string) => void, onError: (error: unknown) => void): () => void {
    // The directory is watched, not the file: compose scripts and editors often replace the file
    // (write + rename), which ends a watch on the old inode. A Kubernetes ConfigMap volume updates
    // by relinking its `..data` entry to a new folder, so those `..` names count as a change too.
    let timer: NodeJS.Timeout | undefined;
    let last: string | undefined;
    const watcher = watch(dirname(this.path), (_event, filename) => {
      if (filename !== null && filename !== basename(this.path) && !filename.startsWith('..')) return;
      clearTimeout(timer);
      // A write arrives as several events; wait for them to settle before reading.
      timer = setTimeout(() => {
        this.load().then((sdl) => {
          if (sdl === last || sdl.trim() === '') return;
          last = sdl;
          onChange(sdl);
        }, onError);
      }, 50);
    });
    watcher.on('error', onError);
    return () => {
      clearTimeout(timer);
      watcher.close();
    };
  }
}

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/** Everything derived from one supergraph SDL, built once and swapped as a whole on update. */
export interface LoadedSupergraph {
  sdl: string;
  supergraph: Supergraph;
  /** The full supergraph schema, which plan execution needs to interpret subgraph responses. */
  supergraphSchema: GraphQLSchema;
  /** What clients see: the supergraph without join/link machinery and @inaccessible elements. */
  apiSchema: Schema;
  apiGraphQLSchema: GraphQLSchema;
  /** Routing URLs from join__graph with SUBGRAPH_URLS overrides applied. */
  subgraphs: readonly SubgraphEndpoint[];
}

export interface LoadSupergraphOptions {
  /** Subgraph name → URL, replacing the routing URL composed into the supergraph. */
  urlOverrides?: Readonly<Record<string, string>>;
  /** Full validation costs start-up time; ApolloGateway skips it in production, and so do we. */
  validate?: boolean;
}

/**
 * The `for: SECURITY` and `for: EXECUTION` features this router implements; a supergraph linking any
 * other is refused at load, as serving it would silently skip what it asks. `@authenticated` and
 * `@requiresScopes` are enforced by authz.ts.
 */
export const SUPPORTED_SUPERGRAPH_FEATURES: ReadonlySet<string> = new Set([
  ...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES,
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
]);

export function loadSupergraph(sdl: string, options: LoadSupergraphOptions = {}): LoadedSupergraph {
  const supergraph = Supergraph.build(sdl, {
    supportedFeatures: SUPPORTED_SUPERGRAPH_FEATURES as Set<string>,
    validateSupergraph: options.validate ?? true,
  });
  const apiSchema = supergraph.apiSchema();
  const overrides = options.urlOverrides ?? {};
  const subgraphs = supergraph.subgraphsMetadata().map(({ name, url }) => {
    const override = overrides[name];
    if (!override && !url) throw new Error(`Subgraph "${name}" has no routing URL; set it in SUBGRAPH_URLS`);
    return { name, url: override ?? url };
  });
  return {
    sdl,
    supergraph,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    apiSchema,
    apiGraphQLSchema: apiSchema.toGraphQLJSSchema(),
    subgraphs,
  };
}

/** Override names that match no subgraph: most likely a typo that would silently route nowhere. */
export function unknownOverrides(
  loaded: LoadedSupergraph,
  overrides: Readonly<Record<string, string>>,
): string[] {
  const names = new Set(loaded.subgraphs.map((s) => s.name));
  return Object.keys(overrides).filter((name) => !names.has(name));
}
