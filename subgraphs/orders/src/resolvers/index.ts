import { DateTime } from '@zhongtai/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers.ts';
import { Cart } from './Cart.ts';
import { CartLine } from './CartLine.ts';
import { Mutation } from './Mutation.ts';
import { Order } from './Order.ts';
import { OrderLine } from './OrderLine.ts';
import { Query } from './Query.ts';
import { Review } from './Review.ts';
import { User } from './User.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Order,
  OrderLine,
  Cart,
  CartLine,
  User,
  Review,
};
