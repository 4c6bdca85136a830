import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { childEnv, type ScriptsConfig } from './config.ts';
import { REPO_ROOT, type SubgraphEntry } from './supergraph.ts';

export interface Child {
  name: string;
  url: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  /** The last lines it printed, for error messages. */
  output: string[];
}

export interface RunningSupergraph {
  routerUrl: string;
  children: Child[];
  /** SIGTERM to the router, then to every center; resolves with each exit code by name. */
  stop(): Promise<Record<string, number | null>>;
}

export interface StartOptions {
  config: Pick<ScriptsConfig, 'DATABASE_URL' | 'dataDir' | 'LOG_LEVEL' | 'HOST' | 'PORT'>;
  subgraphs: SubgraphEntry[];
  /** Ports to use instead of the ones in schema/supergraph.yaml (tests use free ports). */
  ports?: Record<string, number>;
  /** Gets every line a child prints. */
  onOutput?: (name: string, line: string) => void;
  /** Called when a child exits before `stop` was asked. */
  onUnexpectedExit?: (name: string, code: number | null) => void;
  readyTimeoutMs?: number;
  /** Runs after the router is launched and before any center is (dev start seeds here). */
  beforeCenters?: () => Promise<unknown>;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitUntilHealthy(child: Child, timeoutMs: number) {
  const { output } = child;
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `${child.name} exited with code ${exitCode} while starting:\n${output.slice(-20).join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${child.url}/health`, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} was not healthy after ${timeoutMs} ms:\n${output.slice(-20).join('\n')}`);
}

/**
 * Starts the router and every center of the supergraph config, each as its own Node process
 * (TypeScript through tsx), and resolves once all of them answer /health.
 */
export async function startSupergraph(options: StartOptions): Promise<RunningSupergraph> {
  const host = options.config.HOST;
  // A bound for a machine in trouble, not the goal: on a busy 2-core machine eight processes loading
  // TypeScript and their embedded databases at once have been seen to need over a minute.
  const timeoutMs = options.readyTimeoutMs ?? 180_000;
  const children: Child[] = [];
  let stopping = false;

  const launch = (name: string, entry: string, port: number, extraEnv: NodeJS.ProcessEnv): Child => {
    const output: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: REPO_ROOT,
      env: { ...childEnv(options.config), ...extraEnv, PORT: String(port), HOST: host },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches only us, and we stop the children in order.
      detached: true,
    });
    process.once('exit', () => child.kill('SIGKILL'));
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > 200) output.shift();
        options.onOutput?.(name, line);
      });
    }
    const exited = new Promise<number | null>((resolveExit) => {
      child.once('exit', (code, signal) => {
        const result = code ?? (signal ? 128 : null);
        if (!stopping) options.onUnexpectedExit?.(name, result);
        resolveExit(result);
      });
    });
    const started: Child = { name, url: `http://${host}:${port}`, process: child, exited, output };
    children.push(started);
    return started;
  };

  const stop = async () => {
    stopping = true;
    const codes: Record<string, number | null> = {};
    // The router first, so no request reaches a center that is already draining.
    const router = children.filter((child) => child.name === 'router');
    for (const child of [...router, ...children.filter((c) => c.name !== 'router')]) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
      codes[child.name] = await child.exited;
      clearTimeout(timer);
    }
    return codes;
  };

  try {
    const portOf = (subgraph: SubgraphEntry) => options.ports?.[subgraph.name] ?? subgraph.port;
    // Router and centers alike learn where every center is: centers call each other directly.
    const SUBGRAPH_URLS = options.subgraphs
      .map((s) => `${s.name}=http://${host}:${portOf(s)}/graphql`)
      .join(',');
    // The router needs no center to start (its /ready says when they are up), so it loads while
    // `beforeCenters` (the first run's seeding) still holds the embedded databases.
    const router = launch('router', join(REPO_ROOT, 'router/src/index.ts'), options.config.PORT, {
      SUBGRAPH_URLS,
    });
    await options.beforeCenters?.();
    const centers = options.subgraphs.map((subgraph) =>
      launch(subgraph.name, join(subgraph.packageDir, 'src/index.ts'), portOf(subgraph), { SUBGRAPH_URLS }),
    );
    await Promise.all([router, ...centers].map((c) => waitUntilHealthy(c, timeoutMs)));
    return { routerUrl: `${router.url}/graphql`, children, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
