/**
 * `npm run chaos [-- --workers 16 --hang 8 --calm 3]`: local only, bounded (about two minutes). Starts
 * the whole supergraph as `npm start` does (supervised, seeded small, on a throwaway embedded data
 * directory, or DATABASE_URL), runs a mixed read load of the front-ends' operations, and while it runs
 * faults the centers in turn: kill -9 of reviews, SIGSTOP of inventory for a while then SIGCONT,
 * kill -9 of users. None of them is the root of an operation in the load, so each should cost only its
 * own fields. Prints per fault: requests, full answers, partial answers (data with errors), whole
 * answers lost, HTTP 5xx, seconds until the center answered again, and seconds from then until the
 * last incomplete answer (recovery).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScriptsConfig } from './lib/config.ts';
import { OPERATIONS_DIR } from './lib/operations.ts';
import { freePort, startSupergraph } from './lib/processes.ts';
import { loadSupergraphConfig } from './lib/supergraph-config.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '16' },
    hang: { type: 'string', default: '8' },
    calm: { type: 'string', default: '3' },
  },
});
const workers = Number(values.workers);
const hangSeconds = Number(values.hang);
const calmSeconds = Number(values.calm);
const config = loadScriptsConfig();
const dataDir = config.DATABASE_URL ? config.dataDir : mkdtempSync(join(tmpdir(), 'zhongtai-chaos-'));
const subgraphs = loadSupergraphConfig();
const ports: Record<string, number> = {};
for (const subgraph of subgraphs) ports[subgraph.name] = await freePort();
// The load comes from one address: measure faults, not the per-user rate limit.
process.env.RATE_LIMIT_PER_MINUTE ??= '0';

const back = new Map<string, number>();
console.log('Starting the supergraph (supervised, seeded small)...');
const running = await startSupergraph({
  config: { ...config, dataDir, LOG_LEVEL: 'warn', PORT: await freePort() },
  subgraphs,
  ports,
  seed: { scale: 'small' },
  restart: { onBack: (name) => back.set(name, Date.now()) },
});

type Outcome = 'full' | 'partial' | 'lost';
interface Answer {
  at: number;
  outcome: Outcome;
  status: number;
}
const answers: Answer[] = [];
let loading = true;

try {
  const url = running.routerUrl;
  const post = async (body: unknown) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'apollographql-client-name': 'web' },
      body: JSON.stringify(body),
    });
    return {
      status: response.status,
      body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: unknown[] },
    };
  };
  const listing = await post({ query: '{ products(first: 50) { edges { node { slug } } } }' });
  const products = listing.body.data?.products as { edges: { node: { slug: string } }[] } | undefined;
  if (!products) throw new Error(`cannot list products: ${JSON.stringify(listing.body.errors)}`);
  const slugs = products.edges.map((edge) => edge.node.slug);
  const read = (file: string) => readFileSync(join(OPERATIONS_DIR, file), 'utf8');
  // The load: operations whose root field is the Product Center's; each other center adds fields.
  const operations: { name: string; root: string; body: () => unknown }[] = [
    {
      name: 'product page',
      root: 'product',
      body: () => ({
        query: read('web/ProductPage.graphql'),
        variables: { slug: slugs[Math.floor(Math.random() * slugs.length)], province: '广东省' },
      }),
    },
    {
      name: 'listing',
      root: 'products',
      body: () => ({
        query:
          '{ products(first: 12) { edges { node { slug title seller { displayName } rating { average count } skus { inStock } } } } }',
      }),
    },
  ];

  const worker = async (n: number) => {
    for (let i = n; loading; i++) {
      const operation = operations[i % operations.length]!;
      try {
        const { status, body } = await post(operation.body());
        const root = body.data?.[operation.root];
        const outcome: Outcome = !root ? 'lost' : body.errors ? 'partial' : 'full';
        answers.push({ at: Date.now(), outcome, status });
      } catch {
        answers.push({ at: Date.now(), outcome: 'lost', status: 0 });
      }
    }
  };
  const load = Promise.all(Array.from({ length: workers }, (_, n) => worker(n)));
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const child = (name: string) => {
    const found = running.children.find((each) => each.name === name);
    if (!found) throw new Error(`no process named ${name}`);
    return found;
  };
  /** Waits until the center answers again after a kill (the supervisor restarts it). */
  const backAfter = async (name: string, since: number) => {
    while (!((back.get(name) ?? 0) > since)) await sleep(0.1);
    return back.get(name)!;
  };

  interface Fault {
    name: string;
    run(): Promise<{ start: number; end: number }>;
  }
  const kill = (name: string): Fault => ({
    name: `kill -9 ${name}`,
    run: async () => {
      const start = Date.now();
      child(name).process.kill('SIGKILL');
      return { start, end: await backAfter(name, start) };
    },
  });
  const hang = (name: string): Fault => ({
    name: `SIGSTOP ${name} ${hangSeconds}s`,
    run: async () => {
      const start = Date.now();
      child(name).process.kill('SIGSTOP');
      await sleep(hangSeconds);
      child(name).process.kill('SIGCONT');
      return { start, end: Date.now() };
    },
  });
  const faults = [kill('reviews'), hang('inventory'), kill('users')];

  await sleep(calmSeconds);
  const rows: string[][] = [];
  const summarize = (name: string, from: number, to: number, end?: number) => {
    const during = answers.filter((a) => a.at >= from && a.at < to);
    const count = (outcome: Outcome) => during.filter((a) => a.outcome === outcome).length;
    const lastBad = Math.max(from, ...during.filter((a) => a.outcome !== 'full').map((a) => a.at));
    rows.push([
      name,
      String(during.length),
      String(count('full')),
      String(count('partial')),
      String(count('lost')),
      String(during.filter((a) => a.status >= 500 || a.status === 0).length),
      end === undefined ? '' : ((end - from) / 1000).toFixed(1),
      end === undefined ? '' : (Math.max(0, lastBad - end) / 1000).toFixed(1),
    ]);
  };
  summarize('no fault (warm-up)', 0, Date.now());
  for (const fault of faults) {
    console.log(`Fault: ${fault.name}...`);
    const { start, end } = await fault.run();
    await sleep(calmSeconds + 5);
    summarize(fault.name, start, Date.now(), end);
  }
  loading = false;
  await load;

  const header = ['fault', 'requests', 'full', 'partial', 'lost', '5xx', 'down s', 'recover s'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
  for (const row of rows) console.log(line(row));
  console.log(
    `\n${workers} workers; "lost": no ${operations.map((o) => o.root).join('/')} in the answer; ` +
      '"down s": fault to center answering again (SIGCONT for a hang); "recover s": from then to the last incomplete answer.',
  );
} finally {
  loading = false;
  await running.stop();
  if (!config.DATABASE_URL) rmSync(dataDir, { recursive: true, force: true });
}
