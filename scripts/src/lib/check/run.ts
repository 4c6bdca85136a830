/** `npm run schema:check`'s five steps, run in order on a directory's schema inputs; every finding is kept. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { MANIFEST_FILE, staleManifests } from '../manifests.ts';
import { apiSchemaOf } from '../operations.ts';
import { staleTypedDocuments } from '../typed-documents.ts';
import {
  type ChangesOutcome,
  changesStep,
  diffApiSchemas,
  nullableForPartialAnswers,
  type SchemaChange,
} from './changes.ts';
import { checkComposition, composeInputs } from './composition.ts';
import { checkDrift } from './drift.ts';
import {
  OPERATIONS_PATH,
  readGitRevision,
  readOperations,
  readWorkTree,
  resolveCommit,
  type SchemaInputs,
} from './inputs.ts';
import { DEFAULT_LINT_CONFIG, type LintConfig, lintSchema, lintStep } from './lint.ts';
import { locatorFor } from './locate.ts';
import { checkOperations, operationsUsing, readRegisteredOperations } from './operations.ts';
import { crossCenterFields } from './partial-answers.ts';
import { count, type Finding, type StepResult } from './types.ts';

/** What to compare with: a git revision of the repository at `root`, inputs read elsewhere, or nothing. */
export type BaseSpec =
  /** `name` is how the report names the revision (default: `ref`). */
  { ref: string; name?: string } | { label: string; inputs: SchemaInputs } | { none: string };

export interface CheckOptions {
  /** The directory whose schema/ and subgraph SDLs are checked: the repository, or a copy of its layout. */
  root: string;
  base: BaseSpec;
  lint?: LintConfig;
}

export interface CheckReport {
  ok: boolean;
  /** What the changes were compared with, when there was something. */
  base: { label: string; commit?: string } | null;
  errors: number;
  warnings: number;
  steps: StepResult[];
}

type Base =
  | { label: string; commit?: string; schema: GraphQLSchema }
  | { label: string | null; skipped: string };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The base's API schema, or why there is none (a base that does not compose is skipped, not an error). */
function resolveBase(root: string, spec: BaseSpec): Base {
  if ('none' in spec) return { label: null, skipped: spec.none };
  let label: string;
  let commit: string | undefined;
  let inputs: SchemaInputs;
  if ('ref' in spec) {
    const resolved = resolveCommit(root, spec.ref);
    if (!resolved)
      return { label: spec.ref, skipped: `the base ${spec.ref} is not a commit of this repository` };
    commit = resolved;
    const name = spec.name ?? spec.ref;
    label = name === resolved ? resolved.slice(0, 12) : `${name} (${resolved.slice(0, 12)})`;
    inputs = readGitRevision(root, resolved, label);
  } else {
    label = spec.label;
    inputs = spec.inputs;
  }
  const at = { label, ...(commit ? { commit } : {}) };
  if (inputs.problems.some((problem) => problem.code === 'NO_SUPERGRAPH_CONFIG')) {
    return { ...at, skipped: `the base ${label} has no schema/supergraph.yaml` };
  }
  const { supergraphSdl, problems } = composeInputs(inputs);
  if (supergraphSdl === null) {
    return {
      ...at,
      skipped: `the base ${label} does not compose (${problems.length} error(s), the first: ${problems[0]?.message.split('\n')[0]})`,
    };
  }
  try {
    return { ...at, schema: apiSchemaOf(supergraphSdl) };
  } catch (error) {
    return { ...at, skipped: `the base ${label}'s API schema cannot be built: ${errorMessage(error)}` };
  }
}

export async function runSchemaCheck(options: CheckOptions): Promise<CheckReport> {
  const { root } = options;
  const inputs = readWorkTree(root);

  // 1. Composition.
  const composition = checkComposition(inputs);
  let schema: GraphQLSchema | null = null;
  if (composition.supergraphSdl !== null) {
    try {
      schema = apiSchemaOf(composition.supergraphSdl);
    } catch (error) {
      const finding: Finding = {
        step: 'composition',
        severity: 'error',
        code: 'API_SCHEMA',
        message: `The composed supergraph has no valid API schema: ${errorMessage(error)}`,
      };
      composition.result.findings.push(finding);
      composition.result.status = 'failed';
    }
  }

  // 2. Drift: the supergraph, and the trusted documents each client's operations make.
  const drift = checkDrift(inputs.supergraphSdl, composition.supergraphSdl);
  const operationsDir = join(root, OPERATIONS_PATH);
  let stale: string[] = [];
  try {
    stale = existsSync(operationsDir) ? staleManifests(operationsDir) : [];
  } catch {
    // An operation that does not parse is step 4's finding; its manifest cannot be judged.
  }
  for (const client of stale) {
    drift.findings.push({
      step: 'drift',
      severity: 'error',
      code: 'MANIFEST_STALE',
      message: `${OPERATIONS_PATH}/${client}/${MANIFEST_FILE} is not what the ${client} operations give: run \`npm run schema:compose\` and commit it.`,
      locations: [`${OPERATIONS_PATH}/${client}/${MANIFEST_FILE}`],
    });
  }
  if (stale.length > 0) {
    const manifests = `stale trusted documents: ${stale.join(', ')}`;
    drift.summary = drift.status === 'failed' ? `${drift.summary}; ${manifests}` : manifests;
    drift.status = 'failed';
  }
  // The typed client documents follow the operations and the API schema, so they are judged only
  // when both are sound (otherwise steps 1 and 4 report why).
  let staleTypes: string[] = [];
  if (schema !== null && existsSync(operationsDir)) {
    try {
      staleTypes = await staleTypedDocuments(schema, operationsDir);
    } catch {
      staleTypes = [];
    }
  }
  for (const file of staleTypes) {
    drift.findings.push({
      step: 'drift',
      severity: 'error',
      code: 'TYPED_DOCUMENTS_STALE',
      message: `${OPERATIONS_PATH}/${file} is not what the operations and the API schema give: run \`npm run schema:compose\` and commit it.`,
      locations: [`${OPERATIONS_PATH}/${file}`],
    });
  }
  if (staleTypes.length > 0) {
    const types = `stale typed documents: ${staleTypes.join(', ')}`;
    drift.summary = drift.status === 'failed' ? `${drift.summary}; ${types}` : types;
    drift.status = 'failed';
  }

  // 3. Breaking changes, and 4. the operations that use them.
  const base = resolveBase(root, options.base);
  const read = readRegisteredOperations(readOperations(root));
  let outcome: ChangesOutcome;
  let usedBy = new Map<SchemaChange, string[]>();
  if ('skipped' in base) outcome = { skipped: base.skipped };
  else if (schema === null) outcome = { skipped: 'the subgraphs do not compose' };
  else {
    const changes = nullableForPartialAnswers(
      await diffApiSchemas(base.schema, schema),
      base.schema,
      schema,
      crossCenterFields(inputs.subgraphs),
    );
    usedBy = operationsUsing(base.schema, read.operations, changes);
    outcome = { base: base.label, changes, usedBy };
  }
  const changes = changesStep(outcome);
  const operations = checkOperations({
    schema,
    operations: read.operations,
    problems: read.problems,
    usedBy,
  });

  // 5. Lint.
  const lintFindings = schema
    ? lintSchema(schema, options.lint ?? DEFAULT_LINT_CONFIG, {
        locate: locatorFor(inputs.subgraphs),
        subgraphs: inputs.subgraphs,
      })
    : [];
  const lint = lintStep(schema, lintFindings);

  const steps = [composition.result, drift, changes, operations, lint];
  const findings = steps.flatMap((step) => step.findings);
  const errors = count(findings, 'error');
  return {
    ok: errors === 0,
    base:
      base.label === null
        ? null
        : { label: base.label, ...('commit' in base && base.commit ? { commit: base.commit } : {}) },
    errors,
    warnings: count(findings, 'warning'),
    steps,
  };
}
