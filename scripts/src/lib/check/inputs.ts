/**
 * The schema check's inputs: schema/supergraph.yaml, the subgraph SDLs it lists, the committed
 * schema/supergraph.graphql and the front-ends' operations, read from a work tree or a git revision.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { loadOperations, type OperationFile } from '../operations.ts';
import { type CompositionProblem, parseSupergraphConfig, type SubgraphSource } from '../supergraph.ts';

export const SUPERGRAPH_CONFIG_PATH = 'schema/supergraph.yaml';
export const SUPERGRAPH_SDL_PATH = 'schema/supergraph.graphql';
export const OPERATIONS_PATH = 'schema/operations';

export interface SchemaInputs {
  /** Where the inputs were read: a directory, or `<ref> (<short sha>)`. */
  label: string;
  subgraphs: SubgraphSource[];
  /** The committed schema/supergraph.graphql; null when there is none. */
  supergraphSdl: string | null;
  /** What kept a subgraph from being read: an invalid config, a missing SDL file. */
  problems: CompositionProblem[];
}

const toPosix = (path: string) => path.split(sep).join('/');

/** Reads the inputs through `read(path)` (path relative to the repository; null when absent). */
function readInputs(root: string, label: string, read: (path: string) => string | null): SchemaInputs {
  const inputs: SchemaInputs = {
    label,
    subgraphs: [],
    supergraphSdl: read(SUPERGRAPH_SDL_PATH),
    problems: [],
  };
  const config = read(SUPERGRAPH_CONFIG_PATH);
  if (config === null) {
    inputs.problems.push({
      code: 'NO_SUPERGRAPH_CONFIG',
      message: `${SUPERGRAPH_CONFIG_PATH} does not exist`,
      locations: [SUPERGRAPH_CONFIG_PATH],
    });
    return inputs;
  }
  let entries: ReturnType<typeof parseSupergraphConfig>;
  try {
    entries = parseSupergraphConfig(config, join(root, SUPERGRAPH_CONFIG_PATH), SUPERGRAPH_CONFIG_PATH);
  } catch (error) {
    inputs.problems.push({
      code: 'INVALID_SUPERGRAPH_CONFIG',
      message: (error as Error).message,
      locations: [SUPERGRAPH_CONFIG_PATH],
    });
    return inputs;
  }
  for (const entry of entries) {
    const file = toPosix(relative(root, entry.schemaPath));
    const sdl = read(file);
    if (sdl === null) {
      inputs.problems.push({
        code: 'SDL_NOT_FOUND',
        message: `[${entry.name}] ${file}, named in ${SUPERGRAPH_CONFIG_PATH}, does not exist`,
        locations: [SUPERGRAPH_CONFIG_PATH],
      });
      continue;
    }
    inputs.subgraphs.push({ name: entry.name, url: entry.routingUrl, file, sdl });
  }
  return inputs;
}

/** The inputs as they are on disk under `root` (a repository's work tree, or a copy of its layout). */
export function readWorkTree(root: string): SchemaInputs {
  return readInputs(root, 'the work tree', (path) => {
    const absolute = join(root, path);
    return existsSync(absolute) ? readFileSync(absolute, 'utf8') : null;
  });
}

/** Every `schema/operations/<client>/*.graphql` under `root`, named relative to it; none when the folder is absent. */
export function readOperations(root: string): OperationFile[] {
  const dir = join(root, OPERATIONS_PATH);
  return existsSync(dir) ? loadOperations(dir, root) : [];
}

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** The commit `ref` names in the repository at `root`, or null when it names none. */
export function resolveCommit(root: string, ref: string): string | null {
  try {
    return git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim() || null;
  } catch {
    return null;
  }
}

/**
 * The revision to compare against when none is given: where HEAD left origin/main when there is an
 * origin/main (a branch's changes, as a pull request would show them), else HEAD's parent.
 */
export function defaultBase(root: string): { ref: string; name: string } {
  if (resolveCommit(root, 'origin/main')) {
    try {
      return {
        ref: git(root, ['merge-base', 'HEAD', 'origin/main']).trim(),
        name: 'merge-base of HEAD and origin/main',
      };
    } catch {}
  }
  return { ref: 'HEAD~1', name: 'HEAD~1' };
}

/** The inputs as committed at `commit` (`git show <commit>:<path>`). */
export function readGitRevision(root: string, commit: string, label = commit): SchemaInputs {
  return readInputs(root, label, (path) => {
    try {
      return git(root, ['show', `${commit}:${path}`]);
    } catch {
      return null;
    }
  });
}
