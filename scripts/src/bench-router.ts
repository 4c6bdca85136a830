/**
 * `npm run --silent bench:router [-- --duration 15 --warmup 5 --connections 20 --timeout 60 --rounds 2
 * --gateways stock,apollo,native[,native-node-defaults] --json --no-dedup --profile --profile-dir <dir>
 * --execute-every-request]`
 *
 * The router's engine against the stock gateway on the Guild's federation gateways benchmark: its
 * four subgraphs answering from memory (bench-router/subgraphs.ts), its deep query, composed here
 * into a supergraph. Three gateways, each bundled and started with plain node as `npm start` starts
 * the router: `stock` (a bare @apollo/gateway + @apollo/server, default settings, Node's default
 * flags), our router with ROUTER_ENGINE=apollo, and with ROUTER_ENGINE=native (both with the
 * router's Node flags, lib/runtime.ts). One at a time, interleaved over the rounds;
 * each first answers the query once: the same values in the same order as the answer computed
 * without any gateway (bench-router/oracle.ts), and the same bytes as the other gateways' (`exact`;
 * `same JSON` when only the spacing differs). Then it is warmed up and loaded by autocannon, every
 * response of the load compared byte for byte with the answer it gave.
 *
 * Per gateway (mean of its rounds): requests/s, p50/p99 latency, failures (errors, timeouts after
 * --timeout seconds, non-200s, and responses that are not the checked answer's bytes), requests per
 * CPU-second of the gateway process (the requests the load sent over its /proc utime+stime from the
 * start of the load until it has served them all), subgraph calls per request (over the same span),
 * and its resident memory after the load. Ratios are of the same round's figures, averaged over the rounds. The load generator runs in
 * this process and the subgraphs in another, on the same cores as the gateway: their CPU-seconds
 * are printed beside, so a reader can tell when they, not the gateway, were the limit.
 *
 * `--profile` starts each gateway under `node --cpu-prof` and prints where its CPU went during the
 * measured load (the profiles stay in --profile-dir for Chrome DevTools).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { generateServiceKey, serviceKeyText } from '@zhongtai/subgraph-kit';
import autocannon from 'autocannon';
import { expectedAnswer } from './bench-router/oracle.ts';
import { formatProfile, type ProfileSummary, summarizeProfile } from './bench-router/profile.ts';
import { QUERY, SUBGRAPH_NAMES, subgraphSdl } from './bench-router/workload.ts';
import { bundleEntry } from './lib/bundle.ts';
import { childEnv } from './lib/config.ts';
import { CLOCK_TICKS, cpuSeconds, residentMb } from './lib/proc.ts';
import { freePort } from './lib/processes.ts';
import { ROUTER_NODE_FLAGS } from './lib/runtime.ts';
import { composeSdls, formatProblems, REPO_ROOT } from './lib/supergraph.ts';

// `native-node-defaults`: the native router with Node's default flags rather than the router's own
// (lib/runtime.ts), to measure what those flags are worth; not run unless asked for.
const GATEWAYS = ['stock', 'apollo', 'native', 'native-node-defaults'] as const;
const DEFAULT_GATEWAYS = ['stock', 'apollo', 'native'];
type GatewayName = (typeof GATEWAYS)[number];

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    // k6's default, which the Guild's benchmark runs with; autocannon's own is 10 s.
    timeout: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '2' },
    gateways: { type: 'string', default: DEFAULT_GATEWAYS.join(',') },
    json: { type: 'boolean', default: false },
    // Our routers share identical in-flight subgraph queries by default; this measures them without.
    'no-dedup': { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    'profile-dir': { type: 'string' },
    'execute-every-request': { type: 'boolean', default: false },
  },
});
const positive = (name: string, text: string, allowZero = false) => {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`--${name} must be a ${allowZero ? 'non-negative' : 'positive'} number, not ${text}`);
  }
  return value;
};
const duration = positive('duration', values.duration);
const warmup = positive('warmup', values.warmup, true);
const connections = positive('connections', values.connections);
const timeout = positive('timeout', values.timeout);
const rounds = positive('rounds', values.rounds);
const gateways = values.gateways.split(',').map((name) => name.trim()) as GatewayName[];
for (const name of gateways) {
  if (!GATEWAYS.includes(name))
    throw new Error(`Unknown gateway ${name}; choose from ${GATEWAYS.join(', ')}`);
}
// With --json, stdout carries the JSON object only; everything for a reader goes to stderr.
const say = (line: string) => (values.json ? process.stderr : process.stdout).write(`${line}\n`);
const started = Date.now();
const loadAverageAtStart = loadavg()[0] ?? 0;
const progress = (line: string) =>
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'bench-router-'));
// Outside `work`, which goes at the end: the profiles are kept for DevTools.
const profileDir = resolve(values['profile-dir'] ?? join(tmpdir(), `bench-router-profiles-${Date.now()}`));
/** Microseconds on the monotonic clock that V8's profiler stamps its samples with. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Service {
  name: string;
  child: ChildProcess;
  pid: number;
  output: string[];
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function startService(name: string, nodeArgs: string[], env: NodeJS.ProcessEnv): Service {
  const child = spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`cannot start ${name}`);
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      output.push(line);
      if (output.length > 200) output.shift();
    });
  }
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : null))),
  );
  // Never left running after the bench, however it ends.
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  void exited.then(() => process.off('exit', kill));
  return {
    name,
    child,
    pid: child.pid,
    output,
    exited,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

const failedToStart = (service: Service, why: string) =>
  new Error(`${service.name} ${why}:\n${service.output.slice(-30).join('\n')}`);

interface Answer {
  status: number;
  body: string;
}

async function ask(url: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text() };
}

/** The first answer of a gateway that has started: its supergraph loaded and the query planned. */
async function firstAnswer(service: Service, url: string, timeoutMs = 120_000): Promise<Answer> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void service.exited.then((code) => {
    exitCode = code;
  });
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw failedToStart(service, `exited with code ${exitCode} while starting`);
    try {
      const answer = await ask(url);
      if (answer.status < 500 || answer.status === 503)
        last = `${answer.status} ${answer.body.slice(0, 300)}`;
      if (answer.status === 200) return answer;
    } catch (error) {
      last = String(error);
    }
    await sleep(100);
  }
  throw failedToStart(service, `did not answer within ${timeoutMs} ms (last: ${last})`);
}

/**
 * How a gateway's answer compares: `exact` is the expected answer in the same bytes as every other
 * gateway's; `same JSON` the expected answer spelled otherwise (spacing); `different` another answer;
 * `failed` not a 200 with data and no errors.
 */
type Match = 'exact' | 'same JSON' | 'different' | 'failed';

/** Compares answers with the oracle's JSON, and their bytes with the first correct answer's. */
function answerChecker(expected: string) {
  let reference: string | undefined;
  return (answer: Answer): Match => {
    if (answer.status !== 200) return 'failed';
    let body: { data?: unknown; errors?: unknown };
    try {
      body = JSON.parse(answer.body) as typeof body;
    } catch {
      return 'failed';
    }
    if (body.errors || !body.data) return 'failed';
    // GraphQL fixes the order of fields, and JSON.parse keeps it: this compares values and order.
    if (JSON.stringify(body) !== expected) return 'different';
    reference ??= answer.body;
    return answer.body === reference ? 'exact' : 'same JSON';
  };
}

const matched = (match: Match) => match === 'exact' || match === 'same JSON';

interface Subgraphs {
  service: Service;
  port: number;
  calls(): Promise<number>;
}

async function startSubgraphs(bundle: string, env: NodeJS.ProcessEnv): Promise<Subgraphs> {
  const port = await freePort();
  const args = [
    bundle,
    '--port',
    String(port),
    ...(values['execute-every-request'] ? ['--execute-every-request'] : []),
  ];
  const service = startService('subgraphs', ['--enable-source-maps', ...args], env);
  const deadline = Date.now() + 60_000;
  while (!service.output.some((line) => line.startsWith('listening '))) {
    if (service.child.exitCode !== null) throw failedToStart(service, 'exited while starting');
    if (Date.now() > deadline) throw failedToStart(service, 'did not listen within 60 s');
    await sleep(50);
  }
  return {
    service,
    port,
    calls: async () => {
      const response = await fetch(`http://127.0.0.1:${port}/calls`);
      const counts = (await response.json()) as Record<string, number>;
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    },
  };
}

/**
 * Waits until the gateway has finished what it was still doing (requests whose client went away at
 * the end of a load are still served): no subgraph call and under 1.5 clock ticks of its CPU over
 * 200 ms. Gives up after 30 s.
 */
async function quiet(pid: number, subgraphs: Subgraphs): Promise<void> {
  const deadline = Date.now() + 30_000;
  let calls = await subgraphs.calls();
  let cpu = cpuSeconds(pid);
  while (Date.now() < deadline) {
    await sleep(200);
    const [nowCalls, nowCpu] = [await subgraphs.calls(), cpuSeconds(pid)];
    if (nowCalls === calls && nowCpu - cpu < 1.5 / CLOCK_TICKS) return;
    [calls, cpu] = [nowCalls, nowCpu];
  }
}

interface Run {
  name: GatewayName;
  round: number;
  match: Match;
  answerBytes: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  failures: number;
  requestsPerCpuSecond: number;
  subgraphCallsPerRequest: number;
  /** The subgraph calls of one request on its own: the plan's fetches, with nothing to share them with. */
  subgraphCallsOfOneRequest: number;
  /** Requests the load sent, and those answered within its duration. */
  sent: number;
  completed: number;
  rssMb: number;
  gatewayCpuS: number;
  loadGeneratorCpuS: number;
  subgraphsCpuS: number;
  engineReported?: string;
  profile?: ProfileSummary & { file: string };
}

const load = (url: string, seconds: number, expectBody?: string) =>
  autocannon({
    url,
    method: 'POST',
    connections,
    duration: seconds,
    timeout,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    ...(expectBody === undefined ? {} : { expectBody }),
  });

/** What the router says about its engine: its startup lines, and /metrics, when either names one. */
async function engineReported(service: Service, baseUrl: string): Promise<string | undefined> {
  const said = service.output.filter((line) => /engine/i.test(line)).map((line) => line.slice(0, 300));
  try {
    const metrics = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(5000) })).text();
    said.push(...metrics.split('\n').filter((line) => /engine/i.test(line) && !line.startsWith('#')));
  } catch {
    // No /metrics: the startup lines are all there is.
  }
  return said.length > 0 ? said.join(' | ') : undefined;
}

async function main() {
  const bundleDir = join(REPO_ROOT, 'scripts/dist/bench-router');
  const here = join(REPO_ROOT, 'scripts/src/bench-router');
  progress('Bundling the router, the stock gateway and the subgraphs...');
  const [routerBundle, stockBundle, subgraphsBundle] = await Promise.all([
    bundleEntry(join(REPO_ROOT, 'router/src/index.ts'), join(REPO_ROOT, 'router/dist/index.mjs')),
    bundleEntry(join(here, 'stock-gateway.ts'), join(bundleDir, 'stock-gateway.mjs')),
    bundleEntry(join(here, 'subgraphs.ts'), join(bundleDir, 'subgraphs.mjs')),
  ]);

  const inherited = childEnv({ dataDir: work, LOG_LEVEL: 'warn' });
  // A clean environment: nothing from the caller's shell (NODE_OPTIONS, SUBGRAPH_URLS, APOLLO_KEY…)
  // reaches a gateway and makes it differ from another.
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: inherited.PATH,
    HOME: inherited.HOME,
    TMPDIR: inherited.TMPDIR,
    NODE_ENV: 'production',
  };
  const subgraphs = await startSubgraphs(subgraphsBundle, baseEnv);
  try {
    const composed = composeSdls(
      SUBGRAPH_NAMES.map((name) => ({
        name,
        url: `http://127.0.0.1:${subgraphs.port}/${name}`,
        file: `scripts/src/bench-router/workload/${name}.graphql`,
        sdl: subgraphSdl(name),
      })),
    );
    if (!composed.ok) throw new Error(`The workload does not compose:\n${formatProblems(composed.problems)}`);
    const supergraphPath = join(work, 'supergraph.graphql');
    writeFileSync(supergraphPath, composed.supergraphSdl);
    const expected = expectedAnswer(composed.supergraphSdl, QUERY);
    const check = answerChecker(expected);
    // No registered operations: the router would plan every one of the platform's against this supergraph.
    const noOperations = join(work, 'operations');
    mkdirSync(noOperations);
    const secret = () => randomBytes(24).toString('hex');
    const routerEnv = (engine: string, port: number): NodeJS.ProcessEnv => ({
      ...baseEnv,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ROUTER_ENGINE: engine,
      SUBGRAPH_DEDUP: values['no-dedup'] ? 'false' : 'true',
      SUPERGRAPH_PATH: supergraphPath,
      PERSISTED_QUERIES_DIR: noOperations,
      JWT_SECRET: secret(),
      // The router signs each subgraph fetch with its key (the bench's subgraphs do not check it).
      SERVICE_KEY: serviceKeyText(generateServiceKey()),
      TRUSTED_DOCUMENTS: 'allow',
      RATE_LIMIT_PER_MINUTE: '0',
      // The query is 8 deep, about 150 tokens, and its estimated cost is far over the default limit.
      MAX_DEPTH: '100',
      MAX_ALIASES: '1000',
      MAX_ROOT_FIELDS: '100',
      MAX_TOKENS: '100000',
      MAX_COST: '1000000000',
    });

    const runGateway = async (name: GatewayName, round: number): Promise<Run> => {
      const port = await freePort();
      const profiling = values.profile ? join(profileDir, `${name}-round${round}`) : undefined;
      const nodeArgs = [
        '--enable-source-maps',
        ...(profiling ? ['--cpu-prof', `--cpu-prof-dir=${profiling}`] : []),
      ];
      const service =
        name === 'stock'
          ? startService(
              name,
              [...nodeArgs, stockBundle, '--supergraph', supergraphPath, '--port', String(port)],
              baseEnv,
            )
          : name === 'native-node-defaults'
            ? startService(name, [...nodeArgs, routerBundle], routerEnv('native', port))
            : startService(name, [...nodeArgs, ...ROUTER_NODE_FLAGS, routerBundle], routerEnv(name, port));
      const baseUrl = `http://127.0.0.1:${port}`;
      const url = `${baseUrl}/graphql`;
      try {
        const answer = await firstAnswer(service, url);
        const match = check(answer);
        const engine = name === 'stock' ? undefined : await engineReported(service, baseUrl);
        const callsBeforeOne = await subgraphs.calls();
        await ask(url);
        const subgraphCallsOfOneRequest = (await subgraphs.calls()) - callsBeforeOne;
        progress(
          `round ${round}, ${name}: answer of ${Buffer.byteLength(answer.body)} bytes: ${match}${engine ? `; engine: ${engine}` : ''}`,
        );
        if (!matched(match)) progress(`  its answer starts: ${answer.body.slice(0, 400)}`);
        if (warmup > 0) await load(url, warmup);
        await quiet(service.pid, subgraphs);
        const callsBefore = await subgraphs.calls();
        const cpuBefore = cpuSeconds(service.pid);
        const subgraphsCpuBefore = cpuSeconds(subgraphs.service.pid);
        const ownCpuBefore = process.cpuUsage();
        const fromUs = monotonicUs();
        // Each response of the load must be the bytes of the answer just checked.
        const result = await load(url, duration, matched(match) ? answer.body : expected);
        const toUs = monotonicUs();
        const ownCpu = process.cpuUsage(ownCpuBefore);
        // The requests the end of the load cut off are still served, and counted: every request sent
        // is served in full within the CPU and the subgraph calls measured, and nothing else is.
        await quiet(service.pid, subgraphs);
        const gatewayCpuS = cpuSeconds(service.pid) - cpuBefore;
        const subgraphsCpuS = cpuSeconds(subgraphs.service.pid) - subgraphsCpuBefore;
        const calls = (await subgraphs.calls()) - callsBefore;
        const sent = result.requests.sent;
        const rssMb = residentMb(service.pid);
        const completed = result.requests.total;
        const failures = result.errors + result.non2xx + result.mismatches + (matched(match) ? 0 : 1);
        const run: Run = {
          name,
          round,
          match,
          answerBytes: Buffer.byteLength(answer.body),
          rps: completed / result.duration,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          failures,
          requestsPerCpuSecond: gatewayCpuS > 0 ? sent / gatewayCpuS : 0,
          subgraphCallsPerRequest: sent > 0 ? calls / sent : 0,
          subgraphCallsOfOneRequest,
          sent,
          completed,
          rssMb,
          gatewayCpuS,
          loadGeneratorCpuS: (ownCpu.user + ownCpu.system) / 1e6,
          subgraphsCpuS,
          ...(engine ? { engineReported: engine } : {}),
        };
        progress(
          `  ${run.rps.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${failures} failed, ${run.requestsPerCpuSecond.toFixed(0)} req per gateway CPU-s, ${run.subgraphCallsPerRequest.toFixed(2)} subgraph calls per request (${subgraphCallsOfOneRequest} for one on its own)`,
        );
        await service.stop();
        if (profiling) {
          const file = readdirSync(profiling).find((f) => f.endsWith('.cpuprofile'));
          if (!file) throw new Error(`no .cpuprofile was written in ${profiling}`);
          const path = join(profiling, file);
          run.profile = { file: path, ...summarizeProfile(path, REPO_ROOT, { fromUs, toUs }) };
        }
        return run;
      } finally {
        await service.stop();
      }
    };

    const runs: Run[] = [];
    for (let round = 1; round <= rounds; round++) {
      for (const name of gateways) runs.push(await runGateway(name, round));
    }
    report(runs, expected);
  } finally {
    await subgraphs.service.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

const mean = (numbers: number[]) => numbers.reduce((sum, n) => sum + n, 0) / numbers.length;
const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

function report(runs: Run[], expected: string) {
  const byName = (name: GatewayName) => runs.filter((run) => run.name === name);
  const summary = gateways.map((name) => {
    const own = byName(name);
    const avg = (pick: (run: Run) => number, digits: number) => round(mean(own.map(pick)), digits);
    return {
      name,
      rps: avg((r) => r.rps, 1),
      p50Ms: avg((r) => r.p50Ms, 2),
      p99Ms: avg((r) => r.p99Ms, 2),
      failures: own.reduce((sum, r) => sum + r.failures, 0),
      requestsPerCpuSecond: avg((r) => r.requestsPerCpuSecond, 1),
      subgraphCallsPerRequest: avg((r) => r.subgraphCallsPerRequest, 2),
      rssMb: avg((r) => r.rssMb, 1),
      subgraphCallsOfOneRequest: avg((r) => r.subgraphCallsOfOneRequest, 2),
    };
  });
  /** The mean over the rounds of `a`'s figure divided by `b`'s in the same round; null unless both ran. */
  const ratio = (a: GatewayName, b: GatewayName, pick: (run: Run) => number) => {
    const pairs = byName(a).flatMap((run) => {
      const other = byName(b).find((o) => o.round === run.round);
      return other && pick(other) > 0 ? [pick(run) / pick(other)] : [];
    });
    return pairs.length > 0 ? round(mean(pairs), 3) : null;
  };
  const ratios = {
    nativeVsStock: ratio('native', 'stock', (r) => r.rps),
    nativeVsStockCpu: ratio('native', 'stock', (r) => r.requestsPerCpuSecond),
    apolloVsStock: ratio('apollo', 'stock', (r) => r.rps),
    apolloVsStockCpu: ratio('apollo', 'stock', (r) => r.requestsPerCpuSecond),
    nativeVsApollo: ratio('native', 'apollo', (r) => r.rps),
    routerFlagsGain: ratio('native', 'native-node-defaults', (r) => r.rps),
    routerFlagsGainCpu: ratio('native', 'native-node-defaults', (r) => r.requestsPerCpuSecond),
  };
  const answersMatch = runs.every((run) => matched(run.match));

  const cores = availableParallelism();
  const machine = {
    cores,
    loadAverageAtStart: round(loadAverageAtStart, 2),
    loadAverageAtEnd: round(loadavg()[0] ?? 0, 2),
  };
  const busy = Math.max(machine.loadAverageAtStart, machine.loadAverageAtEnd) > cores;
  const lines = [
    '',
    `Router benchmark: the Guild's federation workload (answer ${Buffer.byteLength(expected)} bytes), ${connections} connections, ${duration} s per gateway after ${warmup} s of warm-up, ${rounds} round(s), subgraphs ${values['execute-every-request'] ? 'executing every request' : 'reusing each distinct answer'}, in-flight de-duplication ${values['no-dedup'] ? 'off' : 'on'} in our routers${values.profile ? '; under the CPU profiler, which slows every gateway' : ''}`,
    '',
    '| gateway | requests/s | p50 ms | p99 ms | failures | requests per gateway CPU-s | subgraph calls per request (one alone) | RSS MB |',
    '|---|---|---|---|---|---|---|---|',
    ...summary.map(
      (s) =>
        `| ${s.name} | ${s.rps} | ${s.p50Ms} | ${s.p99Ms} | ${s.failures} | ${s.requestsPerCpuSecond} | ${s.subgraphCallsPerRequest} (${s.subgraphCallsOfOneRequest}) | ${s.rssMb} |`,
    ),
    '',
    'Per round (CPU-seconds over the load: the gateway, the load generator in this process, the subgraphs):',
    ...runs.map(
      (r) =>
        `  round ${r.round} ${r.name.padEnd(20)} ${r.rps.toFixed(1).padStart(8)} req/s (${r.completed} of ${r.sent} answered in time)  answer ${r.match}  CPU-s gateway ${r.gatewayCpuS.toFixed(2)}, load generator ${r.loadGeneratorCpuS.toFixed(2)}, subgraphs ${r.subgraphsCpuS.toFixed(2)}${r.engineReported ? `  engine: ${r.engineReported}` : ''}`,
    ),
    '',
    `Ratios (same round, mean of rounds): native/stock ${ratios.nativeVsStock ?? '-'} (per CPU-s ${ratios.nativeVsStockCpu ?? '-'}), apollo/stock ${ratios.apolloVsStock ?? '-'} (per CPU-s ${ratios.apolloVsStockCpu ?? '-'}), native/apollo ${ratios.nativeVsApollo ?? '-'}${ratios.routerFlagsGain ? `, native/native-node-defaults ${ratios.routerFlagsGain} (per CPU-s ${ratios.routerFlagsGainCpu})` : ''}`,
    `Machine: ${cores} cores, load average ${machine.loadAverageAtStart} at the start and ${machine.loadAverageAtEnd} at the end${busy ? ': OTHER PROCESSES COMPETED FOR THE CORES, the figures are not reliable (requests per CPU-second the least affected)' : ''}`,
    `Answers: ${answersMatch ? 'every gateway gave the expected answer' : 'SOME GATEWAYS GAVE ANOTHER ANSWER'} (${[...new Set(runs.map((r) => `${r.name}: ${r.match}`))].join(', ')})`,
  ];
  for (const run of runs) {
    if (run.profile) {
      lines.push(
        '',
        formatProfile(`Profile of ${run.name}, round ${run.round} (${run.profile.file})`, run.profile),
      );
    }
  }
  say(lines.join('\n'));
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({
        gateways: summary,
        ratios,
        answer: { bytes: Buffer.byteLength(expected), matched: answersMatch },
        machine,
        rounds: runs.map(({ profile, ...run }) => ({
          ...run,
          ...(profile ? { profile: { file: profile.file, functions: profile.functions.slice(0, 15) } } : {}),
        })),
      })}\n`,
    );
  }
  if (!answersMatch || summary.some((s) => s.failures > 0)) process.exitCode = 1;
}

await main();
