import { parseArgs } from 'node:util';
import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';
import { generatedCorpus, testSourceCorpus } from './corpus.ts';
import { emptyReport, formatReport, runCases, startDifferential, unknownDifferences } from './harness.ts';

// `npm run differential -- --count 2000 [--seed N]`: the front-end flow, the end-to-end tests' queries
// and `count` generated queries, each through a router on the apollo engine and one on the native
// engine over the same centers and seeded database. Exits 1 when any answer differs.

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
  },
});
const count = Number(values.count);
const seed = Number(values.seed);
if (!Number.isInteger(count) || count < 0 || !Number.isInteger(seed)) {
  console.error('usage: npm run differential -- [--count N] [--seed N]');
  process.exit(2);
}

const started = performance.now();
const database = await createTestDatabase('differential');
const differential = await startDifferential(database);
const ready = performance.now();
const report = emptyReport();
try {
  await differential.runFlow(report);
  await runCases(differential, report, testSourceCorpus(differential.schema, differential.pools, seed));
  await runCases(
    differential,
    report,
    generatedCorpus(differential.schema, differential.pools, seed, count).cases,
  );
} finally {
  await differential.stop();
  await database.drop();
}
const finished = performance.now();
console.log(formatReport(report, differential.sides));
console.log(
  `\nseed ${seed}; setup ${((ready - started) / 1000).toFixed(1)} s, ${report.operations} operations in ${((finished - ready) / 1000).toFixed(1)} s`,
);
process.exit(unknownDifferences(report).length > 0 || report.failedChecks.length > 0 ? 1 : 0);
