/** The schema check's report as terminal text, as Markdown (a pull request comment or job summary) and as JSON. */
import type { CheckReport } from './run.ts';
import { type Finding, plural, type Severity, type StepResult, type StepStatus } from './types.ts';

const STEP_ICON: Record<StepStatus, string> = { passed: '✓', warned: '⚠', failed: '✗', skipped: '–' };
const FINDING_ICON: Record<Severity, string> = { error: '✗', warning: '⚠', info: '·' };
const STEP_EMOJI: Record<StepStatus, string> = { passed: '✅', warned: '⚠️', failed: '❌', skipped: '⏭️' };
const FINDING_EMOJI: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

function totals(report: CheckReport): string {
  return `${plural(report.errors, 'error')}, ${plural(report.warnings, 'warning')}`;
}

/** A change's level and the operations using it, or a lint rule, or a composition error code. */
function label(finding: Finding): string {
  if (finding.step === 'changes') return (finding.level ?? 'safe').toUpperCase();
  return finding.code;
}

function usage(finding: Finding): string | null {
  if (finding.usedBy === undefined) return null;
  return finding.usedBy.length > 0
    ? `used by ${finding.usedBy.join(', ')}`
    : 'no registered operation uses it';
}

export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  lines.push(`Schema check${report.base ? ` against ${report.base.label}` : ''}`, '');
  for (const step of report.steps) {
    lines.push(`${STEP_ICON[step.status]} ${step.title}: ${step.summary}`);
    for (const finding of step.findings) {
      const coordinate =
        finding.coordinate && !finding.message.includes(finding.coordinate) ? ` (${finding.coordinate})` : '';
      const subgraph =
        finding.step === 'composition' && finding.subgraph && !finding.message.startsWith('[')
          ? `[${finding.subgraph}] `
          : '';
      lines.push(
        `    ${FINDING_ICON[finding.severity]} [${label(finding)}] ${subgraph}${finding.message}${coordinate}`,
      );
      const used = usage(finding);
      if (used) lines.push(`        ${used}`);
      for (const location of finding.locations ?? []) lines.push(`        at ${location}`);
    }
  }
  lines.push('', `${report.ok ? '✓ Passed' : '✗ Failed'}: ${totals(report)}`);
  return lines.join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

function markdownFindings(step: StepResult): string[] {
  if (step.step === 'changes') {
    const rows = step.findings.map((finding) =>
      [
        `${FINDING_EMOJI[finding.severity]} ${label(finding).toLowerCase()}`,
        cell(finding.message),
        finding.coordinate ? code(finding.coordinate) : '',
        finding.usedBy === undefined
          ? ''
          : finding.usedBy.length > 0
            ? finding.usedBy.map(code).join(', ')
            : 'none',
      ].join(' | '),
    );
    return [
      '| level | change | coordinate | used by |',
      '| --- | --- | --- | --- |',
      ...rows.map((r) => `| ${r} |`),
    ];
  }
  return step.findings.map((finding) => {
    const where = (finding.locations ?? []).map(code).join(', ');
    return `- ${FINDING_EMOJI[finding.severity]} **${finding.code}** ${cell(finding.message)}${where ? ` — ${where}` : ''}`;
  });
}

export function formatMarkdown(report: CheckReport): string {
  const lines: string[] = [];
  lines.push(`## Schema check ${report.ok ? '✅ passed' : '❌ failed'}`, '');
  lines.push(
    `${report.base ? `Compared with ${code(report.base.label)}. ` : ''}${totals(report)}.`,
    '',
    '| step | result | |',
    '| --- | --- | --- |',
  );
  for (const step of report.steps)
    lines.push(`| ${step.title} | ${STEP_EMOJI[step.status]} | ${cell(step.summary)} |`);
  for (const step of report.steps) {
    if (step.findings.length === 0) continue;
    const errors = step.findings.some((finding) => finding.severity === 'error');
    const breaking = step.step === 'changes' && step.findings.some((finding) => finding.severity !== 'info');
    lines.push('');
    // Lint warnings and safe changes fold away, so errors and breaking changes stand out.
    if (errors || breaking)
      lines.push(`### ${STEP_EMOJI[step.status]} ${step.title}`, '', ...markdownFindings(step));
    else {
      lines.push(
        `<details><summary>${STEP_EMOJI[step.status]} ${step.title}: ${cell(step.summary)}</summary>`,
        '',
        ...markdownFindings(step),
        '',
        '</details>',
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

export function toJson(report: CheckReport): string {
  return JSON.stringify(
    {
      ok: report.ok,
      exitCode: report.ok ? 0 : 1,
      base: report.base,
      errors: report.errors,
      warnings: report.warnings,
      steps: report.steps.map(({ step, title, status, summary, findings }) => ({
        step,
        title,
        status,
        summary,
        errors: findings.filter((finding) => finding.severity === 'error').length,
        warnings: findings.filter((finding) => finding.severity === 'warning').length,
      })),
      findings: report.steps.flatMap((step) => step.findings),
    },
    null,
    2,
  );
}
