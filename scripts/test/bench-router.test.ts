import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO_ROOT } from '../src/lib/supergraph.ts';

interface BenchRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBench(args: string[]): Promise<BenchRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      join(REPO_ROOT, 'node_modules/.bin/tsx'),
      [join(REPO_ROOT, 'scripts/src/bench-router.ts'), ...args],
      { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => resolveRun({ code, stdout, stderr }));
  });
}

const figure = expect.any(Number);

// Figures are printed, never asserted: this checks that the instrument runs, that every gateway
// gave the expected answer, and the shape of what it reports.
test('bench:router runs stock, apollo and native once and reports one JSON object of their figures', async () => {
  const run = await runBench([
    '--duration',
    '1',
    '--warmup',
    '0',
    '--rounds',
    '1',
    '--connections',
    '2',
    '--json',
  ]);
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout);

  expect(report.gateways.map((g: { name: string }) => g.name)).toEqual(['stock', 'apollo', 'native']);
  for (const gateway of report.gateways) {
    expect(gateway).toMatchObject({
      rps: figure,
      p50Ms: figure,
      p99Ms: figure,
      failures: 0,
      requestsPerCpuSecond: figure,
      subgraphCallsPerRequest: figure,
      rssMb: figure,
    });
    expect(gateway.rssMb).toBeGreaterThan(0);
    // A federated answer needs all four subgraphs; each gateway's plan reaches them in several calls.
    expect(gateway.subgraphCallsOfOneRequest).toBeGreaterThanOrEqual(4);
  }
  // Null when a gateway answered nothing within the second (a starved machine); numbers otherwise.
  for (const key of ['nativeVsStock', 'nativeVsStockCpu']) {
    expect(key in report.ratios).toBe(true);
    expect(report.ratios[key] === null || typeof report.ratios[key] === 'number').toBe(true);
  }
  // The Guild's query answers about 87 KB.
  expect(report.answer).toEqual({ bytes: expect.any(Number), matched: true });
  expect(report.answer.bytes).toBeGreaterThan(80_000);
  for (const round of report.rounds) {
    expect(['exact', 'same JSON']).toContain(round.match);
    expect(round.sent).toBeGreaterThan(0);
  }
}, 180_000);
