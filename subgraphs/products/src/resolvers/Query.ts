import { badUserInput, isId, orNull, pageSize, toConnection } from '@zhongtai/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers.ts';
import { productCursor, readProductCursor } from '../cursors.ts';
import { findRootCategories } from '../repositories/categories.ts';
import { countProducts, listProducts } from '../repositories/products.ts';

const MAX_SEARCH_LENGTH = 200;

export const Query: QueryResolvers = {
  product: (_root, { id, slug }, { loaders }) => {
    const hasId = id !== null && id !== undefined;
    const hasSlug = slug !== null && slug !== undefined;
    if (hasId === hasSlug) throw badUserInput('Give exactly one of "id" and "slug".');
    return hasId ? orNull(loaders.productById.load(id)) : orNull(loaders.productBySlug.load(slug!));
  },

  products: async (_root, args, { db }) => {
    const first = pageSize(args.first);
    const search = args.search?.trim() || null;
    if (search && search.length > MAX_SEARCH_LENGTH) {
      throw badUserInput(`"search" can have at most ${MAX_SEARCH_LENGTH} characters.`, 'search');
    }
    const searching = search !== null;
    const after = args.after ? readProductCursor(args.after, searching) : null;
    const categoryId = args.categoryId ?? null;
    // An id that cannot exist names an empty category: no statement needed.
    if (categoryId !== null && !isId(categoryId))
      return toConnection(
        [],
        first,
        () => '',
        async () => 0,
      );
    const filter = { categoryId, search };
    const rows = await listProducts(db, filter, { limit: first + 1, after });
    return toConnection(
      rows,
      first,
      (row) => productCursor(row, searching),
      () => countProducts(db, filter),
    );
  },

  categories: (_root, _args, { db }) => findRootCategories(db),

  category: (_root, { id }, { loaders }) => orNull(loaders.categoryById.load(id)),
};
