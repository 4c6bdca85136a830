import { type Database, isId, OWNER_ID, pagesPerOwner } from '@zhongtai/subgraph-kit';
import { and, asc, inArray, type SQL, sql } from 'drizzle-orm';
import type { SlotCursor } from '../cursors.ts';
import type { FreshSchema } from '../db/index.ts';
import { type PickupSlotRow, pickupSlots } from '../db/schema.ts';

type Db = Database<FreshSchema>;

export async function findSlotsByIds(db: Db, ids: readonly string[]): Promise<PickupSlotRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(pickupSlots).where(inArray(pickupSlots.id, valid));
}

export interface SlotPage {
  /** Rows to fetch: `first + 1`, the extra one only telling whether a next page exists. */
  limit: number;
  after: SlotCursor | null;
  /** Only slots starting before this time. */
  before: Date | null;
  /** Only slots with a place left. */
  onlyAvailable: boolean;
}

/**
 * The first `limit` upcoming slots (soonest first) of each of many stores, in one statement: a
 * lateral subquery walks each store's (store, starts_at, id) index and stops at `limit`.
 */
export async function findSlotPages(
  db: Db,
  storeIds: readonly string[],
  page: SlotPage,
): Promise<PickupSlotRow[]> {
  if (page.limit === 0) return [];
  const conditions: SQL[] = [sql`${pickupSlots.storeId} = ${OWNER_ID}`, sql`${pickupSlots.startsAt} > now()`];
  if (page.before) conditions.push(sql`${pickupSlots.startsAt} < ${page.before.toISOString()}::timestamptz`);
  if (page.onlyAvailable) conditions.push(sql`${pickupSlots.booked} < ${pickupSlots.capacity}`);
  if (page.after) {
    conditions.push(
      sql`(${pickupSlots.startsAt}, ${pickupSlots.id}) > (${page.after.startsAt.toISOString()}::timestamptz, ${page.after.id}::uuid)`,
    );
  }
  const pageOfOne = db
    .select()
    .from(pickupSlots)
    .where(and(...conditions))
    .orderBy(asc(pickupSlots.startsAt), asc(pickupSlots.id))
    .limit(page.limit)
    .as('page');
  return pagesPerOwner<PickupSlotRow>(db, storeIds, pageOfOne);
}
