/** Step 1: every subgraph's SDL composes into a supergraph; each error names its subgraph and location. */
import { type CompositionProblem, composeSdls } from '../supergraph.ts';
import type { SchemaInputs } from './inputs.ts';
import { type Finding, plural, type StepResult, stepStatus } from './types.ts';

export interface CompositionCheck {
  result: StepResult;
  /** The composed supergraph, or null when composition failed. */
  supergraphSdl: string | null;
}

/** The subgraphs a problem is about: those its locations point into, or the `[name]` its message starts with. */
function subgraphsOf(problem: CompositionProblem, inputs: SchemaInputs): string[] {
  const names = new Set<string>();
  for (const location of problem.locations) {
    for (const subgraph of inputs.subgraphs)
      if (location.startsWith(`${subgraph.file}:`)) names.add(subgraph.name);
  }
  for (const match of problem.message.matchAll(/\[([a-z][a-z0-9-]*)\]/g)) {
    if (inputs.subgraphs.some((subgraph) => subgraph.name === match[1])) names.add(match[1]!);
  }
  return [...names];
}

export function toFinding(problem: CompositionProblem, inputs: SchemaInputs): Finding {
  const subgraphs = subgraphsOf(problem, inputs);
  return {
    step: 'composition',
    severity: 'error',
    code: problem.code,
    message: problem.message,
    ...(subgraphs.length > 0 ? { subgraph: subgraphs.join(', ') } : {}),
    locations: problem.locations,
  };
}

/** Composes the inputs unless reading them already failed: the supergraph, or every problem. */
export function composeInputs(inputs: SchemaInputs): {
  supergraphSdl: string | null;
  problems: CompositionProblem[];
} {
  if (inputs.problems.length > 0) return { supergraphSdl: null, problems: [...inputs.problems] };
  const composed = composeSdls(inputs.subgraphs);
  return composed.ok
    ? { supergraphSdl: composed.supergraphSdl, problems: [] }
    : { supergraphSdl: null, problems: [...composed.problems] };
}

export function checkComposition(inputs: SchemaInputs): CompositionCheck {
  const title = 'Composition';
  const names = inputs.subgraphs.map((subgraph) => subgraph.name).join(', ');
  const { supergraphSdl, problems } = composeInputs(inputs);
  const findings = problems.map((problem) => toFinding(problem, inputs));
  return {
    supergraphSdl,
    result: {
      step: 'composition',
      title,
      status: stepStatus(findings),
      summary:
        findings.length === 0
          ? `${plural(inputs.subgraphs.length, 'subgraph')} compose (${names})`
          : `${plural(findings.length, 'error')} composing ${plural(inputs.subgraphs.length, 'subgraph')}`,
      findings,
    },
  };
}
