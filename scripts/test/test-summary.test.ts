import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { REPO_ROOT } from '../src/lib/supergraph.ts';

const SUMMARY = join(REPO_ROOT, 'scripts/test-summary.mjs');
const VITEST = join(REPO_ROOT, 'node_modules/vitest/vitest.mjs');

const PASSING = `import { expect, test } from 'vitest';
test('adds', () => { expect(1 + 1).toBe(2); });
`;
const SETUP_THROWS = `import { beforeAll, expect, test } from 'vitest';
beforeAll(() => { throw new Error('the database is not there'); });
test('never runs', () => { expect(true).toBe(true); });
`;
const IMPORT_FAILS = `import { missing } from './not-a-file.ts';
import { expect, test } from 'vitest';
test('never runs either', () => { expect(missing).toBe(1); });
`;
const TEST_FAILS = `import { expect, test } from 'vitest';
test('is wrong', () => { expect(1 + 1).toBe(3); });
`;

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A repository with packages `a` and `b` (both with a test script), node_modules linked from ours. */
function repository(): string {
  root = mkdtempSync(join(tmpdir(), 'zhongtai-summary-'));
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  write('package.json', JSON.stringify({ name: 'r', private: true, workspaces: ['a', 'b'] }));
  for (const name of ['a', 'b']) {
    write(`${name}/package.json`, JSON.stringify({ name, scripts: { test: 'vitest run' } }));
  }
  return root;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(join(root!, path)), { recursive: true });
  writeFileSync(join(root!, path), text);
}

/** Runs real vitest in a package, with the JSON report npm test reads. */
function vitest(dir: string, files: Record<string, string>): number | null {
  for (const [name, text] of Object.entries(files)) write(`${dir}/test/${name}`, text);
  const run = spawnSync(
    process.execPath,
    [VITEST, 'run', '--reporter=json', '--outputFile=.vitest/results.json'],
    { cwd: join(root!, dir), encoding: 'utf8', env: { ...process.env, CI: '1' } },
  );
  return run.status;
}

/** turbo's run summary (`--summarize`): one task per entry, exit codes as turbo records them. */
function turboRun(tasks: { id: string; exitCode?: number }[]): void {
  write(
    '.turbo/runs/run.json',
    JSON.stringify({
      tasks: tasks.map(({ id, exitCode }) => {
        const [pkg, task] = id.split('#');
        return {
          taskId: id,
          task,
          package: pkg,
          directory: pkg,
          execution: exitCode === undefined ? undefined : { exitCode },
        };
      }),
    }),
  );
}

const summary = (...args: string[]) =>
  spawnSync(process.execPath, [SUMMARY, '--root', root!, ...args], { encoding: 'utf8' });
const lastLine = (text: string) => text.trim().split('\n').at(-1);

test('a file that fails in its setup or its imports counts as failed, and so does a package that never ran', () => {
  repository();
  expect(
    vitest('a', { 'ok.test.ts': PASSING, 'setup.test.ts': SETUP_THROWS, 'import.test.ts': IMPORT_FAILS }),
  ).toBe(1);
  turboRun([
    { id: 'a#typecheck', exitCode: 0 },
    { id: 'a#test', exitCode: 1 },
    { id: 'b#typecheck', exitCode: 2 },
    { id: 'b#test' },
  ]);
  const result = summary('--turbo-status', '1');
  expect(lastLine(result.stdout)).toBe('1 passed, 4 failed, 1 skipped');
  expect(result.stdout).toMatch(
    /failed: a\/test\/setup\.test\.ts: failed before its tests ran: the database is not there/,
  );
  expect(result.stdout).toMatch(
    /failed: a\/test\/import\.test\.ts: failed before its tests ran: .*not-a-file/,
  );
  expect(result.stdout).toMatch(/failed: b#typecheck failed \(exit code 2\)/);
  expect(result.stdout).toMatch(/failed: b: its tests did not run/);
  expect(result.status).toBe(1);
}, 60_000);

test('failed tests are counted once, and a clean run reads 0 failed with exit code 0', () => {
  repository();
  expect(vitest('a', { 'ok.test.ts': PASSING, 'wrong.test.ts': TEST_FAILS })).toBe(1);
  expect(vitest('b', { 'ok.test.ts': PASSING })).toBe(0);
  turboRun([
    { id: 'a#test', exitCode: 1 },
    { id: 'b#test', exitCode: 0 },
  ]);
  const failing = summary('--turbo-status', '1');
  expect(lastLine(failing.stdout)).toBe('2 passed, 1 failed');
  expect(failing.status).toBe(1);

  rmSync(join(root!, 'a/test/wrong.test.ts'));
  expect(vitest('a', {})).toBe(0);
  turboRun([
    { id: 'a#test', exitCode: 0 },
    { id: 'b#test', exitCode: 0 },
  ]);
  const passing = summary('--turbo-status', '0');
  expect(passing.stdout.trim()).toBe('2 passed, 0 failed');
  expect(passing.status).toBe(0);

  // turbo failing with nothing else to show for it still fails the line.
  expect(lastLine(summary('--turbo-status', '1').stdout)).toBe('2 passed, 1 failed');
}, 60_000);

test('--clean removes the last run: without a run summary, every package with tests must report', () => {
  repository();
  expect(vitest('a', { 'ok.test.ts': PASSING })).toBe(0);
  turboRun([{ id: 'a#test', exitCode: 0 }]);
  expect(summary('--clean').status).toBe(0);
  expect(existsSync(join(root!, 'a/.vitest'))).toBe(false);
  expect(existsSync(join(root!, '.turbo/runs'))).toBe(false);
  const result = summary();
  expect(lastLine(result.stdout)).toBe('0 passed, 2 failed');
  expect(result.stdout).toMatch(/failed: a: its tests did not run/);
}, 60_000);
