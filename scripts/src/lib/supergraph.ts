import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { composeServices } from '@apollo/composition';
import { type GraphQLError, parse, Source } from 'graphql';
import { REPO_ROOT, type SubgraphEntry } from './supergraph-config.ts';

export * from './supergraph-config.ts';

export interface CompositionProblem {
  code: string;
  message: string;
  /** `path:line:column` of each place the problem points at, relative to the repository. */
  locations: string[];
}

export type CompositionResult =
  | { ok: true; supergraphSdl: string }
  | { ok: false; problems: CompositionProblem[] };

function describe(error: GraphQLError): CompositionProblem {
  const locations: string[] = [];
  for (const node of error.nodes ?? []) {
    if (!node.loc) continue;
    const { line, column } = node.loc.startToken;
    locations.push(`${node.loc.source.name}:${line}:${column}`);
  }
  if (locations.length === 0 && error.source && error.locations) {
    for (const location of error.locations)
      locations.push(`${error.source.name}:${location.line}:${location.column}`);
  }
  return { code: String(error.extensions?.code ?? 'COMPOSITION_ERROR'), message: error.message, locations };
}

/** Composes the subgraphs' SDL files with Apollo's composition, as rover would. */
export function composeSupergraph(subgraphs: SubgraphEntry[]): CompositionResult {
  const problems: CompositionProblem[] = [];
  const sources: SubgraphSource[] = [];
  for (const subgraph of subgraphs) {
    const file = relative(REPO_ROOT, subgraph.schemaPath);
    try {
      sources.push({
        name: subgraph.name,
        url: subgraph.routingUrl,
        file,
        sdl: readFileSync(subgraph.schemaPath, 'utf8'),
      });
    } catch (error) {
      problems.push({ code: 'SDL_UNREADABLE', message: (error as Error).message, locations: [file] });
    }
  }
  return problems.length > 0 ? { ok: false, problems } : composeSdls(sources);
}

/** One subgraph's SDL as text, wherever it was read from (a work tree, a git revision). */
export interface SubgraphSource {
  name: string;
  url: string;
  /** The name locations give the SDL: its path relative to the repository. */
  file: string;
  sdl: string;
}

/** Composes subgraph SDLs given as text; problems point at `file:line:column` of each SDL. */
export function composeSdls(sources: SubgraphSource[]): CompositionResult {
  const problems: CompositionProblem[] = [];
  const services = [];
  for (const source of sources) {
    try {
      services.push({
        name: source.name,
        url: source.url,
        typeDefs: parse(new Source(source.sdl, source.file)),
      });
    } catch (error) {
      problems.push(describe(error as GraphQLError));
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  const result = composeServices(services);
  if (result.errors) return { ok: false, problems: result.errors.map(describe) };
  return { ok: true, supergraphSdl: result.supergraphSdl };
}

export function formatProblems(problems: CompositionProblem[]): string {
  return problems
    .map((problem) =>
      [`✖ [${problem.code}] ${problem.message}`, ...problem.locations.map((l) => `    at ${l}`)].join('\n'),
    )
    .join('\n');
}
