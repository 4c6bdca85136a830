import { chunk, type Database, isId } from '@zhongtai/subgraph-kit';
import { and, desc, getTableColumns, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { ProductsSchema } from '../db/index.ts';
import { categories, type ProductRow, products } from '../db/schema.ts';

type Db = Database<ProductsSchema>;

// Every column but the search document, which only the database reads.
const { search: _search, ...productColumns } = getTableColumns(products);

export async function findProductsByIds(db: Db, ids: readonly string[]): Promise<ProductRow[]> {
  const valid = ids.filter(isId);
  if (valid.length === 0) return [];
  return db.select(productColumns).from(products).where(inArray(products.id, valid));
}

export async function findProductsBySlugs(db: Db, slugs: readonly string[]): Promise<ProductRow[]> {
  if (slugs.length === 0) return [];
  return db
    .select(productColumns)
    .from(products)
    .where(inArray(products.slug, [...slugs]));
}

export interface ProductFilter {
  /** Only products in this category or one of its descendants; must be a valid id. */
  categoryId?: string | null;
  /** Web-search syntax (`websearch_to_tsquery`), which accepts any input without a syntax error. */
  search?: string | null;
}

/** Where a page starts: after this id, and with a search also after this rank. */
export interface ProductCursor {
  id: string;
  rank?: number;
}

export type ListedProductRow = ProductRow & { rank: number | null };

const tsQuery = (search: string) => sql`websearch_to_tsquery('simple', ${search})`;
// ts_rank is a float4; as float8 its value survives the trip through a JSON cursor exactly.
const rankOf = (search: string) => sql<number>`ts_rank(${products.search}, ${tsQuery(search)})::float8`;

function filterConditions(filter: ProductFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.categoryId) {
    conditions.push(sql`${products.categoryId} in (
      with recursive tree(id) as (
        select id from ${categories} where id = ${filter.categoryId}
        union all
        select c.id from ${categories} c join tree on c.parent_id = tree.id
      )
      select id from tree)`);
  }
  if (filter.search) conditions.push(sql`${products.search} @@ ${tsQuery(filter.search)}`);
  return conditions;
}

/**
 * One page of products by keyset: newest first (id desc, ids being time-ordered), or with a search
 * best match first (rank desc, then id desc). Fetch `limit = first + 1` to learn about a next page.
 */
export async function listProducts(
  db: Db,
  filter: ProductFilter,
  page: { limit: number; after: ProductCursor | null },
): Promise<ListedProductRow[]> {
  const conditions = filterConditions(filter);
  const { after } = page;
  if (filter.search) {
    const rank = rankOf(filter.search);
    if (after) {
      conditions.push(sql`(${rank}, ${products.id}) < (${after.rank ?? 0}::float8, ${after.id}::uuid)`);
    }
    return db
      .select({ ...productColumns, rank })
      .from(products)
      .where(and(...conditions))
      .orderBy(desc(rank), desc(products.id))
      .limit(page.limit);
  }
  if (after) conditions.push(lt(products.id, after.id));
  return db
    .select({ ...productColumns, rank: sql<null>`null` })
    .from(products)
    .where(and(...conditions))
    .orderBy(desc(products.id))
    .limit(page.limit);
}

export async function countProducts(db: Db, filter: ProductFilter): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(products)
    .where(and(...filterConditions(filter)));
  return row?.count ?? 0;
}

/**
 * The first `limit` products (newest first, after `afterId` when given) of each of many sellers, in
 * one statement. A lateral subquery walks each seller's (seller_id, id) index backwards and stops at
 * `limit`, so a seller with thousands of listings costs no more than one with five.
 */
export async function findProductPagesBySellers(
  db: Db,
  sellerIds: readonly string[],
  page: { limit: number; afterId: string | null },
): Promise<ProductRow[]> {
  const valid = [...new Set(sellerIds.filter(isId))];
  if (valid.length === 0 || page.limit === 0) return [];
  const sellers = sql.join(
    valid.map((id) => sql`${id}`),
    sql`, `,
  );
  const after = page.afterId ? sql`and p.id < ${page.afterId}::uuid` : sql``;
  const pageIds = sql`(
    select page.id
    from unnest(array[${sellers}]::uuid[]) as seller(id)
    cross join lateral (
      select p.id from ${products} p
      where p.seller_id = seller.id ${after}
      order by p.id desc
      limit ${page.limit}
    ) page)`;
  return db
    .select(productColumns)
    .from(products)
    .where(inArray(products.id, pageIds))
    .orderBy(products.sellerId, desc(products.id));
}

export async function countProductsBySellers(
  db: Db,
  sellerIds: readonly string[],
): Promise<{ sellerId: string; count: number }[]> {
  const valid = sellerIds.filter(isId);
  if (valid.length === 0) return [];
  return db
    .select({ sellerId: products.sellerId, count: sql<number>`count(*)::int` })
    .from(products)
    .where(inArray(products.sellerId, valid))
    .groupBy(products.sellerId);
}

export type NewProduct = typeof products.$inferInsert;

// 9 columns a product: 5,000 rows stay well under Postgres's 65,535 parameters a statement.
const INSERT_CHUNK = 5000;

/** Inserts products in multi-row statements. */
export async function insertProducts(db: Db, rows: readonly NewProduct[]): Promise<void> {
  for (const part of chunk(rows, INSERT_CHUNK)) await db.insert(products).values(part);
}
