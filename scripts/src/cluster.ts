/**
 * `npm run cluster`: the platform as operators run it, on this machine: a throwaway PostgreSQL (every
 * center in its own schema), Redis (the routers' shared rate limits), 2 routers and 2 replicas of
 * every center, with HAProxy in front of the routers (the public port, 4000) and in front of each
 * center's replicas (its port in schema/supergraph.yaml, which routers and centers call). Seeds the
 * small data set, prints the URL, and on Ctrl-C stops everything; nothing is left running.
 *
 *   npm run cluster [-- --routers 2 --replicas 2]
 *   npm run cluster -- --drill [--workers 12]
 *   npm run cluster -- --compare [--workers 16 --duration 15 --rounds 2]
 *
 * `--drill` starts the cluster and runs the checks in lib/cluster-drill.ts: kills under a mixed load,
 * a flash sale, one rate limit bucket across routers, and sweeps run once; then stops everything and
 * exits 1 when any check failed.
 *
 * `--compare` measures, in one run, the cluster's throughput with every replica in rotation against
 * one router and one replica of each center (the others taken out through HAProxy's runtime API),
 * in interleaved rounds after a warm-up, every answer checked; then stops everything.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Backend,
  type Haproxy,
  missingPrograms,
  type Service,
  startHaproxy,
  startPostgres,
  startRedis,
} from './lib/cluster.ts';
import { post } from './lib/cluster-client.ts';
import { drill, LISTING, listProducts, PRODUCT_PAGE } from './lib/cluster-drill.ts';
import { loadScriptsConfig } from './lib/config.ts';
import { requireFreePorts } from './lib/ports.ts';
import { cpuByName, machineBusySeconds } from './lib/proc.ts';
import { freePort, type RunningSupergraph, startSupergraph } from './lib/processes.ts';
import { loadSupergraphConfig, SUPERGRAPH_SDL } from './lib/supergraph-config.ts';

// The router's default: the drill shows it is one bucket per buyer across the routers.
const RATE_LIMIT_PER_MINUTE = 600;

const { values } = parseArgs({
  options: {
    routers: { type: 'string', default: '2' },
    replicas: { type: 'string', default: '2' },
    drill: { type: 'boolean', default: false },
    workers: { type: 'string', default: '12' },
    interval: { type: 'string', default: '3' },
    compare: { type: 'boolean', default: false },
    duration: { type: 'string', default: '15' },
    rounds: { type: 'string', default: '2' },
  },
});
const routers = Number(values.routers);
const replicas = Number(values.replicas);
if (!Number.isInteger(routers) || routers < 1 || !Number.isInteger(replicas) || replicas < 1) {
  console.error('Usage: npm run cluster -- [--routers N] [--replicas N] (N ≥ 1)');
  process.exit(1);
}
const missing = missingPrograms();
if (missing.length > 0) {
  console.error(`npm run cluster needs ${missing.join(', ')}: sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}

const started = Date.now();
const config = loadScriptsConfig();
const subgraphs = loadSupergraphConfig();
const host = config.HOST;
await requireFreePorts(
  [['the routers', config.PORT] as const, ...subgraphs.map((s) => [s.name, s.port] as const)],
  host,
).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
const services: Service[] = [];
let running: RunningSupergraph | undefined;
let databaseUrl = '';
let stopping = false;
// The drill changes the supergraph the routers read, so it gives them a copy of their own.
const supergraphCopy = values.drill
  ? join(mkdtempSync(join(tmpdir(), 'zhongtai-cluster-')), 'supergraph.graphql')
  : undefined;

async function stopAll(exitCode: number) {
  if (stopping) return;
  stopping = true;
  console.log('Stopping HAProxy, the routers, every replica, Redis and PostgreSQL...');
  // The balancer first, so no new request reaches a replica that is stopping.
  const haproxy = services.find((s) => s.name === 'haproxy');
  await haproxy?.stop();
  const codes = running ? await running.stop() : {};
  for (const service of services.reverse()) if (service !== haproxy) await service.stop();
  const failed = Object.entries(codes).filter(([, code]) => code !== 0);
  if (failed.length > 0)
    console.error(`Did not stop cleanly: ${failed.map(([n, c]) => `${n} (${c})`).join(', ')}`);
  else console.log('Every process stopped.');
  if (supergraphCopy) rmSync(dirname(supergraphCopy), { recursive: true, force: true });
  process.exit(failed.length > 0 ? 1 : exitCode);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));

try {
  const postgres = await startPostgres();
  services.push(postgres);
  databaseUrl = postgres.url;
  const redis = await startRedis(host, await freePort());
  services.push(redis);

  // Every router and replica on a port of its own; the balancer takes the well-known ones.
  const routerPorts = await Promise.all(Array.from({ length: routers }, () => freePort()));
  const replicaPorts = Object.fromEntries(
    await Promise.all(
      subgraphs.map(
        async (s) => [s.name, await Promise.all(Array.from({ length: replicas }, () => freePort()))] as const,
      ),
    ),
  );
  const subgraphUrls = subgraphs.map((s) => `${s.name}=http://${host}:${s.port}/graphql`).join(',');
  // The drill sweeps every 2 s rather than every 30 and 60, so that its 3,000 orders expire within it.
  const centerEnv = {
    DATABASE_URL: postgres.url,
    ...(values.drill ? { EXPIRY_SWEEP_SECONDS: '2', RECONCILE_SWEEP_SECONDS: '2' } : {}),
  };
  if (supergraphCopy) copyFileSync(SUPERGRAPH_SDL, supergraphCopy);
  // HAProxy writes each caller's address in X-Forwarded-For: one trusted proxy, or every anonymous
  // caller would share HAProxy's address and its rate limit bucket. The comparison's load is one
  // client measuring throughput, not the limits, so it runs without them.
  const routerEnv = {
    ...(supergraphCopy ? { SUPERGRAPH_PATH: supergraphCopy } : {}),
    REDIS_URL: redis.url,
    TRUST_PROXY: '1',
    RATE_LIMIT_PER_MINUTE: values.compare ? '0' : String(RATE_LIMIT_PER_MINUTE),
  };
  console.log(
    `Starting ${routers} router(s) and ${replicas} replica(s) of ${subgraphs.length} centers on PostgreSQL (${postgres.url}) and Redis (${redis.url})...`,
  );
  running = await startSupergraph({
    config: { ...config, DATABASE_URL: postgres.url, PORT: routerPorts[0] as number },
    subgraphs,
    ports: Object.fromEntries(subgraphs.map((s) => [s.name, replicaPorts[s.name]?.[0] as number])),
    centerReplicas: Object.fromEntries(subgraphs.map((s) => [s.name, replicaPorts[s.name]?.slice(1) ?? []])),
    subgraphUrls,
    centerEnv,
    routerEnv,
    extraRouters: routerPorts.slice(1).map((port, i) => ({ name: `router-${i + 2}`, port, env: routerEnv })),
    seed: { scale: config.SEED_SCALE },
    restart: {
      onRestart: (name, code, delayMs) =>
        console.error(`${name} exited unexpectedly (code ${code}); restarting it in ${delayMs / 1000} s.`),
      onBack: (name, downMs) =>
        console.log(`${name} is back, ${(downMs / 1000).toFixed(1)} s after it exited.`),
    },
  });
  const backends: Record<string, Backend> = {
    router: {
      port: config.PORT,
      // /health, not /ready: a router answers with partial data while a center is down.
      check: '/health',
      servers: routerPorts.map((port, i) => ({ name: i === 0 ? 'router' : `router-${i + 1}`, port })),
    },
  };
  for (const s of subgraphs) {
    backends[s.name] = {
      port: s.port,
      check: '/ready',
      servers: (replicaPorts[s.name] ?? []).map((port, i) => ({
        name: i === 0 ? s.name : `${s.name}-${i + 1}`,
        port,
      })),
    };
  }
  // Outside --compare, which takes replicas out itself, say when a check takes one out or back.
  const haproxy = await startHaproxy(
    host,
    backends,
    values.compare ? undefined : (change) => console.log(`haproxy: ${change}`),
  );
  services.push(haproxy);
  const up = running;
  console.log(
    `\nZhongtai cluster ready at http://${host}:${config.PORT}/graphql in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `HAProxy in front of ${routers} router(s) and of ${replicas} replica(s) of each of ${subgraphs.length} centers ` +
      `(ports ${subgraphs.map((s) => s.port).join(', ')}). Ctrl-C stops everything.\n`,
  );
  if (values.compare) {
    const failed = await compare(haproxy, backends, `http://${host}:${config.PORT}/graphql`, up);
    await stopAll(failed > 0 ? 1 : 0);
  }
  if (supergraphCopy) {
    const failed = await drill({
      url: `http://${host}:${config.PORT}/graphql`,
      cluster: up,
      databaseUrl,
      centers: subgraphs.map((s) => s.name),
      workers: Number(values.workers),
      interval: Number(values.interval),
      perMinute: RATE_LIMIT_PER_MINUTE,
      supergraphPath: supergraphCopy,
    });
    await stopAll(failed > 0 ? 1 : 0);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}

/**
 * Throughput with every replica in rotation against one of each, in one run: the same read load
 * (product pages and listings, `--workers` at once) for `--duration` seconds per setting, settings
 * interleaved over `--rounds`, after a warm-up. Returns the requests that failed.
 */
async function compare(
  balancer: Haproxy,
  backends: Record<string, Backend>,
  url: string,
  cluster: RunningSupergraph,
): Promise<number> {
  const answered = async (body: unknown) => {
    const { status, body: answer } = await post(url, body);
    return status === 200 && !answer.errors && !!answer.data;
  };
  const slugs = (await listProducts(url)).map((product) => product.slug);
  const operations = [
    (i: number) =>
      answered({ query: PRODUCT_PAGE, variables: { slug: slugs[i % slugs.length], province: '广东省' } }),
    () => answered({ query: LISTING }),
  ];
  // Every server but each backend's first: out of rotation for "one of each", back in for "all".
  const extras = Object.entries(backends).flatMap(([name, backend]) =>
    backend.servers.slice(1).map((server) => `${name}-replicas/${server.name}`),
  );
  const setting = async (all: boolean) => {
    for (const server of extras) await balancer.command(`${all ? 'enable' : 'disable'} server ${server}`);
  };
  const load = async (seconds: number) => {
    let ok = 0;
    let failed = 0;
    const until = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: Number(values.workers) }, async (_, n) => {
        for (let i = n; Date.now() < until; i++) {
          if (await operations[i % operations.length]!(i).catch(() => false)) ok += 1;
          else failed += 1;
        }
      }),
    );
    return { rps: ok / seconds, ok, failed };
  };
  // Where the CPU went in a measured window, per request: each kind of process (its replicas
  // together) and the whole machine, whose rest is HAProxy, PostgreSQL, Redis and this client.
  const measured = async (seconds: number) => {
    const before = cpuByName(cluster.children);
    const machineBefore = machineBusySeconds();
    const result = await load(seconds);
    const machine = machineBusySeconds() - machineBefore;
    const byKind = new Map<string, number>();
    for (const [name, after] of cpuByName(cluster.children)) {
      const kind = name.replace(/-\d+$/, '');
      byKind.set(kind, (byKind.get(kind) ?? 0) + after - (before.get(name) ?? after));
    }
    const perRequest = (cpu: number) => ((cpu * 1000) / Math.max(1, result.ok)).toFixed(2);
    const ours = [...byKind.values()].reduce((a, b) => a + b, 0);
    const cpu =
      `CPU ms per request: machine ${perRequest(machine)}, ours ${perRequest(ours)} (` +
      [...byKind]
        .filter(([, spent]) => spent > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([kind, spent]) => `${kind} ${perRequest(spent)}`)
        .join(', ') +
      `), elsewhere ${perRequest(machine - ours)}`;
    return { ...result, cpu };
  };
  const duration = Number(values.duration);
  const results: Record<'all' | 'one', number[]> = { all: [], one: [] };
  let failures = 0;
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const name of ['all', 'one'] as const) {
      await setting(name === 'all');
      await load(5);
      const { rps, failed, cpu } = await measured(duration);
      results[name].push(rps);
      failures += failed;
      console.log(
        `compare: round ${round}, ${name === 'all' ? 'every replica' : 'one of each'}: ${rps.toFixed(1)} req/s, ${failed} failed; ${cpu}`,
      );
    }
  }
  await setting(true);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(
    `\ncompare: every replica (${extras.length + Object.keys(backends).length} servers) ${mean(results.all).toFixed(1)} req/s, ` +
      `one router and one replica of each center ${mean(results.one).toFixed(1)} req/s: ${(mean(results.all) / mean(results.one)).toFixed(2)}×; ` +
      `${failures} failed; ${values.workers} workers, ${duration} s per setting after 5 s of warm-up, ${values.rounds} round(s) interleaved.`,
  );
  return failures;
}
