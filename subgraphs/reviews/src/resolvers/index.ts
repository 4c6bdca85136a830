import { DateTime } from '@zhongtai/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers.ts';
import { Mutation } from './Mutation.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';
import { RatingSummary } from './RatingSummary.ts';
import { Review } from './Review.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = { DateTime, Query, Mutation, Review, Product, User, RatingSummary };
