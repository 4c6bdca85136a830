import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { type DevOptions, type DevSubgraph, LOOPBACK, parseDevArgs } from './options.ts';
import type { DevSupergraph } from './supergraph.ts';

/**
 * `rover dev`, as far as the compatibility suite (and a developer trying a subgraph) needs it.
 *
 * As with rover, each `rover dev` process adds one subgraph to one supergraph: the first on a router
 * port leads (it composes and runs the router), later ones hand their subgraph to it over a local
 * socket and stay attached, and a subgraph leaves when its session ends. Unlike rover, the router is
 * Zhongtai's (router/src) and composition is @apollo/composition in process, so nothing is
 * downloaded; schema files are read once, not watched.
 *
 * This module stays light (no router, kit or composition): a session claims its ports and
 * registers within a fraction of a second, and only the leader then loads the router (supergraph.ts).
 */

// The health check passes only once membership has been still this long, so that a session that
// has just connected is counted before a waiting client is told the supergraph is ready.
const SETTLE_MS = 500;
// A health check that arrives before the supergraph is served is answered when it is, or after this.
const HEALTH_WAIT_MS = 90_000;
const INTROSPECTION = 'query SubgraphIntrospectQuery { _service { sdl } }';
const INTROSPECTION_ATTEMPTS = 20;

const sessionMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('register'),
    subgraph: z.object({ name: z.string().min(1), url: z.url(), sdl: z.string().min(1) }),
  }),
  z.object({ type: z.literal('registered') }),
  z.object({ type: z.literal('refused'), reason: z.string() }),
]);
type SessionMessage = z.infer<typeof sessionMessage>;

const send = (socket: Socket, message: SessionMessage) => socket.write(`${JSON.stringify(message)}\n`);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The subgraphs of the supergraph, and the sessions still on their way with one. */
class Membership {
  private readonly subgraphs = new Map<string, DevSubgraph>();
  private readonly listeners = new Set<() => void>();
  /** Bumped on every change of subgraphs, so a composition knows whether it is still current. */
  version = 0;
  pending = 0;
  lastChange = Date.now();

  get size(): number {
    return this.subgraphs.size;
  }

  has(name: string): boolean {
    return this.subgraphs.has(name);
  }

  list(): DevSubgraph[] {
    return [...this.subgraphs.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  onChange(listener: () => void) {
    this.listeners.add(listener);
  }

  /** Counts a session as arriving until the returned function is called. */
  expect(): () => void {
    this.pending++;
    this.lastChange = Date.now();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.pending--;
      this.lastChange = Date.now();
    };
  }

  add(subgraph: DevSubgraph) {
    this.subgraphs.set(subgraph.name, subgraph);
    this.changed();
  }

  remove(name: string) {
    if (this.subgraphs.delete(name)) this.changed();
  }

  private changed() {
    this.version++;
    this.lastChange = Date.now();
    for (const listener of this.listeners) listener();
  }
}

/** Drains on SIGINT or SIGTERM (what pm2 sends), then exits; a second signal exits at once. */
function stopOnSignals(stop: () => Promise<void>) {
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(1);
    stopping = true;
    setTimeout(() => process.exit(1), 10_000).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** The subgraph's SDL: its schema file, or `_service { sdl }` asked of it as our router would ask. */
async function loadSdl(options: DevOptions, report: (message: string) => void): Promise<string> {
  if (options.schema !== undefined) return readFile(options.schema, 'utf8');
  // Signed like the router's own fetches (its development key), so a Zhongtai center answers it too.
  const { ANONYMOUS, createRequestSigner, devServiceKey } = await import('@zhongtai/subgraph-kit');
  const signer = createRequestSigner({ service: 'router', key: devServiceKey('router') });
  const introspection = JSON.stringify({ query: INTROSPECTION });
  for (let attempt = 1; ; attempt++) {
    try {
      const audience = options.name;
      const response = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signer.sign({ identity: ANONYMOUS, audience, method: 'POST', body: introspection }),
        },
        body: introspection,
        signal: AbortSignal.timeout(5000),
      });
      const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
      const sdl = body.data?._service?.sdl;
      if (sdl) return sdl;
      throw new Error(`HTTP ${response.status} without an SDL: ${JSON.stringify(body.errors ?? body)}`);
    } catch (error) {
      if (attempt >= INTROSPECTION_ATTEMPTS) throw error;
      report(`cannot introspect ${options.url} yet (${(error as Error).message}); trying again`);
      await sleep(500);
    }
  }
}

function listenOn(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function canConnect(path: string): Promise<boolean> {
  const socket = connect(path);
  try {
    await once(socket, 'connect');
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

/** The sessions' socket when this process leads, or null when a live session already does. */
async function claimLeadership(path: string, onSession: (socket: Socket) => void): Promise<Server | null> {
  const server = createServer(onSession);
  try {
    await listenOn(server, path);
    return server;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  }
  if (await canConnect(path)) return null;
  // Left behind by a leading session that was killed: nobody answers on it.
  rmSync(path, { force: true });
  await listenOn(server, path);
  return server;
}

function startHealthCheck(port: number, ready: () => string | null): Promise<HttpServer> {
  const server = createHttpServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/health') {
      reply(404, { status: 'DOWN', reason: 'the health check is at /health' });
      return;
    }
    // Unlike Apollo Router's, this check waits for the supergraph rather than answering DOWN at once:
    // its clients ask right after starting the sessions, while the router is still starting.
    const deadline = Date.now() + HEALTH_WAIT_MS;
    let reason = ready();
    while (reason !== null && Date.now() < deadline && !res.destroyed) {
      await sleep(100);
      reason = ready();
    }
    reply(reason === null ? 200 : 503, reason === null ? { status: 'UP' } : { status: 'DOWN', reason });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve(server));
  });
}

/** The leader's side of another session: its subgraph is in the supergraph while it stays connected. */
function serveSession(socket: Socket, membership: Membership, report: (message: string) => void) {
  const arrived = membership.expect();
  let name: string | undefined;
  socket.on('error', () => {});
  socket.on('close', () => {
    arrived();
    if (name === undefined) return;
    report(`session of ${name} ended; removing it`);
    membership.remove(name);
  });
  createInterface({ input: socket }).on('line', (line) => {
    let message: SessionMessage;
    try {
      message = sessionMessage.parse(JSON.parse(line));
    } catch {
      send(socket, { type: 'refused', reason: 'not a rover dev session message' });
      return;
    }
    if (message.type !== 'register' || name !== undefined) {
      send(socket, { type: 'refused', reason: 'a session registers one subgraph, once' });
    } else if (membership.has(message.subgraph.name)) {
      send(socket, { type: 'refused', reason: `a session already serves ${message.subgraph.name}` });
    } else {
      name = message.subgraph.name;
      report(`adding ${name} (${message.subgraph.url})`);
      membership.add(message.subgraph);
      send(socket, { type: 'registered' });
    }
    arrived();
  });
}

async function lead(
  sessions: Server,
  membership: Membership,
  options: DevOptions,
  report: (m: string) => void,
) {
  let supergraph: DevSupergraph | undefined;
  let served = -1;
  let composed = false;
  const notReady = (): string | null => {
    if (membership.pending > 0) return 'a session is registering its subgraph';
    if (membership.size === 0) return 'no subgraphs';
    if (!supergraph || served !== membership.version) return 'composing';
    if (!composed) return 'the subgraphs do not compose';
    if (Date.now() - membership.lastChange < SETTLE_MS) return 'the subgraphs just changed';
    return null;
  };
  const health =
    options.healthPort === null ? undefined : await startHealthCheck(options.healthPort, notReady);

  let work = Promise.resolve();
  const sync = () => {
    work = work
      .then(async () => {
        const version = membership.version;
        if (!supergraph || version === served) return;
        const subgraphs = membership.list();
        composed = subgraphs.length > 0 && (await supergraph.serve(subgraphs));
        served = version;
      })
      .catch((error: unknown) => {
        // Most likely the router's port is taken: this session cannot serve the supergraph.
        report(`cannot serve the supergraph: ${(error as Error).stack ?? String(error)}`);
        process.exit(1);
      });
  };
  membership.onChange(sync);
  stopOnSignals(async () => {
    health?.close();
    health?.closeAllConnections();
    sessions.close();
    await work;
    await supergraph?.stop();
  });

  report(
    `leading: the router will listen on http://${LOOPBACK}:${options.routerPort}` +
      (options.healthPort === null ? '' : `, its health check on port ${options.healthPort}`),
  );
  const arrived = membership.expect();
  try {
    const [module, sdl] = await Promise.all([import('./supergraph.ts'), loadSdl(options, report)]);
    supergraph = new module.DevSupergraph({ routerPort: options.routerPort, report });
    report(`adding ${options.name} (${options.url})`);
    membership.add({ name: options.name, url: options.url, sdl });
  } finally {
    arrived();
  }
}

async function follow(path: string, options: DevOptions, report: (m: string) => void) {
  const socket = connect(path);
  await once(socket, 'connect');
  // Connected first, so the leader counts this session as arriving while its SDL loads.
  const sdl = await loadSdl(options, report);
  const lines = createInterface({ input: socket });
  send(socket, { type: 'register', subgraph: { name: options.name, url: options.url, sdl } });
  const [line] = (await once(lines, 'line')) as [string];
  const reply = sessionMessage.parse(JSON.parse(line));
  if (reply.type !== 'registered') {
    report(
      `the leading session refused this subgraph: ${reply.type === 'refused' ? reply.reason : reply.type}`,
    );
    process.exit(1);
  }
  report(`handed ${options.name} to the leading session (router on port ${options.routerPort})`);
  let stopping = false;
  socket.on('close', () => {
    if (stopping) return;
    report('the leading session ended, and with it the router; stopping');
    process.exit(1);
  });
  stopOnSignals(async () => {
    stopping = true;
    socket.end();
  });
}

export async function runDev(args: string[]): Promise<void> {
  const options = parseDevArgs(args);
  const report = (message: string) => console.log(`rover dev [${options.name}] ${message}`);
  const path = join(tmpdir(), `zhongtai-rover-dev-${options.routerPort}.sock`);
  const membership = new Membership();
  const sessions = await claimLeadership(path, (socket) => serveSession(socket, membership, report));
  if (sessions === null) await follow(path, options, report);
  else await lead(sessions, membership, options, report);
}
