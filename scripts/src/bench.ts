/**
 * `npm run bench [-- --scale small|medium|large --duration 15 --connections 16 --warmup 5 --reset]`: seeds
 * (unless already seeded), starts the router and every center as `npm start` does, and loads the
 * router with the front-ends' own operations from schema/operations/. Prints, per operation:
 * requests/s, p50/p99 latency, SQL statements per request in each center, and the resident memory
 * of the router and each center after the load. Use DATABASE_URL for a real PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadScriptsConfig } from './lib/config.ts';
import { OPERATIONS_DIR } from './lib/operations.ts';
import { freePort, type RunningSupergraph, startSupergraph } from './lib/processes.ts';
import { SCALES, type Scale, seedAll } from './lib/seed.ts';
import { loadSupergraphConfig, REPO_ROOT } from './lib/supergraph.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'small' },
    duration: { type: 'string', default: '15' },
    connections: { type: 'string', default: '16' },
    warmup: { type: 'string', default: '5' },
    reset: { type: 'boolean', default: false },
  },
});
const scale = values.scale as Scale;
if (!(scale in SCALES)) throw new Error(`Unknown scale ${scale}`);
const duration = Number(values.duration);
const connections = Number(values.connections);
const warmup = Number(values.warmup);
const config = loadScriptsConfig();
const dataDir = config.DATABASE_URL ? config.dataDir : join(REPO_ROOT, '.data', `bench-${scale}`);

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
    const text = await (await fetch(`${child.url}/metrics`)).text();
    counts[child.name] = Number(
      /^zhongtai_sql_statements_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? Number.NaN,
    );
  }
  return counts;
}

function residentMegabytes(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024);
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
const running = await startSupergraph({
  config: { ...config, dataDir, LOG_LEVEL: 'warn', PORT: await freePort() },
  subgraphs,
  ports,
});

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

  const rows: string[] = [];
  for (const operation of operations) {
    for (const body of operation.bodies.slice(0, 3)) {
      const sample = await post(url, body, operation.headers);
      if (sample.errors) throw new Error(`${operation.name} fails: ${JSON.stringify(sample.errors)}`);
    }
    const before = await sqlStatements(running);
    await post(url, operation.bodies[0], operation.headers);
    const after = await sqlStatements(running);
    const statements = Object.entries(after)
      .map(([center, n]) => [center, n - (before[center] ?? 0)] as const)
      .filter(([, n]) => n > 0)
      .map(([center, n]) => `${center} ${n}`)
      .join(', ');

    let next = 0;
    // A GraphQL error still answers 200, so the responses themselves are read for errors.
    let graphqlErrors = 0;
    const load = (seconds: number) =>
      autocannon({
        url,
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
    const result = await load(duration);
    const failed = result.errors + result.non2xx + result.timeouts + graphqlErrors;
    rows.push(
      `| ${operation.name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${failed} | ${statements} |`,
    );
    console.log(
      `${operation.name}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failed} failed`,
    );
  }

  const memory = running.children
    .map((child) => `${child.name} ${residentMegabytes(child.process.pid)} MB`)
    .join(', ');
  console.log(
    [
      '',
      `Zhongtai benchmark: scale ${scale} (${JSON.stringify(SCALES[scale])}), ${config.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, ${connections} connections, ${duration} s per operation after ${warmup} s of warm-up`,
      '',
      '| operation | requests/s | p50 ms | p99 ms | failed | SQL statements per request |',
      '|---|---|---|---|---|---|',
      ...rows,
      '',
      `Resident memory after the load: ${memory}`,
    ].join('\n'),
  );
} finally {
  await running.stop();
}
