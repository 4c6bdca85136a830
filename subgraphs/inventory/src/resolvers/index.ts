import type { Resolvers } from '../__generated__/resolvers.ts';
import { Mutation } from './Mutation.ts';
import { Product } from './Product.ts';
import { Sku } from './Sku.ts';

export const resolvers: Resolvers = { Mutation, Product, Sku };
