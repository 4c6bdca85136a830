import { DateTime } from '@zhongtai/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers.ts';
import { Mutation } from './Mutation.ts';
import { Order } from './Order.ts';
import { Payment } from './Payment.ts';
import { Query } from './Query.ts';

export const resolvers: Resolvers = { DateTime, Query, Mutation, Payment, Order };
