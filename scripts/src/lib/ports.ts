/** Who holds a TCP port: what `npm start` says instead of a child's raw EADDRINUSE. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** Whether `port` can be listened on at `host` now. */
function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolveFree) => {
    const server = createServer();
    server.once('error', () => resolveFree(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolveFree(true)));
  });
}

/** The socket inodes listening on `port`, from /proc/net/tcp and tcp6 (state 0A is LISTEN). */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      const local = columns[1];
      if (!local || columns[3] !== '0A') continue;
      if (Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && columns[9])
        inodes.add(columns[9]);
    }
  }
  return inodes;
}

/** `ss -ltnp`'s answer, where /proc does not show the owner (another user's process). */
function pidFromSs(port: number): number | null {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const pid = /pid=(\d+)/.exec(out)?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

/** The pid of a process listening on `port` on this machine, or null when none can be found. */
export function pidListeningOn(port: number): number | null {
  const inodes = listeningInodes(port);
  if (inodes.size > 0) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${entry}/fd`);
      } catch {
        continue; // gone, or not ours to read
      }
      for (const fd of fds) {
        try {
          const target = readlinkSync(`/proc/${entry}/fd/${fd}`);
          if (target.startsWith('socket:[') && inodes.has(target.slice(8, -1))) return Number(entry);
        } catch {}
      }
    }
  }
  return pidFromSs(port);
}

/**
 * Fails with `portInUseMessage` for the first of the named ports (0: any port, skipped) that is
 * taken at `host`: checked before anything is launched, so a taken port leaves nothing running.
 */
export async function requireFreePorts(
  ports: readonly (readonly [name: string, port: number])[],
  host: string,
): Promise<void> {
  for (const [name, port] of ports)
    if (port !== 0 && !(await portIsFree(port, host))) throw new Error(portInUseMessage(port, name));
}

/** "port 4010 (fresh) is in use by pid 123", the one line `npm start` prints for a taken port. */
export function portInUseMessage(port: number, name: string): string {
  const pid = pidListeningOn(port);
  return `port ${port} (${name}) is in use by ${pid === null ? 'another process' : `pid ${pid}`}`;
}
