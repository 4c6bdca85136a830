/**
 * `npm run bench [-- --scale small|medium|large --duration 15 --connections 16 --warmup 5 --rounds 2
 * --engines native,apollo --reset]`: seeds (unless already seeded), starts every center as `npm start`
 * does and one router per engine over them, and loads each router in turn with the front-ends' own
 * operations from schema/operations/, interleaved over the rounds, after a warm-up, each engine's
 * answer first checked against the others. Prints, per operation and engine: requests/s, p50/p99
 * latency, requests per CPU-second of that router, SQL statements per request in each center, the
 * ratio of the engines, and the resident memory of each process after the load. Use DATABASE_URL for
 * a real PostgreSQL; otherwise the embedded data set of each scale is kept in <DATA_DIR>/bench-<scale>
 * (DATA_DIR: .data by default).
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadScriptsConfig } from './lib/config.ts';
import { devMetricsHeaders } from './lib/keys.ts';
import { OPERATIONS_DIR } from './lib/operations.ts';
import { cpuByName, cpuSeconds, machineBusySeconds, residentMb } from './lib/proc.ts';
import { freePort, type RunningSupergraph, startSupergraph } from './lib/processes.ts';
import { SCALES, type Scale, seedAll } from './lib/seed.ts';
import { loadSupergraphConfig } from './lib/supergraph.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    engines: { type: 'string', default: 'native,apollo' },
    reset: { type: 'boolean', default: false },
  },
});
const scale = values.scale as Scale;
if (!(scale in SCALES)) throw new Error(`Unknown scale ${scale}`);
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const rounds = Number(values.rounds);
const engines = values.engines.split(',').map((engine) => engine.trim());
if (engines.length === 0 || engines.some((engine) => !['native', 'apollo'].includes(engine))) {
  throw new Error(`--engines takes native and/or apollo, not ${values.engines}`);
}
const config = loadScriptsConfig();
// The bench's embedded data set is seeded once per scale and kept apart from npm start's, under DATA_DIR.
const dataDir =
  config.DATABASE_URL || config.dataDir.startsWith('memory://')
    ? config.dataDir
    : join(config.dataDir, `bench-${scale}`);

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string }[];
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLBody> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollographql-client-name': 'bench', ...headers },
    body: JSON.stringify(body),
  });
  return (await response.json()) as GraphQLBody;
}

async function sqlStatements(running: RunningSupergraph): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const child of running.children) {
    if (child.name === 'router') continue;
    const text = await (
      await fetch(`${child.url}/metrics`, { headers: devMetricsHeaders(child.name) })
    ).text();
    counts[child.name] = Number(
      /^zhongtai_sql_statements_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? Number.NaN,
    );
  }
  return counts;
}

interface Operation {
  name: string;
  file: string;
  /** One request body per variable set; the load cycles through them. */
  bodies: { query: string; variables: Record<string, unknown> }[];
  headers: Record<string, string>;
}

console.log(
  `Seeding (${scale}) on ${config.DATABASE_URL ? 'PostgreSQL' : `PGlite in ${dataDir}`} if needed...`,
);
await seedAll({ databaseUrl: config.DATABASE_URL, dataDir, scale, reset: values.reset, log: console.log });

const subgraphs = loadSupergraphConfig();
const ports: Record<string, number> = {};
for (const subgraph of subgraphs) ports[subgraph.name] = await freePort();
// The load is one user from one address, far over the router's per-user rate limit: measure, don't limit.
process.env.RATE_LIMIT_PER_MINUTE ??= '0';
// The first engine's router is the supergraph's own; each other engine gets a router beside it.
process.env.ROUTER_ENGINE = engines[0];
const routerName = (engine: string) => (engine === engines[0] ? 'router' : `router-${engine}`);
const extraRouters = [];
for (const engine of engines.slice(1)) {
  extraRouters.push({ name: routerName(engine), port: await freePort(), env: { ROUTER_ENGINE: engine } });
}
const running = await startSupergraph({
  config: { ...config, dataDir, LOG_LEVEL: 'warn', PORT: await freePort() },
  subgraphs,
  ports,
  extraRouters,
});
const loadAtStart = loadavg()[0]!;

try {
  const url = running.routerUrl;
  const signIn = await post(url, {
    query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { token } }',
    variables: { e: 'demo@zhongtai.dev', p: 'zhongtai-demo' },
  });
  const token = (signIn.data?.signIn as { token: string } | undefined)?.token;
  if (!token) throw new Error(`cannot sign in as the demo user: ${JSON.stringify(signIn.errors)}`);
  const listing = await post(url, { query: '{ products(first: 100) { edges { node { slug } } } }' });
  const page = listing.data?.products as { edges: { node: { slug: string } }[] } | undefined;
  if (!page) throw new Error(`cannot list products: ${JSON.stringify(listing.errors)}`);
  const slugs = page.edges.map((e) => e.node.slug);

  const read = (file: string) => readFileSync(join(OPERATIONS_DIR, file), 'utf8');
  const operations: Operation[] = [
    {
      name: 'product page',
      file: 'web/ProductPage.graphql',
      bodies: slugs.map((slug) => ({
        query: read('web/ProductPage.graphql'),
        variables: { slug, province: '广东省' },
      })),
      headers: {},
    },
    {
      name: 'order history',
      file: 'web/OrderHistory.graphql',
      bodies: [{ query: read('web/OrderHistory.graphql'), variables: { first: 10 } }],
      headers: { authorization: `Bearer ${token}` },
    },
  ];

  const routerPid = (engine: string) => {
    const pid = running.children.find((child) => child.name === routerName(engine))?.process.pid;
    if (pid === undefined) throw new Error(`no router for ${engine}`);
    return pid;
  };
  // Answers without the fields that differ from one request to the next (none today: checked as is).
  const canonical = (body: GraphQLBody) => JSON.stringify(body);

  interface Figures {
    rps: number[];
    p50: number[];
    p99: number[];
    failed: number;
    perCpuSecond: number[];
  }
  const rows: string[] = [];
  const ratios: string[] = [];
  const cpuRows: string[] = [];
  const MACHINE = '(machine)';
  // Every service's CPU time now (the seed, a job, has ended).
  const processCpu = () => cpuByName(running.children.filter((child) => !child.job));
  for (const operation of operations) {
    // Each engine's answer to the same requests first: the figures are only worth comparing if equal.
    for (const body of operation.bodies.slice(0, 3)) {
      const answers = new Map<string, string>();
      for (const engine of engines) {
        const sample = await post(running.routerUrls[routerName(engine)]!, body, operation.headers);
        if (sample.errors)
          throw new Error(`${operation.name} fails on ${engine}: ${JSON.stringify(sample.errors)}`);
        answers.set(engine, canonical(sample));
      }
      if (new Set(answers.values()).size > 1) {
        throw new Error(`${operation.name}: the engines answer differently:\n${[...answers].join('\n')}`);
      }
    }
    const before = await sqlStatements(running);
    await post(running.routerUrl, operation.bodies[0], operation.headers);
    const after = await sqlStatements(running);
    const statements = Object.entries(after)
      .map(([center, n]) => [center, n - (before[center] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([center, n]) => `${center} ${n}`)
      .join(', ');

    // CPU seconds each process spent in the measured windows, by engine, for the sizing table
    // (docs/scaling.md): a center's cost per request, whichever router called it.
    const perProcess = new Map<string, number>();
    const requestsOf = new Map<string, number>();
    const figures = new Map<string, Figures>(
      engines.map((engine) => [engine, { rps: [], p50: [], p99: [], failed: 0, perCpuSecond: [] }]),
    );
    for (let round = 1; round <= rounds; round++) {
      for (const engine of engines) {
        let next = 0;
        // A GraphQL error still answers 200, so the responses themselves are read for errors.
        let graphqlErrors = 0;
        const load = (seconds: number) =>
          autocannon({
            url: running.routerUrls[routerName(engine)]!,
            method: 'POST',
            connections,
            duration: seconds,
            headers: {
              'content-type': 'application/json',
              'apollographql-client-name': 'bench',
              ...operation.headers,
            },
            requests: [
              {
                setupRequest: (request) => {
                  const body = operation.bodies[next++ % operation.bodies.length];
                  return { ...request, body: JSON.stringify(body) };
                },
                onResponse: (status, body) => {
                  if (status === 200 && body.includes('"errors"')) graphqlErrors++;
                },
              },
            ],
          });
        // Fresh processes run cold code and cold caches; the figures are for a warmed-up supergraph.
        if (warmup > 0) await load(warmup);
        graphqlErrors = 0;
        const cpuBefore = cpuSeconds(routerPid(engine));
        const processesBefore = processCpu();
        const machineBefore = machineBusySeconds();
        const result = await load(duration);
        const routerCpu = cpuSeconds(routerPid(engine)) - cpuBefore;
        perProcess.set(
          `${engine} ${MACHINE}`,
          (perProcess.get(`${engine} ${MACHINE}`) ?? 0) + machineBusySeconds() - machineBefore,
        );
        for (const [name, seconds] of processCpu()) {
          const spent = seconds - (processesBefore.get(name) ?? seconds);
          perProcess.set(`${engine} ${name}`, (perProcess.get(`${engine} ${name}`) ?? 0) + spent);
        }
        requestsOf.set(engine, (requestsOf.get(engine) ?? 0) + result.requests.total);
        const failed = result.errors + result.non2xx + result.timeouts + graphqlErrors;
        const mine = figures.get(engine)!;
        mine.rps.push(result.requests.average);
        mine.p50.push(result.latency.p50);
        mine.p99.push(result.latency.p99);
        mine.failed += failed;
        mine.perCpuSecond.push(routerCpu > 0 ? result.requests.total / routerCpu : Number.NaN);
        console.log(
          `${operation.name}, round ${round}, ${engine}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failed} failed, ${(result.requests.total / routerCpu).toFixed(0)} req per router CPU-s`,
        );
      }
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    for (const engine of engines) {
      const mine = figures.get(engine)!;
      rows.push(
        `| ${operation.name} | ${engine} | ${mean(mine.rps).toFixed(0)} | ${mean(mine.p50).toFixed(0)} | ${mean(mine.p99).toFixed(0)} | ${mean(mine.perCpuSecond).toFixed(0)} | ${mine.failed} | ${statements} |`,
      );
    }
    for (const engine of engines) {
      const requests = requestsOf.get(engine) ?? 0;
      const perRequest = (key: string) => ((perProcess.get(`${engine} ${key}`) ?? 0) * 1000) / requests;
      const spent = [...perProcess.keys()]
        .filter((key) => key.startsWith(`${engine} `) && key !== `${engine} ${MACHINE}`)
        .map((key) => [key.slice(engine.length + 1), perRequest(key.slice(engine.length + 1))] as const)
        .filter(([, ms]) => ms >= 0.05);
      const ours = spent.reduce((sum, [, ms]) => sum + ms, 0);
      const machine = perRequest(MACHINE);
      cpuRows.push(
        `${operation.name}, ${engine}: ${spent.map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}; ` +
          `ours ${ours.toFixed(2)} ms; the whole machine ${machine.toFixed(2)} ms, of which ${(machine - ours).toFixed(2)} ms elsewhere (PostgreSQL, the load generator, anything else running)`,
      );
    }
    if (engines.length > 1) {
      const [first, second] = [figures.get(engines[0]!)!, figures.get(engines[1]!)!];
      // Of the same round's figures, then the mean over rounds: the machine's load drifts between rounds.
      const ratio = (a: number[], b: number[]) => mean(a.map((value, i) => value / b[i]!));
      ratios.push(
        `${operation.name}: ${engines[0]}/${engines[1]} ${ratio(first.rps, second.rps).toFixed(2)} in requests/s, ${ratio(first.perCpuSecond, second.perCpuSecond).toFixed(2)} per router CPU-second`,
      );
    }
  }

  const memory = running.children
    .map((child) => `${child.name} ${Math.round(residentMb(child.process.pid!))} MB`)
    .join(', ');
  console.log(
    [
      '',
      `Zhongtai benchmark: scale ${scale} (${JSON.stringify(SCALES[scale])}), ${config.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${connections} connections, ${duration} s per operation and engine after ${warmup} s of warm-up, ${rounds} round(s) interleaved`,
      '',
      '| operation | engine | requests/s | p50 ms | p99 ms | requests per router CPU-s | failed | SQL statements per request |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      ...ratios,
      '',
      'CPU milliseconds per request, per process, in the measured windows:',
      ...cpuRows,
      `Every engine gave the same answers before the load. Machine: load average ${loadAtStart.toFixed(2)} at the start, ${loadavg()[0]!.toFixed(2)} at the end.`,
      `Resident memory after the load: ${memory}`,
    ].join('\n'),
  );
} finally {
  await running.stop();
}
