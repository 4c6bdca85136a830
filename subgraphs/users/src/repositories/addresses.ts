import { type Database, newId } from '@zhongtai/subgraph-kit';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { UsersSchema } from '../db/index.ts';
import { type AddressRow, addresses } from '../db/schema.ts';

type Db = Database<UsersSchema>;

/** Addresses of many users in one statement, default first, then newest. */
export async function findAddressesByUserIds(db: Db, userIds: readonly string[]): Promise<AddressRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(addresses)
    .where(inArray(addresses.userId, [...userIds]))
    .orderBy(asc(addresses.userId), desc(addresses.isDefault), desc(addresses.createdAt));
}

export type NewAddress = Omit<AddressRow, 'id' | 'userId' | 'createdAt' | 'isDefault'> & {
  isDefault?: boolean | null;
};

/** Saves an address; the user's first address, or one marked default, becomes the only default. */
export async function insertAddress(db: Db, userId: string, input: NewAddress): Promise<AddressRow> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: addresses.id })
      .from(addresses)
      .where(eq(addresses.userId, userId))
      .limit(1)
      .for('update');
    const isDefault = existing.length === 0 || Boolean(input.isDefault);
    if (isDefault) {
      await tx
        .update(addresses)
        .set({ isDefault: false })
        .where(and(eq(addresses.userId, userId), eq(addresses.isDefault, true)));
    }
    const [row] = await tx
      .insert(addresses)
      .values({ ...input, id: newId(), userId, isDefault })
      .returning();
    return row!;
  });
}
