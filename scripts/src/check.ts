/**
 * `npm run schema:check [-- --base <git-ref>] [--json] [--markdown <file>]`: composes the subgraphs,
 * checks the committed supergraph is current, reports the API schema's changes since the base (each
 * breaking, dangerous or safe), fails the breaking changes that registered front-end operations use,
 * and lints the API schema. Every finding is reported; exits 1 when any is an error, 0 otherwise.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultBase } from './lib/check/inputs.ts';
import { formatMarkdown, formatText, toJson } from './lib/check/report.ts';
import { runSchemaCheck } from './lib/check/run.ts';
import { REPO_ROOT } from './lib/supergraph.ts';

const USAGE = `Usage: npm run schema:check -- [--base <git-ref>] [--json] [--markdown <file>]

  --base <git-ref>   what to compare the API schema with (default: git merge-base HEAD origin/main
                     when origin/main exists, else HEAD~1)
  --json             print the report as JSON on stdout instead of text (use npm run --silent to keep
                     npm's own lines out of it)
  --markdown <file>  also write the report as Markdown to <file>, for a pull request comment
  --root <dir>       check the schema inputs of another directory laid out like this repository
                     (default: this repository); --base then names a commit of <dir>'s repository`;

let values: { base?: string; json?: boolean; markdown?: string; root?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      base: { type: 'string' },
      json: { type: 'boolean' },
      markdown: { type: 'string' },
      root: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(1);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

// npm runs scripts from the repository root; paths given on the command line are relative to where it was typed.
const cwd = process.env.INIT_CWD ?? process.cwd();
const root = values.root ? resolve(cwd, values.root) : REPO_ROOT;
try {
  const report = await runSchemaCheck({ root, base: values.base ? { ref: values.base } : defaultBase(root) });
  if (values.markdown) writeFileSync(resolve(cwd, values.markdown), formatMarkdown(report));
  console.log(values.json ? toJson(report) : formatText(report));
  process.exitCode = report.ok ? 0 : 1;
} catch (error) {
  console.error(`schema:check could not run: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
}
