import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fresh from '@zhongtai/fresh';
import * as inventory from '@zhongtai/inventory';
import * as orders from '@zhongtai/orders';
import * as payments from '@zhongtai/payments';
import * as products from '@zhongtai/products';
import * as reviews from '@zhongtai/reviews';
import { type Database, type DatabaseHandle, openDatabase, queryRows } from '@zhongtai/subgraph-kit';
import * as users from '@zhongtai/users';
import { sql } from 'drizzle-orm';

export const SCALES = {
  small: { users: 200, products: 1_000, reviews: 5_000, orders: 1_000 },
  medium: { users: 10_000, products: 10_000, reviews: 100_000, orders: 20_000 },
  large: { users: 100_000, products: 100_000, reviews: 1_000_000, orders: 200_000 },
} as const;

export type Scale = keyof typeof SCALES;

/** The Fresh business line at each scale: its stores, and how many catalog products it sells. */
export const FRESH_SCALES = {
  small: { stores: 6, products: 100 },
  medium: { stores: 12, products: 500 },
  large: { stores: 24, products: 2_000 },
} as const satisfies Record<Scale, { stores: number; products: number }>;

export interface SeedOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  scale: Scale;
  /** Empty every center's tables first; without it an already seeded database is left alone. */
  reset?: boolean;
  seed?: number;
  log?: (line: string) => void;
  /**
   * Called once the seed holds every database it will write (their locks, for embedded ones), so
   * centers may be launched on the same DATA_DIR: they wait for the seed to let go.
   */
  onHolding?: () => void;
}

export interface SeedReport {
  seeded: boolean;
  counts: Record<string, number>;
  millis: number;
}

async function truncateCenter(db: Database, center: string) {
  const rows = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = ${center} order by tablename`,
  );
  if (rows.length === 0) return;
  const names = rows.map((row) => `"${center}"."${row.tablename}"`).join(', ');
  await db.execute(sql.raw(`truncate ${names} cascade`));
}

/** Every center whose data the seed writes, with what opening its database needs. */
const CENTERS = {
  users: { schema: users.schema, migrationsFolder: users.migrationsFolder },
  products: { schema: products.schema, migrationsFolder: products.migrationsFolder },
  inventory: { schema: inventory.schema, migrationsFolder: inventory.migrationsFolder },
  orders: { schema: orders.schema, migrationsFolder: orders.migrationsFolder },
  payments: { schema: payments.schema, migrationsFolder: payments.migrationsFolder },
  reviews: { schema: reviews.schema, migrationsFolder: reviews.migrationsFolder },
  fresh: { schema: fresh.schema, migrationsFolder: fresh.migrationsFolder },
};

type Centers = typeof CENTERS;
type Center = keyof Centers;
type Handle<K extends Center> = DatabaseHandle<Centers[K]['schema']>;

/**
 * Seeds every center with one coherent data set (sellers in the User Center own the products in
 * the Product Center, whose SKUs get stock in the Inventory Center, ...). Opens each center's
 * database itself; an embedded one is locked while it is open, so a center started on the same
 * DATA_DIR waits for the seed or fails (DATA_DIR_WAIT_MS).
 */
export async function seedAll(options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const handles = new Map<Center, Promise<DatabaseHandle<Record<string, unknown>>>>();
  let holding = false;
  const hold = () => {
    if (!holding) options.onHolding?.();
    holding = true;
  };
  /**
   * Opens these centers' databases side by side (one already open is shared), and with `announce`
   * calls `hold` once all of them are locked, before the slower part of opening them.
   */
  const open = async <K extends Center>(
    centers: K[],
    announce: boolean,
  ): Promise<{ [C in K]: Handle<C> }> => {
    let unlocked = centers.filter((center) => !handles.has(center)).length;
    if (announce && unlocked === 0) hold();
    const onLocked = () => {
      unlocked--;
      if (announce && unlocked === 0) hold();
    };
    for (const center of centers) {
      if (handles.has(center)) continue;
      const { schema, migrationsFolder } = CENTERS[center];
      const opening = openDatabase({
        center,
        schema,
        migrationsFolder,
        databaseUrl: options.databaseUrl,
        dataDir: options.dataDir,
        onLocked,
      });
      handles.set(center, opening as Promise<DatabaseHandle<Record<string, unknown>>>);
    }
    const pairs = await Promise.all(
      centers.map(async (center) => [center, await handles.get(center)] as const),
    );
    return Object.fromEntries(pairs) as unknown as { [C in K]: Handle<C> };
  };
  const all = Object.keys(CENTERS) as Center[];
  /** Closes a center's database now rather than at the end. */
  const release = async (center: Center) => {
    const opening = handles.get(center);
    handles.delete(center);
    await (await opening)?.close();
  };

  // An embedded seed cut short (Ctrl-C during a first `npm start`) leaves this file behind, and the
  // next run seeds again from scratch instead of serving half a data set as if it were whole.
  const unfinished = options.databaseUrl ? undefined : join(options.dataDir, '.seed-unfinished');
  const reset = options.reset || (unfinished !== undefined && existsSync(unfinished));
  if (reset && !options.reset) log('The last seed did not finish; seeding again from scratch.');

  try {
    // Without an embedded users database there is nothing seeded yet, and every database opens at
    // once. Otherwise the users count decides, and a seeded data set opens little else.
    const mayBeSeeded =
      Boolean(options.databaseUrl) || existsSync(join(options.dataDir, 'users', 'PG_VERSION'));
    if (mayBeSeeded && !reset) {
      const { users: usersDb } = await open(['users'], false);
      const [existing] = await usersDb.db.select({ n: sql<number>`count(*)::int` }).from(users.schema.users);
      if ((existing?.n ?? 0) > 0) {
        log(`Already seeded (${existing?.n} users); pass --reset to start over.`);
        // Data seeded before the Fresh line existed gets Fresh's stores and stock on the catalog it has.
        const { fresh: freshDb } = await open(['fresh'], false);
        const [stores] = await freshDb.db.select({ n: sql<number>`count(*)::int` }).from(fresh.schema.stores);
        if ((stores?.n ?? 0) === 0) {
          const { products: productsDb } = await open(['products'], false);
          const skus = await productsDb.db
            .select({ id: products.schema.skus.id, productId: products.schema.skus.productId })
            .from(products.schema.skus)
            .orderBy(products.schema.skus.productId, products.schema.skus.id);
          const grocery = await fresh.seedFresh(freshDb.db, {
            skus,
            ...FRESH_SCALES[options.scale],
            seed: options.seed ?? 20261123,
          });
          log(`Seeded the Fresh line: ${grocery.storeIds.length} stores, ${grocery.stockRows} stock rows.`);
        }
        return { seeded: false, counts: {}, millis: Date.now() - started };
      }
    }
    const db = await open(all, true);
    if (unfinished) writeFileSync(unfinished, `${new Date().toISOString()} ${options.scale}\n`);
    if (reset) {
      for (const center of all) await truncateCenter(db[center].db as Database, center);
    }

    const size = SCALES[options.scale];
    const seed = options.seed ?? 20261123;
    log(`Seeding ${options.scale}: ${JSON.stringify(size)}...`);
    // Each database is let go as soon as its part is written, so its center (waiting under
    // `npm start`) opens it while the rest is still being seeded.
    const { userIds } = await users
      .seedUsers(db.users.db, { count: size.users, seed })
      .finally(() => release('users'));
    // About one account in twenty sells; the demo account is always one of them.
    const sellerIds = userIds.filter((_, i) => i % 20 === 0);
    const catalog = await products
      .seedProducts(db.products.db, { sellerIds, products: size.products, seed })
      .finally(() => release('products'));
    // Stock, order history and reviews only need the users and the catalog, so they load side by side;
    // payments follow the orders they pay.
    const [stock, { history, paid }, opinions, grocery] = await Promise.all([
      inventory
        .seedInventory(db.inventory.db, { skus: catalog.skus, seed })
        .finally(() => release('inventory')),
      // The first buyers order most often, and the first user is the demo account.
      orders
        .seedOrders(db.orders.db, { buyers: userIds, skus: catalog.skus, count: size.orders, seed })
        .finally(() => release('orders'))
        .then(async (history) => ({
          history,
          paid: await payments
            .seedPayments(db.payments.db, { orders: history.orders, seed })
            .finally(() => release('payments')),
        })),
      reviews
        .seedReviews(db.reviews.db, {
          productIds: catalog.productIds,
          authorIds: userIds,
          count: size.reviews,
          seed,
        })
        .finally(() => release('reviews')),
      // The Fresh business line stocks part of the same catalog in its stores.
      fresh
        .seedFresh(db.fresh.db, { skus: catalog.skus, ...FRESH_SCALES[options.scale], seed })
        .finally(() => release('fresh')),
    ]);
    const counts = {
      users: userIds.length,
      sellers: sellerIds.length,
      products: catalog.productIds.length,
      skus: catalog.skus.length,
      flashSaleSkus: stock.flashSaleSkuIds.length,
      orders: history.orders.length,
      payments: paid.payments,
      reviews: opinions.reviews,
      freshStores: grocery.storeIds.length,
      pickupSlots: grocery.slotIds.length,
      freshStock: grocery.stockRows,
    };
    log(
      `Seeded ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    if (unfinished) rmSync(unfinished, { force: true });
    return { seeded: true, counts, millis: Date.now() - started };
  } finally {
    hold();
    await Promise.all(
      [...handles.values()].map((opening) => opening.then((handle) => handle.close()).catch(() => {})),
    );
  }
}
