// The last line of `npm test`, the one CI reads: "N passed, N failed". It never reads better than the
// run: N failed counts failed tests, test files that failed before any test ran (an import error, a
// beforeAll that throws), and every task of the turbo run that failed without a failing test to show
// for it (a type check, a package whose tests did not run). Exits 1 when N failed > 0.
//
//   node scripts/test-summary.mjs --clean                removes the last run's reports
//   node scripts/test-summary.mjs [--turbo-status <n>]   adds up this run's (<n>: turbo's exit code)
//
// Reads turbo's run summary (`turbo run … --summarize`, .turbo/runs/) for the tasks that ran, and
// each package's vitest JSON report (.vitest/results.json, see vitest.shared.ts) for its tests.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    clean: { type: 'boolean', default: false },
    'turbo-status': { type: 'string', default: '0' },
    // Another copy of the repository (its test uses a temporary one).
    root: { type: 'string', default: new URL('..', import.meta.url).pathname },
  },
});
const root = values.root;
const runsDir = join(root, '.turbo/runs');

/** Workspace folders (patterns here are folders or `folder/*`) whose package.json has a test script. */
function testedPackages() {
  const patterns = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  return patterns
    .flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
        : [pattern],
    )
    .filter((dir) => existsSync(join(root, dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) }))
    .filter(({ manifest }) => manifest.scripts?.test)
    .map(({ dir, manifest }) => ({ directory: dir, package: manifest.name }));
}

const reportOf = (dir) => join(root, dir, '.vitest/results.json');

if (values.clean) {
  for (const { directory } of testedPackages())
    rmSync(join(root, directory, '.vitest'), { recursive: true, force: true });
  rmSync(runsDir, { recursive: true, force: true });
  process.exit(0);
}

/** The tasks of the newest turbo run summary, or null when turbo wrote none (it did not start). */
function turboTasks() {
  const files = existsSync(runsDir) ? readdirSync(runsDir).filter((name) => name.endsWith('.json')) : [];
  if (files.length === 0) return null;
  const newest = files
    .map((name) => join(runsDir, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  return JSON.parse(readFileSync(newest, 'utf8')).tasks;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const problems = [];
const fail = (message) => {
  failed += 1;
  problems.push(message);
};

const tasks = turboTasks();
// Without a run summary, every package with tests was expected to report.
const testTasks = tasks
  ? tasks.filter((task) => task.task === 'test')
  : testedPackages().map((pkg) => ({ ...pkg, execution: undefined }));
for (const task of tasks ?? []) {
  if (task.task !== 'test' && task.execution?.exitCode !== 0) {
    fail(
      `${task.taskId} ${task.execution ? `failed (exit code ${task.execution.exitCode})` : 'did not run'}`,
    );
  }
}
for (const task of testTasks) {
  const report = reportOf(task.directory);
  if (!existsSync(report)) {
    fail(`${task.package}: its tests did not run (no vitest report)`);
    continue;
  }
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
  // A file that failed with no failed test in it never got to run its tests: count the file.
  const brokenFiles = result.testResults.filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  );
  for (const file of brokenFiles) {
    fail(`${relative(root, file.name)}: failed before its tests ran: ${(file.message ?? '').split('\n')[0]}`);
  }
  if (
    result.numFailedTests === 0 &&
    brokenFiles.length === 0 &&
    (!result.success || task.execution?.exitCode)
  ) {
    fail(`${task.package}: vitest failed without a failing test (an unhandled error; see its output)`);
  }
}
const turboStatus = Number(values['turbo-status']);
if (turboStatus !== 0 && failed === 0) fail(`turbo exited with ${turboStatus}`);

for (const problem of problems) console.log(`failed: ${problem}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
