import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRouter, loadRouterConfig, type Router } from '@zhongtai/router';
import { apiSchemaOf } from '@zhongtai/scripts/operations';
import type { TestDatabase } from '@zhongtai/subgraph-kit/testing';
import * as users from '@zhongtai/users';
import { type GraphQLSchema, OperationTypeNode, parse } from 'graphql';
import { type Answer, difference, type Engine, engineOf } from '../../../router/test/conformance/engines.ts';
import { bearer } from '../client.ts';
import { type InProcessSupergraph, startInProcess } from '../in-process.ts';
import { type Data, type Flow, operationsByKey, STEPS, seedSupergraph } from '../operation-steps.ts';
import type { ValuePools } from './generator.ts';

const SUPERGRAPH = fileURLToPath(new URL('../../../schema/supergraph.graphql', import.meta.url));

/**
 * Demand control and rate limits off the way: generated operations are checked for validity, not
 * for cost, and a corpus of thousands would spend a minute's budget in seconds. Both routers get
 * the same settings, so these limits cannot be the reason two answers differ.
 */
const UNLIMITED = {
  MAX_DEPTH: '100',
  MAX_ALIASES: '10000',
  MAX_ROOT_FIELDS: '100',
  MAX_TOKENS: '100000',
  MAX_COST: '1000000000',
  RATE_LIMIT_PER_MINUTE: '0',
  // Centers, PostgreSQL and the runner share two cores: a busy machine must not look like a difference.
  SUBGRAPH_TIMEOUT_MS: '20000',
  SUBGRAPH_MUTATION_TIMEOUT_MS: '120000',
};

export interface DifferentialCase {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Sent with the demo buyer's token; anonymous otherwise. */
  signedIn: boolean;
  /** Where the operation comes from, for the report. */
  origin: string;
}

export interface Side {
  /** The engine asked for (ROUTER_ENGINE). */
  requested: Engine;
  /** The engine the router's config says it runs: apollo until the router knows ROUTER_ENGINE. */
  engine: Engine;
  url: string;
  router: Router;
}

export interface Difference {
  case: DifferentialCase;
  detail: string;
  /** Set when the difference is a listed deviation of the native engine: which, and its spec test. */
  known?: string;
}

const emptiedToNull = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(emptiedToNull);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    return entries.length === 0 ? null : Object.fromEntries(entries.map(([k, v]) => [k, emptiedToNull(v)]));
  }
  return value;
};

/**
 * Differences already listed in issue 11, each with a conformance test (router/test/conformance)
 * holding the spec's answer: recognised by their shape, so they are reported apart from new ones.
 */
export function knownDeviation(apollo: Answer, native: Answer): string | undefined {
  const codes = (answer: Answer) => (answer.body.errors ?? []).map((e) => e.extensions?.code);
  if (codes(native).includes('QUERY_PLANNING_FAILED') && !codes(apollo).includes('QUERY_PLANNING_FAILED')) {
    return 'native: Hive\'s planner refuses the plan (entities.test.ts, "multiple keys" and "__typename of entities")';
  }
  const sameErrors =
    difference(
      { ...apollo, body: { errors: apollo.body.errors } },
      { ...native, body: { errors: native.body.errors } },
    ) === undefined;
  if (sameErrors && JSON.stringify(emptiedToNull(apollo.body.data)) === JSON.stringify(native.body.data)) {
    return 'native: null for an object whose every field is skipped, where the spec answers {} (not yet reproduced in conformance: entities.test.ts "every field skipped" passes)';
  }
  // The other way round: native answers {} as the spec says, apollo null (or, for a non-null list of
  // such objects, null data). Seen under entity fetches of the real centers; entities.test.ts's
  // simpler "every field ... skipped" cases pass on both engines.
  const nativeText = JSON.stringify(native.body.data);
  if (
    sameErrors &&
    nativeText.includes('{}') &&
    (apollo.body.data === null ||
      JSON.stringify(emptiedToNull(native.body.data)) === JSON.stringify(apollo.body.data))
  ) {
    return 'apollo: null for an object whose every field is skipped, where the spec (and native) answers {}';
  }
  return undefined;
}

export interface DifferentialReport {
  operations: number;
  identical: number;
  differences: Difference[];
  /** Operations answered with at least one error, by requested engine. */
  withErrors: Record<Engine, number>;
  /** Errors by code, by requested engine. */
  errorCodes: Record<Engine, Record<string, number>>;
  /** Steps of the front-end flow whose own checks failed (an operation that stopped working). */
  failedChecks: string[];
}

export function emptyReport(): DifferentialReport {
  return {
    operations: 0,
    identical: 0,
    differences: [],
    withErrors: { apollo: 0, native: 0 },
    errorCodes: { apollo: {}, native: {} },
    failedChecks: [],
  };
}

/** Requests whose connection failed and were sent again (see post). */
let transportRetries = 0;

/**
 * One GraphQL request. A connection reset is retried twice: Node's keep-alive pool may reuse a
 * socket the router is closing as idle, a race of the transport, not an answer of either engine.
 * A router that still cannot be reached answers status 0 with a NETWORK_ERROR, which the comparison
 * then shows.
 */
async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'apollographql-client-name': 'differential',
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: (await response.json()) as Answer['body'] };
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      if (attempt === 2) {
        return {
          status: 0,
          body: {
            errors: [{ message: String(error.cause ?? error), extensions: { code: 'NETWORK_ERROR' } }],
          },
        };
      }
      transportRetries += 1;
    }
  }
}

/**
 * Every center on one seeded database, and two routers over them: one asking for the apollo engine,
 * one for the native engine, with the same settings otherwise.
 */
export async function startDifferential(database: TestDatabase) {
  const supergraph: InProcessSupergraph = await startInProcess(database);
  const seeded = await seedSupergraph(supergraph);
  const sides: Side[] = [];
  for (const requested of ['apollo', 'native'] as const) {
    const config = loadRouterConfig({
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'silent',
      SUBGRAPH_URLS: supergraph.subgraphUrls,
      ROUTER_ENGINE: requested,
      ...UNLIMITED,
    });
    const router = createRouter(config);
    const url = `${await router.listen()}/graphql`;
    // What the router runs, which is apollo where the native planner's binary does not load.
    sides.push({ requested, engine: router.gateway.engineName ?? engineOf(config), router, url });
  }
  const left = sides[0]!;
  const schema: GraphQLSchema = apiSchemaOf(readFileSync(SUPERGRAPH, 'utf8'));

  const signIn = await post(
    left.url,
    'mutation($email: String!, $password: String!) { signIn(email: $email, password: $password) { token } }',
    { email: users.DEMO_EMAIL, password: users.DEMO_PASSWORD },
    {},
  );
  const token = (signIn.body.data as { signIn: { token: string } }).signIn.token;
  const pools = await harvestPools(left.url, token, seeded);

  const record = (report: DifferentialReport, side: Side, answer: Answer) => {
    const errors = answer.body.errors ?? [];
    if (errors.length > 0) report.withErrors[side.requested] += 1;
    for (const error of errors) {
      const code = String(error.extensions?.code ?? '(no code)');
      const codes = report.errorCodes[side.requested];
      codes[code] = (codes[code] ?? 0) + 1;
    }
  };

  /** Sends one request to both routers (left first) and records whether they agree. */
  async function run(report: DifferentialReport, entry: DifferentialCase) {
    const headers = entry.signedIn ? bearer(token) : {};
    const answers: Answer[] = [];
    for (const side of sides) {
      const answer = await post(side.url, entry.query, entry.variables ?? {}, headers);
      record(report, side, answer);
      answers.push(answer);
    }
    tally(report, entry, difference(answers[0]!, answers[1]!), knownDeviation(answers[0]!, answers[1]!));
    return answers;
  }

  /**
   * The front-end flow of schema/operations, step by step on both routers. Queries get the same
   * variables on both and must answer the same; mutations run once on each router with inputs of
   * their own (an order each, a payment each), so their answers are compared by shape: the same
   * fields, of the same JSON types, and the same errors.
   */
  async function runFlow(report: DifferentialReport) {
    const operations = operationsByKey();
    const flows: Flow[] = [{ ...seeded }, { ...seeded }];
    for (const [key, step] of STEPS) {
      const operation = operations.get(key);
      if (!operation) throw new Error(`schema/operations/${key}.graphql is gone`);
      const query = operation.source.body;
      const mutation = parse(query).definitions.some(
        (d) => d.kind === 'OperationDefinition' && d.operation === OperationTypeNode.MUTATION,
      );
      const entry: DifferentialCase = {
        name: key,
        query,
        signedIn: false,
        origin: `schema/operations/${key}.graphql`,
      };
      const answers: Answer[] = [];
      for (const [index, side] of sides.entries()) {
        const flow = flows[mutation ? index : 0]!;
        const variables = step.variables(flow);
        const headers = {
          'apollographql-client-name': operation.client,
          ...(flow.token ? bearer(flow.token) : {}),
        };
        if (index === 0) Object.assign(entry, { variables, signedIn: Boolean(flow.token) });
        const answer = await post(side.url, query, variables, headers);
        record(report, side, answer);
        answers.push(answer);
      }
      const [a, b] = mutation ? answers.map(shapeOf) : answers;
      tally(report, entry, difference(a!, b!));
      // A query ran with the first flow's variables on both, so both answers are checked against it;
      // what a check learns (a slot to book) goes to each router's own flow.
      const before = { ...flows[0]! };
      for (const [index, answer] of answers.entries()) {
        const flow = mutation ? flows[index]! : { ...before };
        try {
          step.check?.(answer.body.data as Data, flow);
          if (answer.body.errors) throw new Error(JSON.stringify(answer.body.errors));
        } catch (error) {
          report.failedChecks.push(`${key} on ${sides[index]!.requested}: ${(error as Error).message}`);
        }
        if (key === 'web/SignIn') flow.token = (answer.body.data as Data)?.signIn?.token;
        if (!mutation) {
          const learned = Object.entries(flow).filter(
            ([name, value]) => before[name as keyof Flow] !== value,
          );
          Object.assign(flows[index]!, Object.fromEntries(learned));
        }
      }
    }
  }

  return {
    sides,
    schema,
    pools,
    run,
    runFlow,
    async stop() {
      for (const side of sides) await side.router.stop();
      await supergraph.stop();
    },
  };
}

export type Differential = Awaited<ReturnType<typeof startDifferential>>;

function tally(
  report: DifferentialReport,
  entry: DifferentialCase,
  detail: string | undefined,
  known?: string,
) {
  report.operations += 1;
  if (detail === undefined) report.identical += 1;
  else report.differences.push({ case: entry, detail, ...(known ? { known } : {}) });
}

/** Differences that are not one of the listed deviations. */
export const unknownDifferences = (report: DifferentialReport) => report.differences.filter((d) => !d.known);

/** An answer with every leaf replaced by its JSON type: what two runs of one mutation share. */
function shapeOf(answer: Answer): Answer {
  const shape = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(shape);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
    }
    return value === null ? null : typeof value;
  };
  return { status: answer.status, body: { ...answer.body, data: shape(answer.body.data) } };
}

/** Ids, cursors and strings that exist in the seeded database, for the generator's arguments. */
async function harvestPools(url: string, token: string, seeded: Flow): Promise<ValuePools> {
  const answer = await post(
    url,
    `{
      products(first: 40) { edges { cursor node { id slug brand seller { id } category { id }
        skus { id } reviews(first: 3) { edges { cursor node { id author { id } } } } } } }
      categories { id }
      stores(first: 10) { edges { cursor node { id city district
        pickupSlots(first: 3) { edges { cursor node { id } } } } } }
      me { id orders(first: 20) { edges { cursor node { id payment { id } pickup { id } } } } }
    }`,
    {},
    bearer(token),
  );
  if (answer.body.errors) throw new Error(`harvesting values failed: ${JSON.stringify(answer.body.errors)}`);
  const data = answer.body.data as Data;
  const ids: Record<string, Set<string>> = {};
  const strings: Record<string, Set<string>> = {};
  const add = (into: Record<string, Set<string>>, key: string, value: unknown) => {
    if (typeof value !== 'string') return;
    into[key] ??= new Set();
    into[key].add(value);
  };
  /** Cursors by the connection that issued them (`after:ProductConnection`), and all under `after`. */
  const cursorOf = (connection: string, cursor: string) => {
    add(strings, `after:${connection}`, cursor);
    add(strings, 'after', cursor);
  };
  for (const { cursor, node } of data.products.edges) {
    cursorOf('ProductConnection', cursor);
    add(ids, 'Product', node.id);
    add(strings, 'slug', node.slug);
    add(strings, 'search', node.brand);
    add(ids, 'User', node.seller.id);
    add(ids, 'Category', node.category?.id);
    for (const sku of node.skus) add(ids, 'Sku', sku.id);
    for (const edge of node.reviews.edges) {
      cursorOf('ReviewConnection', edge.cursor);
      add(ids, 'Review', edge.node.id);
      add(ids, 'User', edge.node.author.id);
    }
  }
  for (const category of data.categories) add(ids, 'Category', category.id);
  for (const { cursor, node } of data.stores.edges) {
    cursorOf('StoreConnection', cursor);
    add(ids, 'Store', node.id);
    add(strings, 'city', node.city);
    for (const edge of node.pickupSlots.edges) {
      cursorOf('PickupSlotConnection', edge.cursor);
      add(ids, 'PickupSlot', edge.node.id);
    }
  }
  add(ids, 'User', data.me.id);
  for (const { cursor, node } of data.me.orders.edges) {
    cursorOf('OrderConnection', cursor);
    add(ids, 'Order', node.id);
    add(ids, 'Payment', node.payment?.id);
    add(ids, 'PickupBooking', node.pickup?.id);
  }
  add(strings, 'province', '浙江省');
  add(strings, 'province', '新疆维吾尔自治区');
  add(strings, 'search', seeded.searchTerm);
  const sorted = (into: Record<string, Set<string>>) =>
    Object.fromEntries(Object.entries(into).map(([key, values]) => [key, [...values].sort()]));
  return { ids: sorted(ids), strings: sorted(strings) };
}

/** The report as the differential script prints it: counts, then each difference with its operation. */
export function formatReport(report: DifferentialReport, sides: readonly Side[]): string {
  const lines = [
    `engines: ${sides.map((s) => `${s.requested}${s.engine === s.requested ? '' : ` (runs ${s.engine}: the router does not know ROUTER_ENGINE=${s.requested} yet)`}`).join(' vs ')}`,
    `operations: ${report.operations}`,
    `identical:  ${report.identical}`,
    `differing:  ${report.differences.length} (${report.differences.length - unknownDifferences(report).length} of them listed deviations, marked "known")`,
  ];
  for (const side of sides) {
    const codes = Object.entries(report.errorCodes[side.requested])
      .sort(([, a], [, b]) => b - a)
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    lines.push(
      `answered with errors on ${side.requested}: ${report.withErrors[side.requested]} (${codes || 'none'})`,
    );
  }
  lines.push(`requests sent again after a connection reset (this process): ${transportRetries}`);
  if (report.failedChecks.length > 0) {
    lines.push(
      `front-end flow checks failed: ${report.failedChecks.length}`,
      ...report.failedChecks.map((f) => `  ${f}`),
    );
  }
  for (const { case: entry, detail, known } of report.differences) {
    lines.push(
      '',
      `--- ${entry.name} (${entry.origin}, ${entry.signedIn ? 'signed in' : 'anonymous'})${known ? ` known: ${known}` : ''}`,
      entry.query,
      `variables: ${JSON.stringify(entry.variables ?? {})}`,
      detail,
    );
  }
  return lines.join('\n');
}

/** Runs cases on both routers, `concurrency` at a time; the report lists differences in case order. */
export async function runCases(
  differential: Differential,
  report: DifferentialReport,
  cases: readonly DifferentialCase[],
  concurrency = 4,
) {
  const start = report.differences.length;
  let next = 0;
  const worker = async () => {
    while (next < cases.length) await differential.run(report, cases[next++]!);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const order = new Map(cases.map((entry, index) => [entry, index]));
  const found = report.differences.splice(start);
  report.differences.push(...found.sort((a, b) => order.get(a.case)! - order.get(b.case)!));
}
