import { DateTime } from '@zhongtai/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers.ts';
import { Category } from './Category.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';
import { Sku } from './Sku.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { DateTime, Query, Product, Sku, Category, User };
