import { type Database, isId } from '@zhongtai/subgraph-kit';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { StoreCursor } from '../cursors.ts';
import type { FreshSchema } from '../db/index.ts';
import { type StoreRow, stores } from '../db/schema.ts';

type Db = Database<FreshSchema>;

export async function findStoresByIds(db: Db, ids: readonly string[]): Promise<StoreRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(stores).where(inArray(stores.id, valid));
}

/** One page of the store finder: stores by name (ids break ties), optionally in one city. */
export async function findStorePage(
  db: Db,
  filter: { city: string | null; limit: number; after: StoreCursor | null },
): Promise<StoreRow[]> {
  if (filter.limit === 0) return [];
  const conditions: SQL[] = [];
  if (filter.city !== null) conditions.push(eq(stores.city, filter.city));
  if (filter.after) {
    conditions.push(sql`(${stores.name}, ${stores.id}) > (${filter.after.name}, ${filter.after.id}::uuid)`);
  }
  return db
    .select()
    .from(stores)
    .where(and(...conditions))
    .orderBy(asc(stores.name), asc(stores.id))
    .limit(filter.limit);
}

export async function countStores(db: Db, city: string | null): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(stores)
    .where(city === null ? undefined : eq(stores.city, city));
  return row?.n ?? 0;
}
