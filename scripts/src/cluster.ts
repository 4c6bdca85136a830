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
 * `--drill` starts the cluster, runs a mixed load through HAProxy (product pages, listings, and
 * orders placed by signed-in buyers), kills with SIGKILL one router and then one replica of each
 * center in turn, waits for every killed process to rejoin, prints what the clients saw, then runs a
 * flash sale with 10× oversubscription through both routers, checked against the rows, and stops
 * everything; it exits 1 when any client request failed or the sale did not sell exactly its stock.
 *
 * `--compare` measures, in one run, the cluster's throughput with every replica in rotation against
 * one router and one replica of each center (the others taken out through HAProxy's runtime API),
 * in interleaved rounds after a warm-up, every answer checked; then stops everything.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as inventory from '@zhongtai/inventory';
import * as orders from '@zhongtai/orders';
import { openDatabase } from '@zhongtai/subgraph-kit';
import { count, eq } from 'drizzle-orm';
import {
  type Backend,
  type Haproxy,
  missingPrograms,
  type Service,
  startHaproxy,
  startPostgres,
  startRedis,
} from './lib/cluster.ts';
import { loadScriptsConfig } from './lib/config.ts';
import { OPERATIONS_DIR } from './lib/operations.ts';
import { portInUseMessage, portIsFree } from './lib/ports.ts';
import { freePort, type RunningSupergraph, startSupergraph } from './lib/processes.ts';
import { loadSupergraphConfig } from './lib/supergraph-config.ts';

// The load's helpers, above the top-level awaits that use them.
const read = (file: string) => readFileSync(join(OPERATIONS_DIR, file), 'utf8');
const LISTING =
  '{ products(first: 12) { edges { node { title seller { displayName } rating { average } } } } }';

interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

/** One GraphQL request to the cluster as the web front-end, signed in when given a token. */
async function post(url: string, body: unknown, token?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'apollographql-client-name': 'web',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

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
for (const [name, port] of [
  ['the routers', config.PORT] as const,
  ...subgraphs.map((s) => [s.name, s.port] as const),
]) {
  if (!(await portIsFree(port, host))) {
    console.error(portInUseMessage(port, name));
    process.exit(1);
  }
}
const services: Service[] = [];
let running: RunningSupergraph | undefined;
let databaseUrl = '';
let stopping = false;

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
  const shared = { DATABASE_URL: postgres.url };
  // The drill's and the comparison's load come from one address and one buyer: with rate limits on,
  // they would measure the limits.
  const loaded = values.drill || values.compare;
  const routerEnv = { REDIS_URL: redis.url, ...(loaded ? { RATE_LIMIT_PER_MINUTE: '0' } : {}) };
  console.log(
    `Starting ${routers} router(s) and ${replicas} replica(s) of ${subgraphs.length} centers on PostgreSQL (${postgres.url}) and Redis (${redis.url})...`,
  );
  running = await startSupergraph({
    config: { ...config, DATABASE_URL: postgres.url, PORT: routerPorts[0] as number },
    subgraphs,
    ports: Object.fromEntries(subgraphs.map((s) => [s.name, replicaPorts[s.name]?.[0] as number])),
    centerReplicas: Object.fromEntries(subgraphs.map((s) => [s.name, replicaPorts[s.name]?.slice(1) ?? []])),
    subgraphUrls,
    centerEnv: shared,
    routerEnv: routerEnv,
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
  const haproxy = await startHaproxy(host, backends);
  services.push(haproxy);
  const up = running;
  console.log(
    `\nZhongtai cluster ready at http://${host}:${config.PORT}/graphql in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `HAProxy in front of ${routers} router(s) and of ${replicas} replica(s) of each of ${subgraphs.length} centers ` +
      `(ports ${subgraphs.map((s) => s.port).join(', ')}). Ctrl-C stops everything.\n`,
  );
  if (values.compare) {
    const failed = await compare(haproxy, backends, `http://${host}:${config.PORT}/graphql`);
    await stopAll(failed > 0 ? 1 : 0);
  }
  if (values.drill) {
    const failed = await drill(up, `http://${host}:${config.PORT}/graphql`);
    await stopAll(failed > 0 ? 1 : 0);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}

/** The drill: load, a SIGKILL of each kind of process in turn, and what the clients saw. */
async function drill(cluster: RunningSupergraph, url: string): Promise<number> {
  const productPage = read('web/ProductPage.graphql');
  const placeOrder = read('web/PlaceOrder.graphql');
  const signIn = await post(url, {
    query: read('web/SignIn.graphql'),
    variables: { email: 'demo@zhongtai.dev', password: 'zhongtai-demo' },
  });
  const token = (signIn.body.data?.signIn as { token?: string } | undefined)?.token;
  const listing = await post(url, {
    query: '{ products(first: 50) { edges { node { slug skus { id } } } } }',
  });
  const edges = (
    listing.body.data?.products as { edges: { node: { slug: string; skus: { id: string }[] } }[] }
  )?.edges;
  if (!token || !edges) throw new Error('the drill could not sign in or list products');
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;
  const operations = [
    () => post(url, { query: productPage, variables: { slug: pick(edges).node.slug, province: '广东省' } }),
    () => post(url, { query: LISTING }),
    () =>
      post(
        url,
        {
          query: placeOrder,
          variables: {
            input: {
              lines: [{ skuId: pick(pick(edges).node.skus).id, quantity: 1 }],
              idempotencyKey: randomUUID(),
            },
          },
        },
        token,
      ),
  ];
  // A request fails when it gets no 200, or errors other than a sold-out SKU (an answer, not a fault).
  let requests = 0;
  const failures: string[] = [];
  let loading = true;
  const worker = async (n: number) => {
    for (let i = n; loading; i++) {
      requests += 1;
      try {
        const { status, body } = await operations[i % operations.length]!();
        const errors = (body.errors ?? []).filter((e) => e.extensions?.code !== 'OUT_OF_STOCK');
        if (status !== 200 || errors.length > 0) {
          failures.push(`${status} ${errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
        }
      } catch (error) {
        failures.push(String(error));
      }
    }
  };
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const load = Promise.all(Array.from({ length: Number(values.workers) }, (_, n) => worker(n)));
  const interval = Number(values.interval);
  await sleep(interval);
  const victims = ['router', ...subgraphs.map((s) => s.name)];
  for (const name of victims) {
    const victim = cluster.children.find((child) => child.name === name);
    if (!victim) throw new Error(`no process named ${name}`);
    victim.process.kill('SIGKILL');
    console.log(
      `drill: kill -9 ${name} (pid ${victim.process.pid}) at ${requests} requests, ${failures.length} failed`,
    );
    await sleep(interval);
  }
  // Every killed process is back once a new one with its name answers /health.
  const rejoined = async (name: string) => {
    for (;;) {
      const child = cluster.children.find(
        (c) => c.name === name && c.process.exitCode === null && c.process.signalCode === null,
      );
      if (child) {
        try {
          if ((await fetch(`${child.url}/health`)).ok) return;
        } catch {}
      }
      await sleep(0.2);
    }
  };
  await Promise.all(victims.map(rejoined));
  await sleep(interval);
  loading = false;
  await load;
  const oversold = await flashSale(url, placeOrder, token, pick(edges).node.skus[0]?.id as string);
  console.log(
    `\ndrill: ${requests} requests through HAProxy by ${values.workers} workers; ${victims.length} processes killed with SIGKILL ` +
      `(one router, one replica of each center), every one back; ${failures.length} failed client requests.`,
  );
  const kinds = new Map<string, number>();
  for (const failure of failures)
    kinds.set(failure.slice(0, 120), (kinds.get(failure.slice(0, 120)) ?? 0) + 1);
  for (const [kind, count] of kinds) console.log(`  ${count} × ${kind}`);
  return failures.length + oversold;
}

/**
 * A flash sale through the cluster: S units of one SKU, 10×S orders at once, spread by HAProxy over
 * the routers and the orders replicas. Exactly S must be placed and 9×S refused as sold out, and the
 * rows must say the same: S more order lines for the SKU, and no stock left. Returns the mismatches.
 */
async function flashSale(
  url: string,
  placeOrder: string,
  token: string,
  skuId: string,
  units = 20,
): Promise<number> {
  const open = <S extends Record<string, unknown>>(center: string, schema: S, migrationsFolder: string) =>
    openDatabase({ center, schema, migrationsFolder, databaseUrl });
  const stockDb = await open('inventory', inventory.schema, inventory.migrationsFolder);
  const ordersDb = await open('orders', orders.schema, orders.migrationsFolder);
  try {
    const lines = async () =>
      (
        await ordersDb.db
          .select({ n: count() })
          .from(orders.schema.orderLines)
          .where(eq(orders.schema.orderLines.skuId, skuId))
      )[0]?.n ?? 0;
    const before = await lines();
    await inventory.setStock(stockDb.db, skuId, units);
    const results = await Promise.all(
      Array.from({ length: 10 * units }, () =>
        post(
          url,
          {
            query: placeOrder,
            variables: { input: { lines: [{ skuId, quantity: 1 }], idempotencyKey: randomUUID() } },
          },
          token,
        ),
      ),
    );
    const placed = results.filter((r) => r.body.data?.placeOrder).length;
    const soldOut = results.filter((r) => r.body.errors?.[0]?.extensions?.code === 'OUT_OF_STOCK').length;
    const [row] = await stockDb.db
      .select({ available: inventory.schema.stock.available })
      .from(inventory.schema.stock)
      .where(eq(inventory.schema.stock.skuId, skuId));
    const added = (await lines()) - before;
    console.log(
      `drill: flash sale of ${units} units to ${10 * units} orders at once: ${placed} placed, ${soldOut} sold out; ` +
        `rows: ${added} new order lines for the SKU, ${row?.available} left in stock.`,
    );
    return [placed === units, soldOut === 9 * units, added === units, row?.available === 0].filter(
      (ok) => !ok,
    ).length;
  } finally {
    await stockDb.close();
    await ordersDb.close();
  }
}

/**
 * Throughput with every replica in rotation against one of each, in one run: the same read load
 * (product pages and listings, `--workers` at once) for `--duration` seconds per setting, settings
 * interleaved over `--rounds`, after a warm-up. Returns the requests that failed.
 */
async function compare(balancer: Haproxy, backends: Record<string, Backend>, url: string): Promise<number> {
  const answered = async (body: unknown) => {
    const { status, body: answer } = await post(url, body);
    return status === 200 && !answer.errors && !!answer.data;
  };
  const listing = await post(url, { query: '{ products(first: 50) { edges { node { slug } } } }' });
  const products = listing.body.data?.products as { edges: { node: { slug: string } }[] } | undefined;
  if (!products) throw new Error('the comparison could not list products');
  const slugs = products.edges.map((edge) => edge.node.slug);
  const page = read('web/ProductPage.graphql');
  const operations = [
    (i: number) =>
      answered({ query: page, variables: { slug: slugs[i % slugs.length], province: '广东省' } }),
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
    return { rps: ok / seconds, failed };
  };
  const duration = Number(values.duration);
  const results: Record<'all' | 'one', number[]> = { all: [], one: [] };
  let failures = 0;
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const name of ['all', 'one'] as const) {
      await setting(name === 'all');
      await load(5);
      const { rps, failed } = await load(duration);
      results[name].push(rps);
      failures += failed;
      console.log(
        `compare: round ${round}, ${name === 'all' ? 'every replica' : 'one of each'}: ${rps.toFixed(1)} req/s, ${failed} failed`,
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
