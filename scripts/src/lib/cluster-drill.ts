/**
 * `npm run cluster -- --drill`: what must hold when the platform runs as replicas, checked on the
 * running cluster and counted in its rows. Each phase prints what it saw and returns how many of its
 * checks failed; the drill's exit code is their sum.
 *
 * 1. A mixed load (product pages, listings, orders) from many clients, each with an address and a
 *    buyer of its own, while one router and one replica of every center are killed with SIGKILL in
 *    turn: no client request may fail, and every killed process must rejoin.
 * 2. A flash sale with 10× oversubscription through HAProxy's round robin over both routers and both
 *    orders replicas: exactly its stock sold, in the rows.
 * 3. One buyer's rate limit is one bucket across the routers: requests sent to each router in turn
 *    are let through no more than one bucket's worth in all.
 * 4. A supergraph change written where the routers read it reaches every router, and so does
 *    putting it back.
 * 5. 3,000 orders expire at once and 500 captured payments are stuck unconfirmed, while both orders
 *    and both payments replicas sweep; one replica of each is killed mid-sweep. Each order expires
 *    once, each capture settles once, and the stock comes out exact, in the rows.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as inventory from '@zhongtai/inventory';
import * as orders from '@zhongtai/orders';
import * as payments from '@zhongtai/payments';
import { openDatabase } from '@zhongtai/subgraph-kit';
import { and, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { type Answer, errorCode, post } from './cluster-client.ts';
import { OPERATIONS_DIR } from './operations.ts';
import type { RunningSupergraph } from './processes.ts';

export interface DrillOptions {
  /** HAProxy's /graphql in front of the routers. */
  url: string;
  cluster: RunningSupergraph;
  databaseUrl: string;
  /** The centers, each killed once in the first phase. */
  centers: string[];
  /** Clients of the mixed load, each with its own address and buyer. */
  workers: number;
  /** Seconds between kills. */
  interval: number;
  /** The routers' RATE_LIMIT_PER_MINUTE. */
  perMinute: number;
  /** The routers' SUPERGRAPH_PATH: a copy of the supergraph that the drill may change. */
  supergraphPath: string;
}

// The operations the drill and the comparison send, read once.
const read = (file: string) => readFileSync(join(OPERATIONS_DIR, file), 'utf8');
export const PRODUCT_PAGE = read('web/ProductPage.graphql');
const PLACE_ORDER = read('web/PlaceOrder.graphql');
export const LISTING =
  '{ products(first: 12) { edges { node { title seller { displayName } rating { average } } } } }';
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

interface Buyer {
  id: string;
  token: string;
  /** The loopback address its requests come from. */
  address: string;
}

/** The drill's checks in order; resolves with the number that failed. */
export async function drill(options: DrillOptions): Promise<number> {
  const { url } = options;
  const run = randomUUID().slice(0, 8);
  // Each client signs up as a buyer of its own, from its own address, as front-ends' users would.
  const buyers = await Promise.all(
    Array.from({ length: options.workers }, (_, n) => signUp(url, `drill-${run}-${n}`, `127.0.0.${10 + n}`)),
  );
  const products = await listProducts(url);
  if (products.length < 20) throw new Error('the drill could not list products');
  const open = <S extends Record<string, unknown>>(center: string, schema: S, migrationsFolder: string) =>
    openDatabase({ center, schema, migrationsFolder, databaseUrl: options.databaseUrl });
  const db = {
    inventory: await open('inventory', inventory.schema, inventory.migrationsFolder),
    orders: await open('orders', orders.schema, orders.migrationsFolder),
    payments: await open('payments', payments.schema, payments.migrationsFolder),
  };
  try {
    const failed = [
      // Products of their own for each phase: the first for the sale, the next ten for the sweeps,
      // the rest for the load, so that each phase's stock rows count only its own orders.
      await killsUnderLoad(options, buyers, products.slice(11)),
      await flashSale(url, db, buyers[0] as Buyer, products[0]?.skus[0]?.id as string),
      await oneBucketAcrossRouters(options, await signUp(url, `drill-${run}-limits`, '127.0.0.250')),
      await reloadReachesEveryRouter(options, run),
      await sweepsOnce(
        options,
        db,
        buyers,
        products.slice(1, 11).map((p) => p.skus[0]?.id as string),
      ),
    ];
    const total = failed.reduce((a, b) => a + b, 0);
    console.log(total === 0 ? '\ndrill: every check held.' : `\ndrill: ${total} check(s) failed.`);
    return total;
  } finally {
    await Promise.all(Object.values(db).map((database) => database.close()));
  }
}

/** The first 50 products with their SKUs, through the cluster. */
export async function listProducts(url: string): Promise<{ slug: string; skus: { id: string }[] }[]> {
  const listing = await post(url, {
    query: '{ products(first: 50) { edges { node { slug skus { id } } } } }',
  });
  const products = listing.body.data?.products as
    | { edges: { node: { slug: string; skus: { id: string }[] } }[] }
    | undefined;
  if (!products) throw new Error(`could not list products: ${JSON.stringify(listing.body.errors)}`);
  return products.edges.map((edge) => edge.node);
}

/** How often each line occurs, printed as `  N × line`. */
function printTally(lines: Iterable<string>): void {
  for (const [line, n] of Object.entries(tally(lines))) console.log(`  ${n} × ${line}`);
}

function tally(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

async function signUp(url: string, name: string, address: string): Promise<Buyer> {
  const answer = await post(
    url,
    {
      query: 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
      variables: { input: { email: `${name}@zhongtai.test`, password: 'drill-password', displayName: name } },
    },
    { address },
  );
  const payload = answer.body.data?.signUp as { token: string; user: { id: string } } | undefined;
  if (!payload) throw new Error(`the drill could not sign up ${name}: ${JSON.stringify(answer.body.errors)}`);
  return { id: payload.user.id, token: payload.token, address };
}

/** The process by name that is alive now, if any (the launcher replaces a killed one under the same name). */
const live = (cluster: RunningSupergraph, name: string) =>
  cluster.children.find(
    (c) => c.name === name && c.process.exitCode === null && c.process.signalCode === null,
  );

/** Resolves once a live process with the name answers /health. */
async function rejoined(cluster: RunningSupergraph, name: string): Promise<void> {
  for (;;) {
    const child = live(cluster, name);
    if (child) {
      try {
        if ((await fetch(`${child.url}/health`)).ok) return;
      } catch {}
    }
    await sleep(0.2);
  }
}

function kill(cluster: RunningSupergraph, name: string, when: string) {
  const victim = live(cluster, name);
  if (!victim) throw new Error(`no live process named ${name}`);
  victim.process.kill('SIGKILL');
  console.log(`drill: kill -9 ${name} (pid ${victim.process.pid}) ${when}`);
}

/** Phase 1: the mixed load while a router and a replica of each center are killed in turn. */
async function killsUnderLoad(
  options: DrillOptions,
  buyers: Buyer[],
  products: { slug: string; skus: { id: string }[] }[],
): Promise<number> {
  const { url, cluster } = options;
  const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)] as T;
  const operations = [
    (buyer: Buyer) =>
      post(
        url,
        { query: PRODUCT_PAGE, variables: { slug: pick(products).slug, province: '广东省' } },
        { address: buyer.address },
      ),
    (buyer: Buyer) => post(url, { query: LISTING }, { address: buyer.address }),
    (buyer: Buyer) => post(url, placeOrderBody(pick(pick(products).skus).id), buyer),
  ];
  // A request fails when it gets no 200, or errors other than a sold-out SKU (an answer, not a fault).
  let requests = 0;
  const failures: string[] = [];
  let loading = true;
  const worker = async (buyer: Buyer, n: number) => {
    for (let i = n; loading; i++) {
      requests += 1;
      try {
        const { status, body } = await operations[i % operations.length]!(buyer);
        const errors = (body.errors ?? []).filter((e) => e.extensions?.code !== 'OUT_OF_STOCK');
        if (status !== 200 || errors.length > 0) {
          failures.push(`${status} ${errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('; ')}`);
        }
      } catch (error) {
        failures.push(String(error));
      }
    }
  };
  const load = Promise.all(buyers.map(worker));
  await sleep(options.interval);
  const victims = ['router', ...options.centers];
  for (const name of victims) {
    kill(cluster, name, `at ${requests} requests, ${failures.length} failed`);
    await sleep(options.interval);
  }
  await Promise.all(victims.map((name) => rejoined(cluster, name)));
  await sleep(options.interval);
  loading = false;
  await load;
  console.log(
    `drill: ${requests} requests through HAProxy by ${buyers.length} clients (each its own address and buyer); ` +
      `${victims.length} processes killed with SIGKILL (one router, one replica of each center), every one back; ` +
      `${failures.length} failed client requests.`,
  );
  printTally(failures.map((failure) => failure.slice(0, 120)));
  return failures.length;
}

const placeOrderBody = (skuId: string) => ({
  query: PLACE_ORDER,
  variables: { input: { lines: [{ skuId, quantity: 1 }], idempotencyKey: randomUUID() } },
});

type Databases = {
  inventory: Awaited<ReturnType<typeof openDatabase<typeof inventory.schema>>>;
  orders: Awaited<ReturnType<typeof openDatabase<typeof orders.schema>>>;
  payments: Awaited<ReturnType<typeof openDatabase<typeof payments.schema>>>;
};

/** Reports a phase's checks by name and returns how many failed. */
function verdict(phase: string, checks: Record<string, boolean>): number {
  const failed = Object.entries(checks).filter(([, ok]) => !ok);
  for (const [name] of failed) console.log(`drill: ${phase}: FAILED: ${name}`);
  return failed.length;
}

/**
 * Phase 2: S units of one SKU, 10×S orders at once, spread by HAProxy over the routers and the
 * orders replicas. Exactly S must be placed and 9×S refused as sold out, and the rows must say the
 * same: S more order lines for the SKU, and no stock left.
 */
async function flashSale(
  url: string,
  db: Databases,
  buyer: Buyer,
  skuId: string,
  units = 20,
): Promise<number> {
  const lines = async () =>
    (
      await db.orders.db
        .select({ n: count() })
        .from(orders.schema.orderLines)
        .where(eq(orders.schema.orderLines.skuId, skuId))
    )[0]?.n ?? 0;
  const before = await lines();
  await inventory.setStock(db.inventory.db, skuId, units);
  const results = await Promise.all(
    Array.from({ length: 10 * units }, () => post(url, placeOrderBody(skuId), buyer)),
  );
  const placed = results.filter((r) => r.body.data?.placeOrder).length;
  const soldOut = results.filter((r) => errorCode(r) === 'OUT_OF_STOCK').length;
  printTally(
    results
      .filter((r) => !r.body.data?.placeOrder && errorCode(r) !== 'OUT_OF_STOCK')
      .map((r) => `${r.status} ${errorCode(r)}: ${r.body.errors?.[0]?.message}`.slice(0, 160)),
  );
  const [row] = await db.inventory.db
    .select({ available: inventory.schema.stock.available })
    .from(inventory.schema.stock)
    .where(eq(inventory.schema.stock.skuId, skuId));
  const added = (await lines()) - before;
  console.log(
    `drill: flash sale of ${units} units to ${10 * units} orders at once: ${placed} placed, ${soldOut} sold out; ` +
      `rows: ${added} new order lines for the SKU, ${row?.available} left in stock.`,
  );
  return verdict('flash sale', {
    [`${units} placed`]: placed === units,
    [`${9 * units} sold out`]: soldOut === 9 * units,
    [`${units} order lines`]: added === units,
    'no stock left': row?.available === 0,
  });
}

/**
 * Phase 3: one buyer sends 1.5 buckets' worth of requests straight to each router in turn. With one
 * bucket in Redis, at most a bucket plus what refilled while they ran get through, in all; with a
 * bucket per router, each router alone would let most of its share through.
 */
async function oneBucketAcrossRouters(options: DrillOptions, buyer: Buyer): Promise<number> {
  const routers = Object.entries(options.cluster.routerUrls);
  const sent = Math.ceil(options.perMinute * 1.5);
  const seen = Object.fromEntries(routers.map(([name]) => [name, { allowed: 0, limited: 0, other: 0 }]));
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < sent) {
        const [name, url] = routers[next++ % routers.length] as [string, string];
        const counts = seen[name]!;
        const answer: Answer | undefined = await post(url, { query: '{ me { id } }' }, buyer).catch(
          () => undefined,
        );
        if (answer?.status === 200 && !answer.body.errors) counts.allowed += 1;
        else if (answer && errorCode(answer) === 'RATE_LIMITED') counts.limited += 1;
        else counts.other += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const allowed = Object.values(seen).reduce((sum, c) => sum + c.allowed, 0);
  const refilled = Math.ceil((seconds * options.perMinute) / 60);
  console.log(
    `drill: one buyer, ${sent} requests to ${routers.length} routers in turn in ${seconds.toFixed(1)} s ` +
      `(limit ${options.perMinute} a minute): ${routers.map(([name]) => `${name} let ${seen[name]!.allowed} through and refused ${seen[name]!.limited}`).join(', ')}; ` +
      `${allowed} in all, one bucket allows ${options.perMinute} to ${options.perMinute + refilled}.`,
  );
  return verdict('rate limit', {
    'at least one bucket let through': allowed >= options.perMinute,
    'no more than one bucket and its refill let through': allowed <= options.perMinute + refilled,
    'every router refused some': Object.values(seen).every((c) => c.limited > 0),
    'no other answers': Object.values(seen).every((c) => c.other === 0),
  });
}

/**
 * Phase 4: the supergraph the routers read is replaced (write and rename, as the compose script
 * and a ConfigMap update do) by one whose Query type has a description; every router must serve it,
 * then serve the original again once it is put back.
 */
async function reloadReachesEveryRouter(options: DrillOptions, run: string): Promise<number> {
  const path = options.supergraphPath;
  const original = readFileSync(path, 'utf8');
  const marker = `Reloaded by the cluster drill ${run}.`;
  const changed = original.replace(/^type Query\b/m, `"""${marker}"""\ntype Query`);
  if (changed === original) throw new Error(`no type Query in ${path}`);
  const replace = (sdl: string) => {
    writeFileSync(`${path}.next`, sdl);
    renameSync(`${path}.next`, path);
  };
  const description = async (url: string) => {
    const answer = await post(url, { query: '{ __type(name: "Query") { description } }' }).catch(
      () => undefined,
    );
    return (answer?.body.data?.__type as { description: string | null } | undefined)?.description ?? null;
  };
  /** Seconds until every router answers `expected`, or undefined after 30 s. */
  const reached = async (expected: string | null) => {
    const started = performance.now();
    const waiting = new Set(Object.values(options.cluster.routerUrls));
    while (waiting.size > 0 && performance.now() - started < 30_000) {
      for (const url of waiting) if ((await description(url)) === expected) waiting.delete(url);
      if (waiting.size > 0) await sleep(0.05);
    }
    return waiting.size === 0 ? (performance.now() - started) / 1000 : undefined;
  };
  const before = await reached(null);
  replace(changed);
  const changedIn = await reached(marker);
  replace(original);
  const restoredIn = await reached(null);
  const routers = Object.keys(options.cluster.routerUrls).length;
  const took = (seconds: number | undefined) =>
    seconds === undefined ? 'not within 30 s' : `in ${seconds.toFixed(2)} s`;
  console.log(
    `drill: a supergraph change reached all ${routers} routers ${took(changedIn)}; putting it back reached them ${took(restoredIn)}.`,
  );
  return verdict('hot reload', {
    'every router served the original first': before !== undefined,
    'every router served the change': changedIn !== undefined,
    'every router served the original again': restoredIn !== undefined,
  });
}

/**
 * Phase 5: orders placed through the cluster, then at one moment 3,000 of them overdue and 500
 * captured payments the Transaction Center never confirmed (250 for orders still payable, 250 for
 * overdue ones). Both replicas of each center sweep; the first of each is killed mid-sweep.
 */
async function sweepsOnce(
  options: DrillOptions,
  db: Databases,
  buyers: Buyer[],
  skuIds: string[],
  expiring = 3000,
  payable = 250,
): Promise<number> {
  const units = 1000;
  for (const skuId of skuIds) await inventory.setStock(db.inventory.db, skuId, units);
  const placed: { id: string; buyerId: string; amount: number; currency: string }[] = [];
  const total = expiring + payable;
  const started = performance.now();
  let next = 0;
  let refused = 0;
  await Promise.all(
    buyers.map(async (buyer) => {
      while (next < total) {
        const skuId = skuIds[next++ % skuIds.length] as string;
        const answer = await post(options.url, placeOrderBody(skuId), buyer).catch(() => undefined);
        const order = answer?.body.data?.placeOrder as
          | { id: string; total: { amount: number; currency: string } }
          | undefined;
        if (order) placed.push({ id: order.id, buyerId: buyer.id, ...order.total });
        else refused += 1;
      }
    }),
  );
  console.log(
    `drill: ${placed.length} orders placed through the cluster in ${((performance.now() - started) / 1000).toFixed(1)} s, ${refused} refused.`,
  );
  if (placed.length !== total) return verdict('sweeps', { [`${total} orders placed`]: false });

  const overdue = placed.slice(0, expiring);
  const stillPayable = placed.slice(expiring);
  const stuck = [...stillPayable, ...overdue.slice(0, payable)];
  const overdueIds = overdue.map((o) => o.id);
  const { orders: ordersTable } = orders.schema;
  const { payments: paymentsTable } = payments.schema;
  await db.orders.db
    .update(ordersTable)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(inArray(ordersTable.id, overdueIds));
  // Captured two minutes ago, as if the Payment Center had died before telling the Transaction Center.
  const capturedAt = new Date(Date.now() - 120_000);
  const captures = stuck.map((order) => payments.unconfirmedCapture(order, capturedAt));
  await payments.insertPayments(db.payments.db, captures);
  const paymentIds = captures.map((capture) => capture.id);
  const progress = async () => {
    const [expired] = await db.orders.db
      .select({ n: count() })
      .from(ordersTable)
      .where(and(inArray(ordersTable.id, overdueIds), eq(ordersTable.status, 'CANCELLED')));
    const [settled] = await db.payments.db
      .select({ n: count() })
      .from(paymentsTable)
      .where(and(inArray(paymentsTable.id, paymentIds), isNotNull(paymentsTable.settledAt)));
    return { expired: expired?.n ?? 0, settled: settled?.n ?? 0 };
  };
  const sweepStarted = performance.now();
  let killed = false;
  let state = await progress();
  while (state.expired < expiring || state.settled < stuck.length) {
    if (performance.now() - sweepStarted > 300_000) break;
    if (!killed && state.expired >= expiring / 10) {
      killed = true;
      kill(options.cluster, 'orders', `mid-sweep, ${state.expired} of ${expiring} orders expired`);
      kill(options.cluster, 'payments', `mid-sweep, ${state.settled} of ${stuck.length} captures settled`);
    }
    await sleep(0.25);
    state = await progress();
  }
  await Promise.all(['orders', 'payments'].map((name) => rejoined(options.cluster, name)));
  const sweepSeconds = (performance.now() - sweepStarted) / 1000;

  const countBy = async <T extends Record<string, unknown>>(rows: Promise<T[]>, key: keyof T) =>
    tally((await rows).map((row) => String(row[key])));
  const same = (a: Record<string, number>, b: Record<string, number>) =>
    JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  const allIds = placed.map((o) => o.id);
  const orderRows = await countBy(
    db.orders.db
      .select({
        state: sql<string>`${ordersTable.status} || '/' || coalesce(${ordersTable.cancelReason}::text, '-')`,
      })
      .from(ordersTable)
      .where(inArray(ordersTable.id, allIds)),
    'state',
  );
  const reservationRows = await countBy(
    db.inventory.db
      .select({ status: inventory.schema.reservations.status })
      .from(inventory.schema.reservations)
      .where(inArray(inventory.schema.reservations.reference, allIds)),
    'status',
  );
  const paymentRows = await countBy(
    db.payments.db
      .select({
        state: sql<string>`${paymentsTable.status} || '/' || (case when ${paymentsTable.settledAt} is null then 'unsettled' else 'settled' end)`,
      })
      .from(paymentsTable)
      .where(inArray(paymentsTable.id, paymentIds)),
    'state',
  );
  const [stock] = await db.inventory.db
    .select({
      available: sql<number>`sum(${inventory.schema.stock.available})::int`,
      reserved: sql<number>`sum(${inventory.schema.stock.reserved})::int`,
    })
    .from(inventory.schema.stock)
    .where(inArray(inventory.schema.stock.skuId, skuIds));
  console.log(
    `drill: ${expiring} orders overdue at once and ${stuck.length} stuck captures, swept by 2 orders and 2 payments ` +
      `replicas in ${sweepSeconds.toFixed(1)} s. Rows: orders ${JSON.stringify(orderRows)}; ` +
      `reservations ${JSON.stringify(reservationRows)}; payments ${JSON.stringify(paymentRows)}; ` +
      `stock of the ${skuIds.length} SKUs ${stock?.available} available (of ${skuIds.length * units}), ${stock?.reserved} reserved.`,
  );
  return verdict('sweeps', {
    [`${expiring} orders expired once, ${payable} paid once`]: same(orderRows, {
      'CANCELLED/PAYMENT_EXPIRED': expiring,
      'PAID/-': payable,
    }),
    [`${expiring} reservations released, ${payable} committed`]: same(reservationRows, {
      RELEASED: expiring,
      COMMITTED: payable,
    }),
    [`${payable} captures kept, ${payable} refunded, every one settled`]: same(paymentRows, {
      'CAPTURED/settled': payable,
      'REFUNDED/settled': payable,
    }),
    'the stock back exactly, but for the paid units': stock?.available === skuIds.length * units - payable,
    'nothing left reserved': stock?.reserved === 0,
  });
}
