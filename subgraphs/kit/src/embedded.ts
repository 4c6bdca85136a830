import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  copyFile,
  link,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

// initdb under WASM takes seconds (3 to 4 on the 2-core machines we target), and every center's
// embedded database is a cluster of its own. So initdb runs once per machine: a blank cluster is
// kept under node_modules/.cache and a new on-disk database starts as a file copy of it (about a
// tenth of a second, against a second to restore PGlite's own dump). In-memory databases (tests)
// cannot be copied into, so they start from a dump of the first blank cluster this process made.
let blankDump: Promise<Blob> | undefined;
let blankTemplate: Promise<string> | undefined;
let copies: Promise<void> = Promise.resolve();

const requireHere = createRequire(import.meta.url);

/** Copies a folder tree with its file copies in flight at once: a tenth of `fs.cp`'s time on a cluster. */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? copyTree(join(from, entry.name), join(to, entry.name))
        : copyFile(join(from, entry.name), join(to, entry.name)),
    ),
  );
}

/**
 * Removes what a process killed mid-copy left beside `path` (`<path>.<pid>-<uuid>` folders), once
 * that process is gone.
 */
async function removeLeftovers(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = /^(\d+)-[0-9a-f-]{36}$/.exec(name.slice(prefix.length))?.[1];
      if (!name.startsWith(prefix) || !pid || isAlive(Number(pid))) return;
      await rm(join(dirname(path), name), { recursive: true, force: true });
    }),
  );
}

/**
 * The folder of a cleanly shut down blank cluster for this PGlite build, made on first use (or
 * ahead of it: `npm install` runs scripts/src/prepare.ts, so a first `npm start` needs no initdb).
 */
export function blankTemplateDir(): Promise<string> {
  blankTemplate ??= (async () => {
    // Kept beside the PGlite build it belongs to, in node_modules/.cache of the install that holds it.
    const pgliteDir = join(dirname(requireHere.resolve('@electric-sql/pglite')), '..');
    const { version } = JSON.parse(readFileSync(join(pgliteDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    const cache = join(pgliteDir, '..', '..', '.cache', 'zhongtai');
    const template = join(cache, `pglite-${version}-blank`);
    if (existsSync(join(template, 'PG_VERSION'))) return template;
    await mkdir(cache, { recursive: true });
    await removeLeftovers(template);
    // Several processes may make it at once (parallel test files): each builds its own and renames
    // it into place, and one whose rename finds a template there already keeps that one.
    const building = `${template}.${process.pid}-${randomUUID()}`;
    const client = await PGlite.create({ dataDir: building });
    await client.close();
    try {
      await rename(building, template);
    } catch (error) {
      if (!existsSync(join(template, 'PG_VERSION'))) throw error;
      await rm(building, { recursive: true, force: true });
    }
    return template;
  })();
  blankTemplate.catch(() => {
    blankTemplate = undefined;
  });
  return blankTemplate;
}

/** Makes a new cluster at `location` from the blank template. */
async function createCluster(location: string): Promise<void> {
  const template = await blankTemplateDir();
  await removeLeftovers(location);
  // Copied beside the target and renamed in, so a crash mid-copy never leaves a half cluster that
  // the next start would take for a real one. One copy at a time: seven clusters copied at once
  // measured seconds of kernel time, one after another a tenth of a second each.
  const copying = `${location}.${process.pid}-${randomUUID()}`;
  const copied = copies.then(() => copyTree(template, copying));
  copies = copied.catch(() => {});
  await copied;
  try {
    // Only an empty folder gives way: anything else there is not ours to delete.
    if (existsSync(location)) await rmdir(location);
    await rename(copying, location);
  } catch (error) {
    await rm(copying, { recursive: true, force: true });
    throw new Error(
      `${location} is not empty and is not an embedded database (it has no PG_VERSION); move it away or choose another DATA_DIR`,
      { cause: error },
    );
  }
}

/**
 * Whether `pid` is a running process. A zombie is not: it has exited (a center killed by kill -9
 * whose parent has not reaped it yet) and holds nothing, though signal 0 still reaches it.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // /proc/<pid>/stat is `pid (comm) state ...`; comm may hold spaces and parentheses.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    // No /proc (not Linux): signal 0 is all there is. Gone between the two looks: not alive.
    return process.platform !== 'linux';
  }
}

/**
 * Takes `<cluster>.lock` for this process. PGlite has no lock of its own, and two processes writing
 * one cluster corrupt it: a second `npm start` or an `npm run seed` beside a running one must stop
 * with a clear message instead. A lock left by a process that no longer runs is taken over.
 * Waits up to `waitMs` for a live holder to let go: `npm start` launches its centers while the
 * first run's seeding still holds their databases.
 */
async function lockCluster(location: string, waitMs: number): Promise<() => Promise<void>> {
  const lockFile = `${location}.lock`;
  const deadline = Date.now() + waitMs;
  await removeLeftovers(lockFile);
  for (;;) {
    // Written aside and linked into place: the lock file exists only with its holder's pid in it,
    // even if this process is killed halfway (an empty lock file could never be told stale).
    const mine = `${lockFile}.${process.pid}-${randomUUID()}`;
    await writeFile(mine, String(process.pid));
    try {
      await link(mine, lockFile);
      return () => unlink(lockFile).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(mine).catch(() => {});
    }
    const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
    // A lock whose process is gone is taken over. (Its only waiter is normally the one center of
    // that database, so two processes racing to take over one lock is not a case to design for.)
    if (!Number.isInteger(holder) || (holder !== process.pid && !isAlive(holder))) {
      await unlink(lockFile).catch(() => {});
      continue;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `${location} is in use by process ${holder}${holder === process.pid ? ' (this one)' : ''}: ` +
          'an embedded database serves one process. Stop the other one (another npm start on this ' +
          'DATA_DIR?) or choose another DATA_DIR.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface EmbeddedDatabase {
  client: PGlite;
  /** Shuts the cluster down and lets go of its lock. */
  close(): Promise<void>;
}

/** Opens (creating it if new) the embedded cluster at `location`, or an in-memory one without it. */
export async function openEmbedded(
  location: string | undefined,
  options: { waitMs: number; onLocked?: (() => void) | undefined },
): Promise<EmbeddedDatabase> {
  if (location === undefined) {
    options.onLocked?.();
    if (!blankDump) {
      const first = PGlite.create();
      blankDump = first.then((client) => client.dumpDataDir('none'));
      blankDump.catch(() => {
        blankDump = undefined;
      });
      // The dump reads the cluster's files, so it must finish before anything writes to them.
      await blankDump;
      const client = await first;
      return { client, close: () => client.close() };
    }
    const client = await PGlite.create({ loadDataDir: await blankDump });
    return { client, close: () => client.close() };
  }

  await mkdir(dirname(location), { recursive: true });
  const unlock = await lockCluster(location, options.waitMs);
  options.onLocked?.();
  try {
    if (!existsSync(join(location, 'PG_VERSION'))) await createCluster(location);
    const client = await PGlite.create(location);
    return {
      client,
      close: async () => {
        try {
          await client.close();
        } finally {
          await unlock();
        }
      },
    };
  } catch (error) {
    await unlock();
    throw error;
  }
}
