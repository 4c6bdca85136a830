/** Step 2: the committed schema/supergraph.graphql is exactly what composing the subgraphs gives. */
import { SUPERGRAPH_SDL_PATH } from './inputs.ts';
import type { Finding, StepResult } from './types.ts';

const FIX = 'run `npm run schema:compose` and commit it';

/** The 1-based number of the first line where `a` and `b` differ. */
function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let line = 0;
  while (line < left.length && line < right.length && left[line] === right[line]) line++;
  return line + 1;
}

/**
 * Compares the committed supergraph with the composed one; `composed` is null when composition
 * failed, and then there is nothing to compare.
 */
export function checkDrift(committed: string | null, composed: string | null): StepResult {
  const result: StepResult = { step: 'drift', title: 'Drift', status: 'passed', summary: '', findings: [] };
  if (composed === null) {
    return { ...result, status: 'skipped', summary: 'skipped: the subgraphs do not compose' };
  }
  let finding: Finding | null = null;
  if (committed === null) {
    finding = {
      step: 'drift',
      severity: 'error',
      code: 'SUPERGRAPH_MISSING',
      message: `${SUPERGRAPH_SDL_PATH} does not exist: ${FIX}.`,
      locations: [SUPERGRAPH_SDL_PATH],
    };
  } else if (committed !== composed) {
    const line = firstDifferentLine(committed, composed);
    finding = {
      step: 'drift',
      severity: 'error',
      code: 'SUPERGRAPH_STALE',
      message: `${SUPERGRAPH_SDL_PATH} is stale: it differs from what composing the subgraphs gives, from line ${line} on. To fix it, ${FIX}.`,
      locations: [`${SUPERGRAPH_SDL_PATH}:${line}:1`],
    };
  }
  if (finding)
    return { ...result, status: 'failed', summary: `${SUPERGRAPH_SDL_PATH} is stale`, findings: [finding] };
  return { ...result, summary: `${SUPERGRAPH_SDL_PATH} is what composition gives` };
}
