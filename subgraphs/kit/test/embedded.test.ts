import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, test as base, describe, expect } from 'vitest';
import { type EmbeddedDatabase, openEmbedded } from '../src/embedded.ts';

const root = mkdtempSync(join(tmpdir(), 'zhongtai-embedded-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Each test gets its own DATA_DIR-like folder, and whatever it leaves open is closed after it.
const test = base.extend<{ dataDir: string; opened: EmbeddedDatabase[] }>({
  dataDir: async ({ task }, use) => {
    const dir = join(root, task.id);
    mkdirSync(dir, { recursive: true });
    await use(dir);
  },
  opened: async ({ task: _ }, use) => {
    const opened: EmbeddedDatabase[] = [];
    await use(opened);
    await Promise.all(opened.map((database) => database.close().catch(() => {})));
  },
});

/** The pid of a process that has run and exited. */
const deadPid = () =>
  spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    .stdout;

describe('embedded databases on disk', () => {
  test('a new one starts from a blank cluster, keeps its data across a reopen and leaves no lock behind', async ({
    dataDir,
  }) => {
    const location = join(dataDir, 'users');
    const first = await openEmbedded(location, { waitMs: 0 });
    await first.client.exec('create table notes (body text); insert into notes values ($$kept$$);');
    await first.close();
    expect(readdirSync(dataDir).sort()).toEqual(['users']);

    const again = await openEmbedded(location, { waitMs: 0 });
    const { rows } = await again.client.query<{ body: string }>('select body from notes');
    await again.close();
    expect(rows).toEqual([{ body: 'kept' }]);
  });

  test('a second open of one database fails at once, naming the process that holds it', async ({
    dataDir,
    opened,
  }) => {
    const location = join(dataDir, 'orders');
    opened.push(await openEmbedded(location, { waitMs: 0 }));
    await expect(openEmbedded(location, { waitMs: 0 })).rejects.toThrow(
      `${location} is in use by process ${process.pid} (this one)`,
    );
  });

  test('with a wait, a second open gets the database once the first lets go', async ({ dataDir, opened }) => {
    const location = join(dataDir, 'products');
    const first = await openEmbedded(location, { waitMs: 0 });
    await first.client.exec('create table marks (n int); insert into marks values (1);');
    let locked = false;
    const second = openEmbedded(location, {
      waitMs: 30_000,
      onLocked: () => {
        locked = true;
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(locked).toBe(false);

    await first.close();
    const database = await second;
    opened.push(database);
    expect(locked).toBe(true);
    const { rows } = await database.client.query<{ n: number }>('select n from marks');
    expect(rows).toEqual([{ n: 1 }]);
  });

  test('a lock left by a process that has exited, or one with no pid in it, is taken over', async ({
    dataDir,
    opened,
  }) => {
    const location = join(dataDir, 'reviews');
    const gone = deadPid();
    writeFileSync(`${location}.lock`, gone);
    const database = await openEmbedded(location, { waitMs: 0 });
    expect(readFileSync(`${location}.lock`, 'utf8')).toBe(String(process.pid));
    const { rows } = await database.client.query<{ one: number }>('select 1 as one');
    expect(rows).toEqual([{ one: 1 }]);
    await database.close();

    writeFileSync(`${location}.lock`, '');
    opened.push(await openEmbedded(location, { waitMs: 0 }));
    expect(readFileSync(`${location}.lock`, 'utf8')).toBe(String(process.pid));
    expect(readdirSync(dataDir).sort()).toEqual(['reviews', 'reviews.lock']);
  });

  test('a lock held by a zombie (killed, not yet reaped by its parent) is taken over at once', async ({
    dataDir,
    opened,
  }) => {
    // The forked child exits at once and its parent, asleep, never waits for it: a zombie. (Not a shell:
    // on a busy machine the child can exit before the shell execs, and the shell reaps it.)
    const parent = spawn(
      'perl',
      ['-e', '$| = 1; my $pid = fork() // die; exit 0 if $pid == 0; print "$pid\n"; sleep 30'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    );
    try {
      const zombie = await new Promise<string>((resolvePid) =>
        parent.stdout.once('data', (chunk: Buffer) => resolvePid(chunk.toString().trim())),
      );
      await expect.poll(() => readFileSync(`/proc/${zombie}/stat`, 'utf8').split(') ')[1]?.[0]).toBe('Z');
      const location = join(dataDir, 'inventory');
      writeFileSync(`${location}.lock`, zombie);
      opened.push(await openEmbedded(location, { waitMs: 0 }));
      expect(readFileSync(`${location}.lock`, 'utf8')).toBe(String(process.pid));
    } finally {
      parent.kill('SIGKILL');
    }
  });

  test('a half-made copy left by a process that died is removed, one of a live process is not', async ({
    dataDir,
    opened,
  }) => {
    const location = join(dataDir, 'fresh');
    const gone = deadPid();
    const dead = `fresh.${gone}-${randomUUID()}`;
    const live = `fresh.${process.pid}-${randomUUID()}`;
    for (const name of [dead, live]) {
      mkdirSync(join(dataDir, name, 'base'), { recursive: true });
    }
    opened.push(await openEmbedded(location, { waitMs: 0 }));
    expect(readdirSync(dataDir).sort()).toEqual(['fresh', 'fresh.lock', live].sort());
  });

  test('a folder that is not a database is left as it was, with a clear error', async ({ dataDir }) => {
    const location = join(dataDir, 'payments');
    mkdirSync(location);
    writeFileSync(join(location, 'notes.txt'), 'mine');
    await expect(openEmbedded(location, { waitMs: 0 })).rejects.toThrow(
      `${location} is not empty and is not an embedded database`,
    );
    expect(readdirSync(location)).toEqual(['notes.txt']);
    expect(existsSync(`${location}.lock`)).toBe(false);
    expect(readdirSync(dataDir).sort()).toEqual(['payments']);
  });
});
