/**
 * `npm run image`: builds deploy/Dockerfile with podman (one image, every service), and with
 * `--check` runs the whole platform from it and asks it what a front-end asks.
 *
 *   npm run image [-- --tag zhongtai:0.1.0] [--base IMAGE]
 *   npm run image -- --check [--runtime runc]
 *   npm run image -- --local-base --check --runtime runc    (a machine that reaches no image registry)
 *
 * `--check` starts a throwaway PostgreSQL, seeds the small data set, then runs the router and every
 * center as a container of the image, as the Kubernetes manifests run them: production mode, a
 * read-only root filesystem with /tmp writable, the supergraph and the trusted documents mounted
 * read-only, every secret in an environment file. It then checks that each container's HEALTHCHECK
 * passes and runs as the unprivileged user, that the web client's registered operations answer
 * (sign in, then the order history, which crosses the router, users, orders, products and
 * payments), that an unregistered operation is refused, and that every container stops on SIGTERM
 * with exit code 0. Everything it started is removed; it exits 1 when a check failed.
 *
 * `--local-base` makes the base image here, for machines that reach Debian's mirror and the npm
 * registry but no image registry: Debian bookworm from debootstrap, with this machine's Node.js
 * (the version the repository runs on) and its CA bundle (for a registry behind a TLS-inspecting
 * proxy), and the `node` user (uid 1000) the Dockerfile runs as. It needs root and debootstrap.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createClient } from '../../schema/operations/web/__generated__/client.ts';
import {
  OrderHistoryDocument,
  SignInDocument,
} from '../../schema/operations/web/__generated__/operations.ts';
import { startPostgres } from './lib/cluster.ts';
import { loadScriptsConfig } from './lib/config.ts';
import { runKeyEnv } from './lib/keys.ts';
import { requireFreePorts } from './lib/ports.ts';
import { ROUTER_NODE_OPTIONS } from './lib/runtime.ts';
import { seedAll } from './lib/seed.ts';
import { loadSupergraphConfig, REPO_ROOT, SUPERGRAPH_SDL } from './lib/supergraph-config.ts';

const { values } = parseArgs({
  options: {
    tag: { type: 'string' },
    base: { type: 'string' },
    'local-base': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    runtime: { type: 'string' },
  },
});
const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;
const tag = values.tag ?? `localhost/zhongtai:${version}`;

const podman = (args: string[], options: { quiet?: boolean } = {}) => {
  const result = spawnSync('podman', args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
  });
  if (result.error) throw result.error;
  return { code: result.status ?? 1, out: (result.stdout ?? '').trim(), err: (result.stderr ?? '').trim() };
};
const must = (args: string[], what: string) => {
  const { code, out, err } = podman(args, { quiet: true });
  if (code !== 0) throw new Error(`${what} failed (podman ${args[0]}, exit ${code}): ${err.slice(-600)}`);
  return out;
};
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

if (spawnSync('podman', ['--version']).error) {
  console.error('npm run image needs podman: sudo apt-get install -y podman');
  process.exit(1);
}

try {
  const base = values['local-base'] ? localBase() : values.base;
  const started = performance.now();
  // Chroot isolation runs the build's steps without an OCI runtime, so the build also works where
  // the runtime cannot manage cgroups (in a VM or a container); the docker format keeps HEALTHCHECK.
  const build = podman([
    'build',
    '--isolation=chroot',
    '--format=docker',
    ...(base ? ['--build-arg', `NODE_IMAGE=${base}`] : []),
    '-f',
    'deploy/Dockerfile',
    '-t',
    tag,
    '.',
  ]);
  if (build.code !== 0) throw new Error(`podman build exited with ${build.code}`);
  const size = Number(must(['image', 'inspect', '--format', '{{.Size}}', tag], 'inspecting the image'));
  console.log(`\nimage: built ${tag} in ${seconds(started)}, ${(size / 1e6).toFixed(0)} MB.`);
  if (values.check) process.exit((await check()) > 0 ? 1 : 0);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

/** Debian bookworm (debootstrap) with this machine's Node.js and CA bundle; returns its tag. */
function localBase(): string {
  const node = process.version.slice(1);
  const baseTag = `localhost/zhongtai-node-base:${node}`;
  if (podman(['image', 'exists', baseTag], { quiet: true }).code === 0) return baseTag;
  const dir = mkdtempSync(join(tmpdir(), 'zhongtai-base-'));
  try {
    const started = performance.now();
    execFileSync(
      'debootstrap',
      ['--variant=minbase', 'bookworm', join(dir, 'rootfs'), 'http://deb.debian.org/debian'],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    execFileSync(
      'sh',
      ['-c', `tar -C "${dir}/rootfs" -c . | podman import - localhost/debian-minbase:bookworm`],
      {
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const nodeDir = join(dir, 'node');
    mkdirSync(nodeDir);
    // Node.js as this machine has it: the binary, and npm beside it.
    execFileSync('tar', [
      '-C',
      '/',
      '-cf',
      join(nodeDir, 'node.tar'),
      ...['usr/bin/node', 'usr/bin/npm', 'usr/bin/npx', 'usr/lib/node_modules/npm'].filter((p) =>
        existsSync(`/${p}`),
      ),
    ]);
    copyFileSync('/etc/ssl/certs/ca-certificates.crt', join(nodeDir, 'ca-certificates.crt'));
    writeFileSync(
      join(nodeDir, 'Containerfile'),
      [
        'FROM localhost/debian-minbase:bookworm',
        'ADD node.tar /',
        'COPY ca-certificates.crt /etc/ssl/certs/ca-certificates.crt',
        'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt',
        'RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --create-home node && node --version',
        '',
      ].join('\n'),
    );
    must(['build', '--isolation=chroot', '-t', baseTag, nodeDir], 'building the base image');
    console.log(`image: base ${baseTag} made in ${seconds(started)} (debootstrap, Node.js ${node}).`);
    return baseTag;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The platform from the image; resolves with the number of checks that failed. */
async function check(): Promise<number> {
  const config = loadScriptsConfig();
  const subgraphs = loadSupergraphConfig();
  const host = '127.0.0.1';
  await requireFreePorts(
    [['the router', config.PORT] as const, ...subgraphs.map((s) => [s.name, s.port] as const)],
    host,
  );
  const run = randomUUID().slice(0, 8);
  const dir = mkdtempSync(join(tmpdir(), 'zhongtai-image-check-'));
  const postgres = await startPostgres();
  const names: string[] = [];
  const failed: string[] = [];
  const expect = (ok: boolean, what: string) => {
    console.log(`image: ${ok ? 'ok' : 'FAILED'}: ${what}`);
    if (!ok) failed.push(what);
  };
  try {
    let started = performance.now();
    await seedAll({ databaseUrl: postgres.url, dataDir: join(dir, 'data'), scale: 'small' });
    console.log(`image: seeded the small data set on a throwaway PostgreSQL in ${seconds(started)}.`);

    // As the manifests run them: every secret from a file, never on a command line.
    const keyEnv = runKeyEnv(subgraphs.map((s) => s.name));
    const jwtSecret = randomBytes(32).toString('hex');
    const SUBGRAPH_URLS = subgraphs.map((s) => `${s.name}=http://${host}:${s.port}/graphql`).join(',');
    const services = [
      { name: 'router', port: config.PORT, router: true },
      ...subgraphs.map((s) => ({ name: s.name, port: s.port, router: false })),
    ];
    // This machine's hard limit on open files: podman asks for more by default, which only a
    // process with CAP_SYS_RESOURCE may set.
    const nofile = /^Max open files\s+\S+\s+(\d+)/m.exec(readFileSync('/proc/self/limits', 'utf8'))?.[1];
    started = performance.now();
    for (const service of services) {
      const env = {
        HOST: host,
        PORT: String(service.port),
        SUBGRAPH_URLS,
        LOG_LEVEL: 'warn',
        ...keyEnv(service.name),
        ...(service.router
          ? {
              JWT_SECRET: jwtSecret,
              NODE_OPTIONS: ROUTER_NODE_OPTIONS,
              SUPERGRAPH_PATH: '/etc/zhongtai/supergraph/supergraph.graphql',
              PERSISTED_QUERIES_DIR: '/etc/zhongtai/operations',
            }
          : { DATABASE_URL: postgres.url, DATABASE_POOL_SIZE: '5' }),
        ...(service.name === 'users' ? { JWT_SECRET: jwtSecret } : {}),
      };
      const envFile = join(dir, `${service.name}.env`);
      writeFileSync(
        envFile,
        Object.entries(env)
          .map(([key, value]) => `${key}=${value}`)
          .join('\n'),
        { mode: 0o600 },
      );
      const name = `zhongtai-${run}-${service.name}`;
      must(
        [
          'run',
          '--detach',
          '--name',
          name,
          ...(values.runtime ? ['--runtime', values.runtime] : []),
          ...(nofile ? ['--ulimit', `nofile=${nofile}:${nofile}`, '--ulimit', 'nproc=4096:4096'] : []),
          '--network=host',
          '--read-only',
          '--tmpfs=/tmp',
          '--env-file',
          envFile,
          ...(service.router
            ? [
                '-v',
                `${SUPERGRAPH_SDL}:/etc/zhongtai/supergraph/supergraph.graphql:ro`,
                '-v',
                `${join(REPO_ROOT, 'schema/operations')}:/etc/zhongtai/operations:ro`,
              ]
            : []),
          tag,
          service.name,
        ],
        `starting ${service.name}`,
      );
      names.push(name);
    }
    const ready = await until(async () => (await fetch(`http://${host}:${config.PORT}/ready`)).ok, 120);
    expect(
      ready,
      `the router's /ready says every center is up, ${seconds(started)} after the first container started`,
    );
    if (!ready) return failed.length;

    for (const name of names) {
      const health = podman(['healthcheck', 'run', name], { quiet: true });
      const user = must(['exec', name, 'id', '-u'], `id in ${name}`);
      expect(health.code === 0 && user === '1000', `${name}: HEALTHCHECK passes, runs as uid ${user}`);
    }

    const client = createClient({ url: `http://${host}:${config.PORT}/graphql` });
    const signIn = await client(SignInDocument, { email: 'demo@zhongtai.dev', password: 'zhongtai-demo' });
    const token = signIn.data?.signIn.token;
    expect(Boolean(token) && !signIn.errors, 'the web client signs in by persisted-query id');
    const authorized = createClient({
      url: `http://${host}:${config.PORT}/graphql`,
      headers: { authorization: `Bearer ${token}` },
    });
    const history = await authorized(OrderHistoryDocument, { first: 5 });
    const orders = history.data?.me?.orders;
    expect(
      !history.errors && (orders?.totalCount ?? 0) > 0 && (orders?.edges[0]?.node.lines.length ?? 0) > 0,
      `the order history answers without errors: ${orders?.totalCount} orders, the first with ${orders?.edges[0]?.node.lines.length} lines`,
    );
    const adHoc = await fetch(`http://${host}:${config.PORT}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollographql-client-name': 'web' },
      body: JSON.stringify({ query: '{ products(first: 1) { edges { node { id } } } }' }),
    });
    const refusal = (await adHoc.json()) as { errors?: { extensions?: { code?: string } }[] };
    const code = refusal.errors?.[0]?.extensions?.code;
    expect(
      Boolean(code) && !('data' in refusal && refusal.data),
      `an unregistered operation is refused in production (${code})`,
    );

    // Graceful termination, as the pods' preStop and terminationGracePeriodSeconds expect.
    started = performance.now();
    must(['stop', '--time', '20', ...names], 'stopping the containers');
    const codes = names.map((name) =>
      must(['inspect', '--format', '{{.State.ExitCode}}', name], `inspecting ${name}`),
    );
    expect(
      codes.every((c) => c === '0'),
      `every container stopped on SIGTERM with exit code 0 in ${seconds(started)} (${codes.join(', ')})`,
    );
    return failed.length;
  } finally {
    if (failed.length > 0)
      for (const name of names) {
        const { out, err } = podman(['logs', '--tail', '5', name], { quiet: true });
        console.log(`--- ${name}\n${out}\n${err}`);
      }
    if (names.length > 0) podman(['rm', '--force', '--time', '0', ...names], { quiet: true });
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
    console.log(
      failed.length === 0 ? 'image: every check held.' : `image: ${failed.length} check(s) failed.`,
    );
  }
}

async function until(ok: () => Promise<boolean>, timeoutSeconds: number): Promise<boolean> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (await ok().catch(() => false)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
