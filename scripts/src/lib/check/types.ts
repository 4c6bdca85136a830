/** What every step of `npm run schema:check` reports, in one shape the text, Markdown and JSON outputs share. */

/** How a schema change affects clients: breaking fails some queries, dangerous may change their results. */
export type ChangeLevel = 'breaking' | 'dangerous' | 'safe';

export type StepName = 'composition' | 'drift' | 'changes' | 'operations' | 'lint';

/** `error` fails the check; `warning` is shown and passes; `info` is listed for the record. */
export type Severity = 'error' | 'warning' | 'info';

export interface Finding {
  step: StepName;
  severity: Severity;
  /** What kind of finding: a composition error code, a change type, a lint rule, … */
  code: string;
  message: string;
  /** The schema coordinate it is about (`Product.title`), when there is one. */
  coordinate?: string;
  /** The subgraph it is about, when there is one. */
  subgraph?: string;
  /** The front-end (`schema/operations/<client>/`) and operation it is about, when there are. */
  client?: string;
  operation?: string;
  /** `path:line:column` places, relative to the repository. */
  locations?: string[];
  /** For a schema change: how graphql-inspector classifies it. */
  level?: ChangeLevel;
  /** For a schema change: the operations (`client/Operation`) that use what it changes. */
  usedBy?: string[];
  /** Why it matters, when the message alone does not say. */
  detail?: string;
}

/** `warned`: passed, with warnings. */
export type StepStatus = 'passed' | 'warned' | 'failed' | 'skipped';

export interface StepResult {
  step: StepName;
  title: string;
  status: StepStatus;
  /** One line saying what the step found: counts, or why it was skipped. */
  summary: string;
  findings: Finding[];
}

export function stepStatus(findings: Finding[]): StepStatus {
  if (findings.some((finding) => finding.severity === 'error')) return 'failed';
  return findings.some((finding) => finding.severity === 'warning') ? 'warned' : 'passed';
}

export function count(findings: Finding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}
