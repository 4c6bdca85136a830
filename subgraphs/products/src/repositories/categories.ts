import { type Database, isId } from '@zhongtai/subgraph-kit';
import { asc, inArray, isNull } from 'drizzle-orm';
import type { ProductsSchema } from '../db/index.ts';
import { type CategoryRow, categories } from '../db/schema.ts';

type Db = Database<ProductsSchema>;

export async function findCategoriesByIds(db: Db, ids: readonly string[]): Promise<CategoryRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select().from(categories).where(inArray(categories.id, valid));
}

/** The children of many categories in one statement, each parent's in display order. */
export async function findCategoriesByParentIds(
  db: Db,
  parentIds: readonly string[],
): Promise<CategoryRow[]> {
  const valid = parentIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select()
    .from(categories)
    .where(inArray(categories.parentId, valid))
    .orderBy(asc(categories.parentId), asc(categories.position), asc(categories.name));
}

export async function findRootCategories(db: Db): Promise<CategoryRow[]> {
  return db
    .select()
    .from(categories)
    .where(isNull(categories.parentId))
    .orderBy(asc(categories.position), asc(categories.name));
}

export type NewCategory = typeof categories.$inferInsert;

/**
 * Inserts categories whose slug is not taken yet and returns the rows for every given slug, new or
 * existing, so a category tree can be ensured more than once.
 */
export async function ensureCategories(db: Db, rows: readonly NewCategory[]): Promise<CategoryRow[]> {
  if (rows.length === 0) return [];
  await db
    .insert(categories)
    .values([...rows])
    .onConflictDoNothing({ target: categories.slug });
  return db
    .select()
    .from(categories)
    .where(
      inArray(
        categories.slug,
        rows.map((row) => row.slug),
      ),
    );
}
