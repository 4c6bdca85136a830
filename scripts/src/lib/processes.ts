import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { bundleEntry } from './bundle.ts';
import { childEnv, type ScriptsConfig } from './config.ts';
import { devKeyEnv } from './keys.ts';
import { portInUseMessage, requireFreePorts } from './ports.ts';
import { ROUTER_NODE_FLAGS } from './runtime.ts';
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
  /** The port it listens on, for a service. */
  port?: number;
}

export interface RunningSupergraph {
  routerUrl: string;
  /** Every router's /graphql by name: `router`, then each of `extraRouters`. */
  routerUrls: Record<string, string>;
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
  /**
   * Restart a router or center that exits after the start, after a backoff that doubles from
   * RESTART_BACKOFF_MS up to RESTART_BACKOFF_MAX_MS while it keeps dying; the others keep serving.
   * `onRestart` hears of each restart as it is scheduled, `onBack` when the process answers again.
   */
  restart?: {
    onRestart?: (name: string, code: number | null, delayMs: number) => void;
    onBack?: (name: string, downMs: number) => void;
  };
  readyTimeoutMs?: number;
  /**
   * More routers beside `router`, over the same centers, each with settings of its own (the bench
   * compares engines this way in one run). They are routers to the centers: they sign as `router`.
   */
  extraRouters?: { name: string; port: number; env: Record<string, string> }[];
  /** Settings of the main router beyond the shared ones (timeouts, breakers). */
  routerEnv?: Record<string, string>;
  /**
   * Seed first, as `npm run seed -- --scale <scale>` would, in a child process beside the router.
   * The centers are launched as soon as it holds their databases, and they load while it seeds:
   * an embedded database waits for the seed to let go (DATA_DIR_WAIT_MS).
   */
  seed?: { scale: string };
  /** Aborting it while starting (Ctrl-C mid-seed) stops whatever was launched and rejects. */
  signal?: AbortSignal;
  /**
   * More replicas of a center beside the one on its own port: the ports they listen on, by center.
   * Each is named `<center>-<n>` (n from 2), holds the center's keys and shares its database.
   */
  centerReplicas?: Record<string, number[]>;
  /**
   * Where the router and the centers reach each center (`name=url,...`), when not each center's own
   * port: a load balancer in front of its replicas (npm run cluster).
   */
  subgraphUrls?: string;
  /** Settings every center (every replica) gets beyond the shared ones. */
  centerEnv?: Record<string, string>;
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

export const RESTART_BACKOFF_MS = 250;
export const RESTART_BACKOFF_MAX_MS = 8000;
/** A process up this long has recovered: its next crash restarts it after the first backoff again. */
const STABLE_AFTER_MS = 30_000;

/** One line when a child could not listen (another process took its port after we checked), else its last lines. */
function exitedWhileStarting(name: string, code: number | null, output: string[], port?: number) {
  if (port !== undefined && output.some((line) => line.includes('EADDRINUSE')))
    return new Error(portInUseMessage(port, name));
  return new Error(`${name} exited with code ${code} while starting:\n${output.slice(-20).join('\n')}`);
}

/** Every child of this process, killed when it exits: one listener for all (not one per child). */
const living = new Set<ChildProcess>();
let exitHookInstalled = false;
function track(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const each of living) each.kill('SIGKILL');
    });
  }
  living.add(child);
  child.once('exit', () => living.delete(child));
}

const WATCHDOG = join(REPO_ROOT, 'scripts/src/lib/watchdog.ts');

async function waitUntilHealthy(child: Child, timeoutMs: number) {
  const { output } = child;
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => {
    exitCode = code;
  });
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw exitedWhileStarting(child.name, exitCode, output, child.port);
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
  // Each process's own key and everyone's public keys (trust.md).
  const keyEnv = devKeyEnv(options.subgraphs.map((subgraph) => subgraph.name));
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
    /** Node.js flags before the bundle. */
    nodeFlags?: readonly string[];
    env: NodeJS.ProcessEnv;
    url?: string;
    port?: number;
    /** The seed: a job that ends, told apart from a service dying. */
    job?: boolean;
    /** The service whose keys it holds, when not its name (an extra router). */
    service?: string;
  }

  const watchdog = await bundleEntry(WATCHDOG, join(REPO_ROOT, 'scripts/dist/watchdog.mjs'));
  const backoff = new Map<string, { failures: number; since: number }>();

  const launch = (spec: Launch): Child => {
    const {
      name,
      bundle,
      args = [],
      nodeFlags = [],
      env,
      url = '',
      port,
      job = false,
      service = name,
    } = spec;
    const output: string[] = [];
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', ...nodeFlags, '--import', pathToFileURL(watchdog).href, bundle, ...args],
      {
        cwd: REPO_ROOT,
        env: {
          ...childEnv(options.config),
          ...keyEnv(service),
          ...env,
          ZHONGTAI_LAUNCHER_PID: String(process.pid),
        },
        // The IPC channel tells the child we are gone when it closes (see watchdog.ts); the seed also
        // says over it when it holds the databases.
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        // Its own process group: a terminal's Ctrl-C reaches only us, and we stop the children in order.
        detached: true,
      },
    );
    track(child);
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > 200) output.shift();
        options.onOutput?.(name, line);
      });
    }
    const started: Child = { name, url, process: child, exited: Promise.resolve(null), output, job, port };
    started.exited = new Promise<number | null>((resolveExit) => {
      child.once('exit', (code, signal) => {
        const result = code ?? (signal ? 128 : null);
        resolveExit(result);
        if (stopping || job) return;
        if (!ready) failStart(exitedWhileStarting(name, result, output, port));
        else if (options.restart) relaunch(spec, started, result);
        else options.onUnexpectedExit?.(name, result);
      });
    });
    children.push(started);
    return started;
  };

  /** Starts a service again in its dead predecessor's place, after its backoff. */
  const relaunch = (spec: Launch, dead: Child, code: number | null) => {
    const died = Date.now();
    const state = backoff.get(spec.name) ?? { failures: 0, since: 0 };
    if (died - state.since > STABLE_AFTER_MS) state.failures = 0;
    const delayMs = Math.min(RESTART_BACKOFF_MS * 2 ** state.failures, RESTART_BACKOFF_MAX_MS);
    state.failures += 1;
    backoff.set(spec.name, state);
    options.restart?.onRestart?.(spec.name, code, delayMs);
    setTimeout(() => {
      if (stopping) return;
      state.since = Date.now();
      const next = launch(spec);
      children.splice(children.indexOf(next), 1);
      children.splice(children.indexOf(dead), 1, next);
      waitUntilHealthy(next, timeoutMs).then(
        () => options.restart?.onBack?.(spec.name, Date.now() - died),
        // It died again while starting: its exit handler has scheduled the next try.
        () => {},
      );
    }, delayMs).unref();
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
    const isRouter = (child: Child) => child.name === 'router' || routerNames.has(child.name);
    const router = children.filter(isRouter);
    const centers = children.filter((child) => !isRouter(child) && !child.job);
    for (const child of [...router, ...centers, ...children.filter((c) => c.job)]) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGTERM');
      const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
      codes[child.name] = await child.exited;
      clearTimeout(timer);
    }
    return codes;
  };

  const routerNames = new Set((options.extraRouters ?? []).map((extra) => extra.name));
  const portOf = (subgraph: SubgraphEntry) => options.ports?.[subgraph.name] ?? subgraph.port;
  // Before anything is launched, so a taken port leaves nothing running: a center that cannot
  // listen would otherwise be judged healthy by whatever already answers there.
  const replicasOf = (subgraph: SubgraphEntry) =>
    (options.centerReplicas?.[subgraph.name] ?? []).map((port, i) => ({
      name: `${subgraph.name}-${i + 2}`,
      port,
    }));
  await requireFreePorts(
    [
      ['router', options.config.PORT] as const,
      ...(options.extraRouters ?? []).map((extra) => [extra.name, extra.port] as const),
      ...options.subgraphs.map((subgraph) => [subgraph.name, portOf(subgraph)] as const),
      ...options.subgraphs.flatMap((subgraph) => replicasOf(subgraph).map((r) => [r.name, r.port] as const)),
    ],
    host,
  );

  try {
    // Router and centers alike learn where every center is: centers call each other directly.
    const SUBGRAPH_URLS =
      options.subgraphUrls ??
      options.subgraphs.map((s) => `${s.name}=http://${host}:${portOf(s)}/graphql`).join(',');
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
      nodeFlags: ROUTER_NODE_FLAGS,
      env: { SUBGRAPH_URLS, ...options.routerEnv, PORT: String(options.config.PORT), HOST: host },
      url: `http://${host}:${options.config.PORT}`,
      port: options.config.PORT,
    });
    const extraRouters = (options.extraRouters ?? []).map((extra) =>
      launch({
        name: extra.name,
        service: 'router',
        bundle: routerBundle,
        nodeFlags: ROUTER_NODE_FLAGS,
        env: { SUBGRAPH_URLS, HOST: host, ...extra.env, PORT: String(extra.port) },
        url: `http://${host}:${extra.port}`,
        port: extra.port,
      }),
    );
    const seeding = options.seed && seedBundle ? runSeed(seedBundle, options.seed.scale) : undefined;
    await Promise.race([seeding?.holding, startFailed]);
    const centers = options.subgraphs.flatMap((subgraph, i) =>
      [{ name: subgraph.name, port: portOf(subgraph) }, ...replicasOf(subgraph)].map(({ name, port }) =>
        launch({
          name,
          service: subgraph.name,
          bundle: centerBundles[i] as string,
          env: {
            ...options.centerEnv,
            SUBGRAPH_URLS,
            PORT: String(port),
            HOST: host,
            // However long the seed takes (a large scale on PGlite takes many minutes): the seed's own
            // failure stops everything, and the readiness bound below starts once it is done.
            ...(seeding ? { DATA_DIR_WAIT_MS: String(24 * 3600_000) } : {}),
          },
          url: `http://${host}:${port}`,
          port,
        }),
      ),
    );
    await Promise.race([seeding?.finished, startFailed]);
    await Promise.race([
      Promise.all([router, ...extraRouters, ...centers].map((c) => waitUntilHealthy(c, timeoutMs))),
      startFailed,
    ]);
    ready = true;
    const routerUrls = Object.fromEntries(
      [router, ...extraRouters].map((child) => [child.name, `${child.url}/graphql`]),
    );
    return { routerUrl: `${router.url}/graphql`, routerUrls, children, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
