import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pidListeningOn } from '@zhongtai/scripts/ports';
import { REPO_ROOT } from '@zhongtai/scripts/supergraph';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { graphql } from '../src/client.ts';
import { embeddedEnv, npmStart, ROUTER, START_PORTS, type Started } from '../src/npm-start.ts';

// `npm start` as a supervisor: one data directory for the file, seeded by its first start.
const dataDir = mkdtempSync(join(tmpdir(), 'zhongtai-supervise-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

let running: Started | undefined;
afterEach(async () => {
  // Whatever a test left: SIGTERM to the launcher's group (it may be gone already), a moment for
  // its children to stop, then SIGKILL to anything still on our ports.
  if (running) {
    try {
      process.kill(-running.child.pid!, 'SIGTERM');
    } catch {}
    await expect
      .poll(() => START_PORTS.every((port) => pidListeningOn(port) === null), { timeout: 20_000 })
      .toBe(true)
      .catch(() => {});
  }
  running = undefined;
  for (const port of START_PORTS) {
    const pid = pidListeningOn(port);
    if (pid !== null) process.kill(pid, 'SIGKILL');
  }
}, 60_000);

const PRODUCTS = '{ products(first: 3) { edges { node { id title } } } }';

/** The pid of the node process running scripts/src/dev.ts: the router's parent. */
function launcherPid(): number {
  const router = pidListeningOn(4000);
  if (router === null) throw new Error('nothing listens on 4000');
  const stat = readFileSync(`/proc/${router}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
}

async function expectPortsFreeWithin(ms: number) {
  await expect
    .poll(() => START_PORTS.filter((port) => pidListeningOn(port) !== null), { timeout: ms, interval: 100 })
    .toEqual([]);
}

describe('npm start keeps the supergraph up and leaves nothing behind', () => {
  test('a center killed with kill -9 is back and serving within 10 s, the router answering throughout', async () => {
    running = await npmStart(dataDir);
    const products = pidListeningOn(4002);
    expect(products).not.toBeNull();
    process.kill(products!, 'SIGKILL');
    const killedAt = Date.now();
    let routerFailures = 0;
    let back: number | undefined;
    // Polled past the 10 s bound, so a slow recovery is measured rather than only failed.
    while (Date.now() - killedAt < 60_000) {
      // The router answers every request, the product list failing while its center is down.
      const health = await fetch('http://127.0.0.1:4000/health').catch(() => null);
      if (!health?.ok) routerFailures += 1;
      const answer = await graphql<{ products: { edges: unknown[] } | null }>(ROUTER, PRODUCTS).catch(
        () => null,
      );
      if (answer === null) routerFailures += 1;
      const listening = pidListeningOn(4002);
      if (answer?.data?.products?.edges.length === 3 && listening !== null && listening !== products) {
        back = Date.now() - killedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    console.log(`products back after kill -9: ${back} ms; router failures meanwhile: ${routerFailures}`);
    expect(back, running.output.join('').slice(-3000)).toBeLessThanOrEqual(10_000);
    expect(routerFailures).toBe(0);
    expect(running.output.join('')).toMatch(/products exited unexpectedly \(code 128\); restarting it in/);
    await expect.poll(() => running!.output.join(''), { timeout: 5000 }).toMatch(/products is back, /);
    // The first start of the file seeds the embedded databases: minutes on a busy machine.
  }, 400_000);

  test('SIGHUP to the launcher’s process group (a closed terminal) leaves no process on 4000–4011 within 5 s', async () => {
    running = await npmStart(dataDir);
    process.kill(-running.child.pid!, 'SIGHUP');
    await expectPortsFreeWithin(5000);
  });

  test('SIGKILL of the launcher leaves no process on 4000–4011 within 5 s', async () => {
    running = await npmStart(dataDir);
    process.kill(launcherPid(), 'SIGKILL');
    await expectPortsFreeWithin(5000);
  });

  test('a start on a taken port says which, in one line, starts nothing and exits 1', async () => {
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(4010, '127.0.0.1', resolve));
    try {
      const start = spawn('npm', ['run', '--silent', 'start'], {
        cwd: REPO_ROOT,
        env: embeddedEnv(dataDir),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      start.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      start.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      const code = await new Promise<number | null>((resolve) => start.once('exit', resolve));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(`port 4010 (fresh) is in use by pid ${process.pid}`);
      expect(stdout).not.toContain('ready');
      expect(START_PORTS.filter((port) => port !== 4010 && pidListeningOn(port) !== null)).toEqual([]);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });
});

describe('npm start with a configuration mistake', () => {
  test('prints the message with the value given, no stack trace, and exits 1', () => {
    const start = spawnSync('npm', ['run', '--silent', 'start'], {
      cwd: REPO_ROOT,
      env: { ...embeddedEnv(dataDir), PORT: 'four thousand' },
      encoding: 'utf8',
    });
    expect(start.status).toBe(1);
    expect(start.stderr.trim()).toBe(
      'Invalid configuration for Zhongtai scripts:\n  - PORT: Invalid input: expected number (given: "four thousand")',
    );
    expect(start.stdout).not.toContain('ready');
  });
});
