import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import { type GraphQLSchema, parse, Source, validate } from 'graphql';
import { REPO_ROOT } from './supergraph.ts';

const ROUTER_SUPPORTED_FEATURES = new Set([
  ...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES,
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
]);

export const OPERATIONS_DIR = join(REPO_ROOT, 'schema/operations');

/** The schema front-ends see: the supergraph without federation machinery and @inaccessible parts. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  // The router's own feature list: it enforces @authenticated and @requiresScopes (router/src/authz.ts).
  return Supergraph.build(supergraphSdl, { supportedFeatures: ROUTER_SUPPORTED_FEATURES })
    .apiSchema()
    .toGraphQLJSSchema();
}

export interface OperationFile {
  client: string;
  path: string;
  source: Source;
}

/** Every `schema/operations/<client>/*.graphql`; sources are named by their path relative to `root`. */
export function loadOperations(dir = OPERATIONS_DIR, root = REPO_ROOT): OperationFile[] {
  const files: OperationFile[] = [];
  for (const client of readdirSync(dir, { withFileTypes: true })) {
    if (!client.isDirectory()) continue;
    for (const file of readdirSync(join(dir, client.name))) {
      if (!file.endsWith('.graphql')) continue;
      const path = join(dir, client.name, file);
      files.push({
        client: client.name,
        path,
        source: new Source(readFileSync(path, 'utf8'), relative(root, path)),
      });
    }
  }
  return files;
}

export interface OperationProblem {
  client: string;
  file: string;
  message: string;
}

/** Validates each client operation against the API schema; returns every problem found. */
export function validateOperations(schema: GraphQLSchema, operations: OperationFile[]): OperationProblem[] {
  const problems: OperationProblem[] = [];
  for (const operation of operations) {
    try {
      for (const error of validate(schema, parse(operation.source))) {
        const at = error.locations?.[0];
        problems.push({
          client: operation.client,
          file: `${operation.source.name}${at ? `:${at.line}:${at.column}` : ''}`,
          message: error.message,
        });
      }
    } catch (error) {
      problems.push({
        client: operation.client,
        file: operation.source.name,
        message: (error as Error).message,
      });
    }
  }
  return problems;
}
