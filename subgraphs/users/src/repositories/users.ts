import { type Database, isId, newId } from '@zhongtai/subgraph-kit';
import { inArray, sql } from 'drizzle-orm';
import type { UsersSchema } from '../db/index.ts';
import { type UserRow, users } from '../db/schema.ts';

type Db = Database<UsersSchema>;

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<UserRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(users).where(inArray(users.id, valid));
}

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`).limit(1);
  return row;
}

export interface NewUser {
  email: string;
  handle: string;
  displayName: string;
  passwordHash: string;
}

/** Inserts a user; returns null when the email is taken (the unique index decides, not a prior read). */
export async function insertUser(db: Db, input: NewUser): Promise<UserRow | null> {
  const rows = await db
    .insert(users)
    .values({ id: newId(), ...input })
    .onConflictDoNothing()
    .returning();
  return rows[0] ?? null;
}

export async function handleExists(db: Db, handle: string): Promise<boolean> {
  const rows = await db.select({ id: users.id }).from(users).where(sql`${users.handle} = ${handle}`).limit(1);
  return rows.length > 0;
}
