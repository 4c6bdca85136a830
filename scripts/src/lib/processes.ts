import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleEntry } from './bundle.ts';
import { childEnv, type ScriptsConfig } from './config.ts';
import { REPO_ROOT, type SubgraphEntry } from './supergraph-config.ts';

export interface Child {
  name: string;
  url: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  /** The last lines it printed, for error messages. */
  output: string[];
  /** A job that ends by itself (the seed), not a service. */
  job: boolean;
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
  /** Called when a child exits after the start and before `stop` was asked (one dying while starting fails the start). */
  onUnexpectedExit?: (name: string, code: number | null) => void;
  readyTimeoutMs?: number;
  /**
   * Seed first, as `npm run seed -- --scale <scale>` would, in a child process beside the router.
   * The centers are launched as soon as it holds their databases, and they load while it seeds:
   * an embedded database waits for the seed to let go (DATA_DIR_WAIT_MS).
   */
  seed?: { scale: string };
  /** Aborting it while starting (Ctrl-C mid-seed) stops whatever was launched and rejects. */
  signal?: AbortSignal;
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

const exitedWhileStarting = (name: string, code: number | null, output: string[]) =>
  new Error(`${name} exited with code ${code} while starting:\n${output.slice(-20).join('\n')}`);

async function waitUntilHealthy(child: Child, timeoutMs: number) {
  const { output } = child;
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw exitedWhileStarting(child.name, exitCode, output);
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
 * Starts the router and every center of the supergraph config, each as its own Node process (its
 * TypeScript bundled first, see bundleEntry), and resolves once all of them answer /health.
 */
export async function startSupergraph(options: StartOptions): Promise<RunningSupergraph> {
  const host = options.config.HOST;
  // A bound for a machine in trouble, not the goal: on a busy 2-core machine eight processes loading
  // their code and embedded databases at once have been seen to need over a minute.
  const timeoutMs = options.readyTimeoutMs ?? 180_000;
  const children: Child[] = [];
  let stopping = false;
  let ready = false;
  // A service that dies before everything is up fails the start at once, even mid-seed.
  let failStart: (error: Error) => void = () => {};
  const startFailed = new Promise<never>((_, reject) => {
    failStart = reject;
  });
  startFailed.catch(() => {});
  options.signal?.addEventListener('abort', () => failStart(new Error('The start was cancelled.')), {
    once: true,
  });

  interface Launch {
    name: string;
    bundle: string;
    args?: string[];
    env: NodeJS.ProcessEnv;
    url?: string;
    /** The seed: a job that ends, told apart from a service dying, and that speaks over IPC. */
    job?: boolean;
  }

  const launch = ({ name, bundle, args = [], env, url = '', job = false }: Launch): Child => {
    const output: string[] = [];
    const child = spawn(process.execPath, ['--enable-source-maps', bundle, ...args], {
      cwd: REPO_ROOT,
      env: { ...childEnv(options.config), ...env },
      stdio: ['ignore', 'pipe', 'pipe', ...(job ? ['ipc' as const] : [])],
      // Its own process group: a terminal's Ctrl-C reaches only us, and we stop the children in order.
      detached: true,
    });
    process.once('exit', () => child.kill('SIGKILL'));
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > 200) output.shift();
        options.onOutput?.(name, line);
      });
    }
    const exited = new Promise<number | null>((resolveExit) => {
      child.once('exit', (code, signal) => {
        const result = code ?? (signal ? 128 : null);
        if (!stopping && !job && !ready) {
          failStart(exitedWhileStarting(name, result, output));
        } else if (!stopping && !job) options.onUnexpectedExit?.(name, result);
        resolveExit(result);
      });
    });
    const started: Child = { name, url, process: child, exited, output, job };
    children.push(started);
    return started;
  };

  /** Runs the seed; `holding` settles when it holds the databases, `finished` when it is done. */
  const runSeed = (bundle: string, scale: string) => {
    const seed = launch({ name: 'seed', bundle, args: ['--scale', scale], env: {}, job: true });
    const failed = (code: number | null) =>
      new Error(`The seed exited with code ${code}:\n${seed.output.slice(-20).join('\n')}`);
    const finished = seed.exited.then((code) => {
      if (code !== 0) throw failed(code);
    });
    const holding = new Promise<void>((resolveHolding, reject) => {
      seed.process.on('message', (message) => {
        if (message === 'holding') resolveHolding();
      });
      finished.then(resolveHolding, reject);
    });
    return { holding, finished };
  };

  const stop = async () => {
    stopping = true;
    const codes: Record<string, number | null> = {};
    // The router first, so no request reaches a center that is already draining; a seed still
    // running last, so centers waiting for its databases are gone before it lets go of them.
    const router = children.filter((child) => child.name === 'router');
    const centers = children.filter((child) => child.name !== 'router' && !child.job);
    for (const child of [...router, ...centers, ...children.filter((c) => c.job)]) {
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
    const bundleOf = (packageDir: string, entry = 'index') =>
      bundleEntry(join(packageDir, `src/${entry}.ts`), join(packageDir, `dist/${entry}.mjs`));
    const [routerBundle, seedBundle, ...centerBundles] = await Promise.all([
      bundleOf(join(REPO_ROOT, 'router')),
      options.seed ? bundleOf(join(REPO_ROOT, 'scripts'), 'seed') : undefined,
      ...options.subgraphs.map((s) => bundleOf(s.packageDir)),
    ]);
    // The router needs no center to start (its /ready says when they are up), so it loads beside
    // the seed; so do the centers, once the seed holds the databases it writes.
    const router = launch({
      name: 'router',
      bundle: routerBundle,
      env: { SUBGRAPH_URLS, PORT: String(options.config.PORT), HOST: host },
      url: `http://${host}:${options.config.PORT}`,
    });
    const seeding = options.seed && seedBundle ? runSeed(seedBundle, options.seed.scale) : undefined;
    await Promise.race([seeding?.holding, startFailed]);
    const centers = options.subgraphs.map((subgraph, i) =>
      launch({
        name: subgraph.name,
        bundle: centerBundles[i] as string,
        env: {
          SUBGRAPH_URLS,
          PORT: String(portOf(subgraph)),
          HOST: host,
          // However long the seed takes (a large scale on PGlite takes many minutes): the seed's own
          // failure stops everything, and the readiness bound below starts once it is done.
          ...(seeding ? { DATA_DIR_WAIT_MS: String(24 * 3600_000) } : {}),
        },
        url: `http://${host}:${portOf(subgraph)}`,
      }),
    );
    await Promise.race([seeding?.finished, startFailed]);
    await Promise.race([
      Promise.all([router, ...centers].map((c) => waitUntilHealthy(c, timeoutMs))),
      startFailed,
    ]);
    ready = true;
    return { routerUrl: `${router.url}/graphql`, children, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
