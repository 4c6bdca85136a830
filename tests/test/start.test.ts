import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@zhongtai/scripts/supergraph';
import { afterAll, describe, expect, test } from 'vitest';
import { expectProductListWithSellers, expectSignUpAndMe } from '../src/checks.ts';
import { graphql } from '../src/client.ts';
import { embeddedEnv as embeddedEnvIn, ROUTER, npmStart as startAt, stop } from '../src/npm-start.ts';

// The README's start command, exactly as a developer runs it, on the embedded default: no
// DATABASE_URL, data under a fresh DATA_DIR, the ports from schema/supergraph.yaml.
const dataDir = mkdtempSync(join(tmpdir(), 'zhongtai-start-'));
const npmStart = (until?: string) => startAt(dataDir, until);
const embeddedEnv = () => embeddedEnvIn(dataDir);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm start on the embedded default', () => {
  let firstIds: string[] = [];

  test('Ctrl-C while the first run seeds stops every process it launched', async () => {
    const seeding = await npmStart('[seed] Seeding small');
    const exited = new Promise<number | null>((resolve) => seeding.child.once('exit', resolve));
    process.kill(-seeding.child.pid!, 'SIGINT');
    await exited;
    // npm may exit before its child has printed everything: wait for the last word.
    await expect
      .poll(() => seeding.output.join(''), { timeout: 30_000 })
      .toContain('Start cancelled; every process it launched has stopped.');
    for (const port of [4000, 4001, 4002, 4003, 4004, 4005, 4006, 4010]) {
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    }
  });

  test('brings the supergraph up, seeded, and answers through the router', async () => {
    const started = await npmStart();
    try {
      // The seed above was cut short: this run starts it again rather than serve half of it.
      expect(started.output.join('')).toContain('The last seed did not finish; seeding again from scratch.');
      console.log(
        `npm start: ready after ${(started.readyAfterMs / 1000).toFixed(1)} s (first run, with seeding)`,
      );
      await expectProductListWithSellers(ROUTER);
      await expectSignUpAndMe(ROUTER);
      const ids = await graphql<{ products: { edges: { node: { id: string } }[] } }>(
        ROUTER,
        '{ products(first: 5) { edges { node { id } } } }',
      );
      firstIds = ids.data!.products.edges.map((edge) => edge.node.id);
    } finally {
      expect(await stop(started)).toBe('Every process stopped cleanly.');
    }
  });

  test('stops every process on SIGTERM and keeps its data for the next start', async () => {
    const started = await npmStart();
    let stopped = false;
    try {
      expect(started.output.join('')).toContain('Already seeded');
      const ids = await graphql<{ products: { edges: { node: { id: string } }[] } }>(
        ROUTER,
        '{ products(first: 5) { edges { node { id } } } }',
      );
      expect(ids.data!.products.edges.map((edge) => edge.node.id)).toEqual(firstIds);

      // A second process writing the same embedded database would corrupt it: it is refused.
      const seed = spawnSync('npm', ['run', '--silent', 'seed', '--', '--reset'], {
        cwd: REPO_ROOT,
        env: embeddedEnv(),
        encoding: 'utf8',
      });
      expect(seed.status).toBe(1);
      expect(seed.stderr).toMatch(/ is in use by process \d+: an embedded database serves one process/);
      expect(seed.stderr).not.toMatch(/\n\s+at /);
      const still = await graphql<{ products: { edges: { node: { id: string } }[] } }>(
        ROUTER,
        '{ products(first: 5) { edges { node { id } } } }',
      );
      expect(still.data!.products.edges.map((edge) => edge.node.id)).toEqual(firstIds);
      expect(await stop(started)).toBe('Every process stopped cleanly.');
      stopped = true;
      await expect(fetch('http://127.0.0.1:4000/health')).rejects.toThrow();
      await expect(fetch('http://127.0.0.1:4001/health')).rejects.toThrow();
      await expect(fetch('http://127.0.0.1:4002/health')).rejects.toThrow();
    } finally {
      if (!stopped) await stop(started);
    }
  });
});
