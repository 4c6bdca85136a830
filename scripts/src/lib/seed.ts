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
type Handles = { [K in keyof Centers]: DatabaseHandle<Centers[K]['schema']> };

/**
 * Seeds every center with one coherent data set (sellers in the User Center own the products in
 * the Product Center, whose SKUs get stock in the Inventory Center, ...). Opens each center's
 * database itself, so centers must not be running on the same embedded data directory.
 */
export async function seedAll(options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const opened = await Promise.all(
    Object.entries(CENTERS).map(async ([center, { schema, migrationsFolder }]) => {
      const handle = await openDatabase({
        center,
        schema,
        migrationsFolder,
        databaseUrl: options.databaseUrl,
        dataDir: options.dataDir,
      });
      return [center, handle] as const;
    }),
  );
  const db = Object.fromEntries(opened) as unknown as Handles;
  try {
    const [existing] = await db.users.db.select({ n: sql<number>`count(*)::int` }).from(users.schema.users);
    if ((existing?.n ?? 0) > 0 && !options.reset) {
      log(`Already seeded (${existing?.n} users); pass --reset to start over.`);
      // Data seeded before the Fresh line existed gets Fresh's stores and stock on the catalog it has.
      const [stores] = await db.fresh.db.select({ n: sql<number>`count(*)::int` }).from(fresh.schema.stores);
      if ((stores?.n ?? 0) === 0) {
        const skus = await db.products.db
          .select({ id: products.schema.skus.id, productId: products.schema.skus.productId })
          .from(products.schema.skus)
          .orderBy(products.schema.skus.productId, products.schema.skus.id);
        const grocery = await fresh.seedFresh(db.fresh.db, {
          skus,
          ...FRESH_SCALES[options.scale],
          seed: options.seed ?? 20261123,
        });
        log(`Seeded the Fresh line: ${grocery.storeIds.length} stores, ${grocery.stockRows} stock rows.`);
      }
      return { seeded: false, counts: {}, millis: Date.now() - started };
    }
    if (options.reset) {
      for (const [center, handle] of opened) await truncateCenter(handle.db as Database, center);
    }

    const size = SCALES[options.scale];
    const seed = options.seed ?? 20261123;
    log(`Seeding ${options.scale}: ${JSON.stringify(size)}...`);
    const { userIds } = await users.seedUsers(db.users.db, { count: size.users, seed });
    // About one account in twenty sells; the demo account is always one of them.
    const sellerIds = userIds.filter((_, i) => i % 20 === 0);
    const catalog = await products.seedProducts(db.products.db, { sellerIds, products: size.products, seed });
    // Stock, order history and reviews only need the users and the catalog, so they load side by side;
    // payments follow the orders they pay.
    const [stock, { history, paid }, opinions, grocery] = await Promise.all([
      inventory.seedInventory(db.inventory.db, { skus: catalog.skus, seed }),
      // The first buyers order most often, and the first user is the demo account.
      orders
        .seedOrders(db.orders.db, { buyers: userIds, skus: catalog.skus, count: size.orders, seed })
        .then(async (history) => ({
          history,
          paid: await payments.seedPayments(db.payments.db, { orders: history.orders, seed }),
        })),
      reviews.seedReviews(db.reviews.db, {
        productIds: catalog.productIds,
        authorIds: userIds,
        count: size.reviews,
        seed,
      }),
      // The Fresh business line stocks part of the same catalog in its stores.
      fresh.seedFresh(db.fresh.db, { skus: catalog.skus, ...FRESH_SCALES[options.scale], seed }),
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
    return { seeded: true, counts, millis: Date.now() - started };
  } finally {
    await Promise.all(opened.map(([, handle]) => handle.close()));
  }
}
