import * as products from '@zhongtai/products';
import { type Database, type DatabaseHandle, openDatabase, queryRows } from '@zhongtai/subgraph-kit';
import * as users from '@zhongtai/users';
import { sql } from 'drizzle-orm';

export const SCALES = {
  small: { users: 200, products: 1_000 },
  medium: { users: 10_000, products: 10_000 },
  large: { users: 100_000, products: 100_000 },
} as const;

export type Scale = keyof typeof SCALES;

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

/**
 * Seeds every center with one coherent data set (sellers in the User Center own the products in
 * the Product Center, ...). Opens each center's database itself, so centers must not be running
 * on the same embedded data directory.
 */
export async function seedAll(options: SeedOptions): Promise<SeedReport> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const open = <S extends Record<string, unknown>>(center: string, schema: S, migrationsFolder: string) =>
    openDatabase({
      center,
      schema,
      migrationsFolder,
      databaseUrl: options.databaseUrl,
      dataDir: options.dataDir,
    });
  const handles: Pick<DatabaseHandle<never>, 'close'>[] = [];
  try {
    const usersDb = await open('users', users.schema, users.migrationsFolder);
    handles.push(usersDb);
    const productsDb = await open('products', products.schema, products.migrationsFolder);
    handles.push(productsDb);

    const [existing] = await usersDb.db.select({ n: sql<number>`count(*)::int` }).from(users.schema.users);
    if ((existing?.n ?? 0) > 0 && !options.reset) {
      log(`Already seeded (${existing?.n} users); pass --reset to start over.`);
      return { seeded: false, counts: {}, millis: Date.now() - started };
    }
    if (options.reset) {
      await truncateCenter(usersDb.db, 'users');
      await truncateCenter(productsDb.db, 'products');
    }

    const size = SCALES[options.scale];
    const seed = options.seed ?? 20261123;
    log(`Seeding ${options.scale}: ${size.users} users, ${size.products} products...`);
    const { userIds } = await users.seedUsers(usersDb.db, { count: size.users, seed });
    // About one account in twenty sells; the demo account is always one of them.
    const sellerIds = userIds.filter((_, i) => i % 20 === 0);
    const catalog = await products.seedProducts(productsDb.db, {
      sellerIds,
      products: size.products,
      seed,
    });
    const counts = {
      users: userIds.length,
      sellers: sellerIds.length,
      products: catalog.productIds.length,
      skus: catalog.skus.length,
    };
    log(
      `Seeded ${Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
    );
    return { seeded: true, counts, millis: Date.now() - started };
  } finally {
    for (const handle of handles) await handle.close();
  }
}
