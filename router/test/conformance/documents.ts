import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FoundDocument {
  /** Where it was found: `<file>:<line>`, relative to the directory searched from. */
  origin: string;
  text: string;
}

const LITERAL = /'((?:[^'\\\n]|\\.)*)'|`([^`$\\]*)`/g;
const LOOKS_LIKE_GRAPHQL = /^\s*(\{|query\b|mutation\b|subscription\b)[^=]*\{/;

/**
 * The GraphQL documents tests send, found as string literals in their sources (a quoted string or a
 * template without substitutions that starts like an operation). Broken ones are kept: the way a
 * router refuses them is behaviour too. Deduplicated by text, in file order.
 */
export function documentsInSources(dirs: string[], root: string): FoundDocument[] {
  const found = new Map<string, FoundDocument>();
  for (const dir of dirs) {
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.ts')) continue;
      const path = join(dir, file);
      const source = readFileSync(path, 'utf8');
      for (const match of source.matchAll(LITERAL)) {
        const text = match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : match[2]!;
        if (!LOOKS_LIKE_GRAPHQL.test(text) || found.has(text)) continue;
        const line = source.slice(0, match.index).split('\n').length;
        found.set(text, { origin: `${relative(root, path)}:${line}`, text });
      }
    }
  }
  return [...found.values()];
}
