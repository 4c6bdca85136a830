import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RunningSupergraph, startSupergraph } from '@zhongtai/scripts/processes';
import { loadSupergraphConfig } from '@zhongtai/scripts/supergraph';
import { createTestDatabase } from '@zhongtai/subgraph-kit/testing';

export interface LogLine {
  process: string;
  line: string;
  /** pino's level: 30 info, 40 warn, 50 error, 60 fatal; undefined for a line that is not JSON. */
  level?: number;
}

export interface ProcessSupergraph {
  routerUrl: string;
  running: RunningSupergraph;
  logs: LogLine[];
  /** The lines at error level or above, and anything that looks like a stack trace. */
  errorLines(): LogLine[];
  /** kill -9 of one center. */
  kill(name: string): void;
  /** Sends a signal to one process (SIGSTOP hangs it, SIGCONT lets it go on). */
  signal(name: string, signal: NodeJS.Signals): void;
  /** When each restarted process answered again (with `supervise`), by name. */
  back: { name: string; at: number }[];
  stop(): Promise<void>;
}

function levelOf(line: string): number | undefined {
  try {
    const parsed = JSON.parse(line) as { level?: unknown };
    return typeof parsed.level === 'number' ? parsed.level : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The router and every center as their own processes (as `npm start` runs them), seeded small, on
 * free ports and a throwaway database (PostgreSQL when the tests have one, else embedded on disk),
 * logging at info so a test can tell what was logged at error level.
 */
export async function startProcessSupergraph(
  label: string,
  options: {
    /** Settings of the router beyond the defaults. */
    routerEnv?: Record<string, string>;
    /** Restart a process that dies, as `npm start` does. */
    supervise?: boolean;
  } = {},
): Promise<ProcessSupergraph> {
  const database = await createTestDatabase(label);
  const dataDir = database.url ? undefined : mkdtempSync(join(tmpdir(), `zhongtai-${label}-`));
  const subgraphs = loadSupergraphConfig();
  const ports = Object.fromEntries(
    await Promise.all(subgraphs.map(async (subgraph) => [subgraph.name, await freePort()] as const)),
  );
  const logs: LogLine[] = [];
  const back: { name: string; at: number }[] = [];
  const running = await startSupergraph({
    config: {
      DATABASE_URL: database.url,
      dataDir: dataDir ?? 'memory://',
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      PORT: await freePort(),
    },
    subgraphs,
    ports,
    seed: { scale: 'small' },
    onOutput: (process, line) => logs.push({ process, line, level: levelOf(line) }),
    ...(options.routerEnv ? { routerEnv: options.routerEnv } : {}),
    ...(options.supervise ? { restart: { onBack: (name) => back.push({ name, at: Date.now() }) } } : {}),
  });
  const childNamed = (name: string) => {
    const child = running.children.find((each) => each.name === name);
    if (!child) throw new Error(`no process named ${name}`);
    return child;
  };
  return {
    routerUrl: running.routerUrl,
    running,
    logs,
    errorLines: () =>
      logs.filter(({ line, level }) => (level ?? 0) >= 50 || /^\s+at .+:\d+:\d+\)?$/.test(line)),
    kill: (name) => childNamed(name).process.kill('SIGKILL'),
    signal: (name, signal) => childNamed(name).process.kill(signal),
    back,
    stop: async () => {
      await running.stop();
      await database.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
