import { orNull } from '@zhongtai/subgraph-kit';
import type { CategoryResolvers } from '../__generated__/resolvers.ts';

export const Category: CategoryResolvers = {
  __resolveReference: (reference, { loaders }) => orNull(loaders.categoryById.load(reference.id)),
  parent: (category, _args, { loaders }) =>
    category.parentId ? orNull(loaders.categoryById.load(category.parentId)) : null,
  children: (category, _args, { loaders }) => loaders.categoriesByParentId.load(category.id),
};
