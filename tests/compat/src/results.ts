/**
 * Reads the results.json the compatibility suite wrote (`fedtest ... --format json`), prints one row
 * per tested directive, and exits non-zero unless every test the suite defines passed.
 *
 *   tsx tests/compat/src/results.ts <results.json>
 */
import { readFileSync } from 'node:fs';
import { TESTS } from '@apollo/federation-subgraph-compatibility-tests/dist/testRunner.js';

type Results = Record<string, { success: boolean } | undefined>;

const path = process.argv[2];
if (!path) {
  console.error('usage: tsx tests/compat/src/results.ts <results.json>');
  process.exit(2);
}

let results: Results = {};
try {
  results = JSON.parse(readFileSync(path, 'utf8')) as Results;
} catch (error) {
  console.error(`compat: the suite left no results (${(error as Error).message})`);
}

const rows = TESTS.map((test) => {
  const outcome = results[test.assertion];
  const result = outcome === undefined ? 'not run' : outcome.success ? 'pass' : 'FAIL';
  return {
    federation: `v${test.fedVersion}`,
    test: test.column,
    required: test.required ? 'required' : 'optional',
    result,
  };
});

const columns = ['federation', 'test', 'required', 'result'] as const;
const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
const line = (cells: readonly string[]) =>
  `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
console.log('\nApollo Federation subgraph compatibility: products subgraph on @zhongtai/subgraph-kit');
console.log(line(columns));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const row of rows) console.log(line(columns.map((c) => row[c])));

const passed = rows.filter((r) => r.result === 'pass').length;
const failed = rows.length - passed;
console.log(`\ncompat: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && rows.length > 0 ? 0 : 1);
