/**
 * Step 3: what changed in the client-facing API schema (the supergraph's API schema: no federation
 * machinery, no @inaccessible parts) between a base revision and now, each change breaking, dangerous
 * or safe, as graphql-inspector classifies it.
 */
import { type Change, CriticalityLevel, DiffRule, diff } from '@graphql-inspector/core';
import { type GraphQLSchema, isInterfaceType, isObjectType } from 'graphql';
import type { CrossCenterField } from './partial-answers.ts';
import type { ChangeLevel, Finding, StepResult } from './types.ts';

export type { ChangeLevel };

export interface SchemaChange {
  level: ChangeLevel;
  /** graphql-inspector's change type, such as FIELD_REMOVED. */
  type: string;
  message: string;
  /** The schema coordinate changed (`Product.title`, `Product.reviews.first`), when there is one. */
  coordinate?: string;
  /** Why graphql-inspector deems it breaking or dangerous. */
  reason?: string;
}

const LEVELS: Record<CriticalityLevel, ChangeLevel> = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
};

const ORDER: ChangeLevel[] = ['breaking', 'dangerous', 'safe'];

/** Every change from `base` to `next`, breaking first; an added type or field hides its own parts' additions. */
export async function diffApiSchemas(base: GraphQLSchema, next: GraphQLSchema): Promise<SchemaChange[]> {
  const changes: Change[] = await diff(base, next, [DiffRule.simplifyChanges]);
  return changes
    .map((change) => ({
      level: LEVELS[change.criticality.level],
      type: String(change.type),
      message: change.message,
      ...(change.path ? { coordinate: change.path } : {}),
      ...(change.criticality.reason ? { reason: change.criticality.reason } : {}),
    }))
    .sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
}

function outputFieldType(schema: GraphQLSchema, coordinate: string): string | undefined {
  const [type, field, ...rest] = coordinate.split('.');
  const named = schema.getType(type ?? '');
  if (rest.length > 0 || !field || !(isObjectType(named) || isInterfaceType(named))) return undefined;
  const definition = named.getFields()[field];
  return definition ? String(definition.type) : undefined;
}

/**
 * A cross-center field made nullable, as the partial-answers rule asks, is dangerous rather than
 * breaking: a client may now see null there, but only when the center behind it is down, where before
 * it lost the whole parent. Clients are to read it as optional (docs/partial-answers.md).
 */
export function nullableForPartialAnswers(
  changes: SchemaChange[],
  base: GraphQLSchema,
  next: GraphQLSchema,
  crossCenter: CrossCenterField[],
): SchemaChange[] {
  const fields = new Set(crossCenter.map((field) => field.coordinate));
  return changes
    .map((change) => {
      if (change.level !== 'breaking' || change.type !== 'FIELD_TYPE_CHANGED') return change;
      if (!change.coordinate || !fields.has(change.coordinate)) return change;
      const before = outputFieldType(base, change.coordinate);
      const after = outputFieldType(next, change.coordinate);
      if (before === undefined || before !== `${after}!`) return change;
      return {
        ...change,
        level: 'dangerous' as const,
        reason:
          'Made nullable by the partial-answers rule: a null here means the center behind the field is down, where the whole parent used to be lost (docs/partial-answers.md).',
      };
    })
    .sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
}

/** Why there is no base to compare with, or the base's label and its changes (with the operations using each). */
export type ChangesOutcome =
  | { skipped: string }
  | { base: string; changes: SchemaChange[]; usedBy: Map<SchemaChange, string[]> };

export function changesStep(outcome: ChangesOutcome): StepResult {
  const title = 'Breaking changes';
  if ('skipped' in outcome) {
    return {
      step: 'changes',
      title,
      status: 'skipped',
      summary: `skipped: ${outcome.skipped}`,
      findings: [],
    };
  }
  const findings: Finding[] = outcome.changes.map((change) => {
    const usedBy = outcome.usedBy.get(change) ?? [];
    return {
      step: 'changes',
      // A breaking change fails the check through the operations it breaks (step 4), not by itself.
      severity: change.level === 'safe' ? 'info' : 'warning',
      code: change.type,
      level: change.level,
      message: change.message,
      ...(change.coordinate ? { coordinate: change.coordinate } : {}),
      ...(change.level === 'safe' ? {} : { usedBy }),
      ...(change.reason ? { detail: change.reason } : {}),
    };
  });
  const byLevel = (level: ChangeLevel) => outcome.changes.filter((change) => change.level === level);
  const breaking = byLevel('breaking');
  const used = breaking.filter((change) => (outcome.usedBy.get(change) ?? []).length > 0).length;
  const counts = `${breaking.length} breaking${breaking.length > 0 ? ` (${used} used by registered operations)` : ''}, ${byLevel('dangerous').length} dangerous, ${byLevel('safe').length} safe`;
  return {
    step: 'changes',
    title,
    status: breaking.length + byLevel('dangerous').length > 0 ? 'warned' : 'passed',
    summary: `against ${outcome.base}: ${outcome.changes.length === 0 ? 'no changes' : counts}`,
    findings,
  };
}
