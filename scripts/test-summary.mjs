// Adds up the vitest JSON reports of every workspace into the one line CI reads: "N passed, N failed".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const patterns = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
// Workspace patterns here are folders or `folder/*`.
const dirs = patterns.flatMap((pattern) =>
  pattern.endsWith('/*')
    ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => join(pattern.slice(0, -2), name))
    : [pattern],
);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of dirs) {
  const report = join(root, dir, '.vitest/results.json');
  if (!existsSync(report)) continue;
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
