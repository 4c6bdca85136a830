import { join, resolve } from 'node:path';
import { type SQL, type Subquery, sql as sqlTag } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, SelectedFields } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { openEmbedded } from './embedded.ts';
import { isId } from './ids.ts';

/** A center's database handle: the same drizzle API over real PostgreSQL or embedded PGlite. */
export type Database<S extends Record<string, unknown> = Record<string, unknown>> = PgDatabase<
  PgQueryResultHKT,
  S
>;

export interface DatabaseHandle<S extends Record<string, unknown>> {
  db: Database<S>;
  kind: 'postgres' | 'pglite';
  /** SQL statements sent to the driver since open (or the last reset); for N+1 tests and benchmarks. */
  stats: { statements: number };
  /**
   * Whether the database answers, for readiness probes. On PostgreSQL it asks over a connection of
   * its own, outside the pool: when a flash sale holds every pooled connection in a transaction,
   * the replica is busy, not broken, and a probe that queued behind them would time out and take
   * the busiest replicas out of rotation. Rejects when the database does not answer in `timeoutMs`.
   */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions<S extends Record<string, unknown>> {
  /** The center's name: its Postgres schema, its PGlite folder and its migrations table. */
  center: string;
  schema: S;
  /** The center's committed drizzle-kit migrations. */
  migrationsFolder: string;
  /** A real PostgreSQL; when absent the center runs on an embedded PGlite. */
  databaseUrl?: string | undefined;
  /** Where the embedded PGlite stores its files; `memory://` keeps it in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * How long to wait for another process to release this center's embedded database before
   * failing (0: fail at once). PostgreSQL needs no waiting: it serves many processes.
   */
  waitMs?: number;
  /**
   * Called once this process holds the database, before the (slower) opening: for an embedded one
   * when it has its lock, for PostgreSQL at once.
   */
  onLocked?: () => void;
}

// Every center migrates into its own schema of one PostgreSQL; the lock keeps centers that start
// together from racing on the shared `drizzle` bookkeeping schema.
const MIGRATION_LOCK = 0x7a68_7461; // "zhta"

/**
 * Counts every statement a center sends, through drizzle's query log on both drivers. (postgres.js's
 * own hook also sees the type lookups it makes on each new pooled connection, which would make a
 * count depend on how warm the pool is rather than on what the center asked for.)
 */
function countingLogger(stats: { statements: number }) {
  return {
    logQuery: () => {
      stats.statements++;
    },
  };
}

export async function openDatabase<S extends Record<string, unknown>>(
  options: OpenDatabaseOptions<S>,
): Promise<DatabaseHandle<S>> {
  const stats = { statements: 0 };
  const migrationConfig = {
    migrationsFolder: options.migrationsFolder,
    migrationsSchema: 'drizzle',
    migrationsTable: `${options.center}_migrations`,
  };

  if (options.databaseUrl) {
    options.onLocked?.();
    const sql = postgres(options.databaseUrl, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: `zhongtai-${options.center}` },
    });
    const db = drizzlePostgres({ client: sql, schema: options.schema, logger: countingLogger(stats) });
    const lock = await sql.reserve();
    try {
      await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migratePostgres(db, migrationConfig);
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      lock.release();
    }
    stats.statements = 0;
    // One connection for probes, opened on the first and kept: one more per replica on the server
    // (docs/scaling.md counts it).
    const probe = postgres(options.databaseUrl, {
      max: 1,
      onnotice: () => {},
      connection: { application_name: `zhongtai-${options.center}-probe` },
    });
    return handleOf<S>(
      db,
      'postgres',
      stats,
      () => probe`select 1`,
      async () => {
        await Promise.all([sql.end({ timeout: 5 }), probe.end({ timeout: 1 })]);
      },
    );
  }

  const dataDir = options.dataDir ?? '.data';
  const location = dataDir.startsWith('memory://') ? undefined : resolve(join(dataDir, options.center));
  const embedded = await openEmbedded(location, {
    waitMs: options.waitMs ?? 0,
    onLocked: options.onLocked,
  });
  try {
    const db = drizzlePglite({
      client: embedded.client,
      schema: options.schema,
      logger: countingLogger(stats),
    });
    await migratePglite(db, migrationConfig);
    stats.statements = 0;
    // PGlite has one connection: the probe waits its turn like every query.
    return handleOf<S>(db, 'pglite', stats, () => embedded.client.query('select 1'), embedded.close);
  } catch (error) {
    await embedded.close();
    throw error;
  }
}

function handleOf<S extends Record<string, unknown>>(
  db: unknown,
  kind: DatabaseHandle<S>['kind'],
  stats: DatabaseHandle<S>['stats'],
  probe: () => Promise<unknown>,
  close: () => Promise<void>,
): DatabaseHandle<S> {
  return {
    db: db as Database<S>,
    kind,
    stats,
    ping: (timeoutMs = 2000) =>
      withTimeout(
        probe().then(() => {}),
        timeoutMs,
      ),
    close,
  };
}

function withTimeout(pending: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer in ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs raw SQL and returns its rows. postgres.js answers `execute` with an array of rows and PGlite
 * with `{ rows }`; repositories use this so the same SQL serves both drivers.
 */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** How a per-owner page query names its owner: `where ${column} = ${OWNER_ID}`. */
export const OWNER_ID = sqlTag`owner.id`;

/**
 * One keyset page for each of many owners (a product's reviews, a store's slots, ...) in one
 * statement: `page` is the query for one owner's page, naming the owner as OWNER_ID, and it runs
 * laterally once per owner id. Ids that are not UUIDs cannot own anything and are left out.
 */
export async function pagesPerOwner<Row>(
  db: Database,
  ownerIds: readonly string[],
  page: Subquery & { _: { selectedFields: SelectedFields } },
): Promise<Row[]> {
  const valid = [...new Set(ownerIds.filter(isId))];
  if (valid.length === 0) return [];
  const owners = sqlTag.join(
    valid.map((id) => sqlTag`${id}`),
    sqlTag`, `,
  );
  const rows = await db
    .select(page._.selectedFields)
    .from(sqlTag`unnest(array[${owners}]::uuid[]) as owner(id)`)
    .crossJoinLateral(page);
  return rows as Row[];
}
