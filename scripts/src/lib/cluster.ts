/**
 * What `npm run cluster` runs beside the routers and centers: a throwaway PostgreSQL (the test
 * command's own, scripts/lib/ephemeral-postgres.sh), Redis, and HAProxy in front of the routers and
 * in front of each center's replicas.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './supergraph-config.ts';

export interface Backend {
  /** The port clients reach it on (the load balancer's). */
  port: number;
  /** Where its replicas listen. */
  servers: { name: string; port: number }[];
  /** The path whose 200 means a replica takes traffic. */
  check: '/health' | '/ready';
}

/**
 * HAProxy's configuration: one frontend and backend per service. A replica that stops answering
 * its check leaves the rotation within a second; a request whose connection fails, or whose
 * replica dies before answering, is sent once more to another replica (the body is buffered for
 * that), so a replica killed under load costs no client request.
 */
export function haproxyConfig(host: string, backends: Record<string, Backend>, adminSocket?: string): string {
  const lines = [
    'global',
    '  maxconn 4096',
    // Its runtime API: the cluster takes replicas out of rotation and back (`npm run cluster -- --compare`).
    ...(adminSocket ? [`  stats socket ${adminSocket} level admin`] : []),
    '',
    'defaults',
    '  mode http',
    '  timeout connect 1s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  timeout http-request 10s',
    '  option http-buffer-request',
    // The caller's address for the routers' per-address rate limits (their TRUST_PROXY=1).
    '  option forwardfor',
    '  retries 2',
    '  option redispatch 1',
    '  retry-on conn-failure empty-response response-timeout 502 503',
    '  default-server inter 500ms fall 2 rise 1',
  ];
  for (const [name, backend] of Object.entries(backends)) {
    lines.push(
      '',
      `frontend ${name}`,
      `  bind ${host}:${backend.port}`,
      `  default_backend ${name}-replicas`,
      '',
      `backend ${name}-replicas`,
      '  balance roundrobin',
      `  option httpchk GET ${backend.check}`,
      '  http-check expect status 200',
      ...backend.servers.map((server) => `  server ${server.name} ${host}:${server.port} check`),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A helper the cluster runs; a process is stopped with SIGTERM (SIGKILL after 5 s). */
export interface Service {
  name: string;
  stop(): Promise<void>;
}

function service(name: string, child: ChildProcess, onStop?: () => void): Service {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      onStop?.();
    },
  };
}

/** Resolves once something accepts connections on the port. */
export async function listening(host: string, port: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Debian installs it in /usr/sbin, which is not on a normal user's PATH. */
const haproxyBinary = () => (existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy');

/** What `npm run cluster` needs from the machine that Node does not bring, as apt packages. */
export function missingPrograms(): string[] {
  const missing: string[] = [];
  const has = (command: string) => {
    try {
      execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  const postgres = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))
    : false;
  if (!postgres) missing.push('postgresql-15');
  if (!has('redis-server')) missing.push('redis-server');
  if (!has(haproxyBinary())) missing.push('haproxy');
  return missing;
}

/** The test command's throwaway PostgreSQL cluster (tuned for speed, not durability), until stop(). */
export async function startPostgres(): Promise<Service & { url: string }> {
  const script = [
    'set -e',
    'source scripts/lib/ephemeral-postgres.sh >/dev/null',
    'trap - EXIT',
    'echo "$DATABASE_URL"',
    'echo "$pg_dir"',
    'echo "$pg_bin"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template literal
    'echo "${as_pg[*]}"',
  ].join('\n');
  const [url, dir, bin, asPg] = execFileSync('bash', ['-c', script], { cwd: REPO_ROOT, encoding: 'utf8' })
    .trimEnd()
    .split('\n');
  if (!url || !dir || !bin) throw new Error('the throwaway PostgreSQL did not start');
  const prefix = asPg ? asPg.split(' ') : [];
  return {
    name: 'postgresql',
    url,
    async stop() {
      const [command, ...args] = [...prefix, `${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'fast', 'stop'];
      try {
        execFileSync(command as string, args, { stdio: 'ignore' });
      } catch {
        // Already stopped.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startRedis(host: string, port: number): Promise<Service & { url: string }> {
  const child = spawn(
    'redis-server',
    ['--bind', host, '--port', String(port), '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  await listening(host, port);
  return { ...service('redis', child), url: `redis://${host}:${port}` };
}

export interface Haproxy extends Service {
  /** Sends one command to HAProxy's runtime API (`disable server router-replicas/router-2`) and returns its answer. */
  command(line: string): Promise<string>;
}

export async function startHaproxy(
  host: string,
  backends: Record<string, Backend>,
  onStateChange?: (change: string) => void,
): Promise<Haproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'zhongtai-haproxy-'));
  const file = join(dir, 'haproxy.cfg');
  const socket = join(dir, 'admin.sock');
  writeFileSync(file, haproxyConfig(host, backends, socket));
  // -db: in the foreground, logging to stderr; -W: master-worker, so SIGTERM stops it cleanly.
  const child = spawn(haproxyBinary(), ['-W', '-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    said = (said + chunk.toString()).slice(-4000);
  });
  // Replicas leaving and rejoining the rotation, as HAProxy's checks see them.
  if (onStateChange && child.stderr)
    createInterface({ input: child.stderr }).on('line', (line) => {
      const change = /Server (\S+) is (UP|DOWN)\b[^,]*(?:, reason: ([^,]+))?/.exec(line);
      if (change) onStateChange(`${change[1]} is ${change[2]}${change[3] ? ` (${change[3]})` : ''}`);
    });
  const haproxy = service('haproxy', child, () => rmSync(dir, { recursive: true, force: true }));
  const failed = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`haproxy exited with code ${code}:\n${said}`))),
  );
  failed.catch(() => {});
  await Promise.race([
    Promise.all(Object.values(backends).map((backend) => listening(host, backend.port))),
    failed,
  ]);
  const command = (line: string) =>
    new Promise<string>((resolve, reject) => {
      let answer = '';
      const connection = connect(socket);
      connection.on('data', (chunk: Buffer) => {
        answer += chunk.toString();
      });
      connection.once('error', reject);
      connection.once('end', () => resolve(answer.trim()));
      connection.end(`${line}\n`);
    });
  return { ...haproxy, command };
}
