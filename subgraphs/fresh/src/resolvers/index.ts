import { DateTime } from '@zhongtai/subgraph-kit';
import type { Resolvers } from '../__generated__/resolvers.ts';
import { FreshStock } from './FreshStock.ts';
import { Mutation } from './Mutation.ts';
import { Order } from './Order.ts';
import { PickupBooking } from './PickupBooking.ts';
import { PickupSlot } from './PickupSlot.ts';
import { Product } from './Product.ts';
import { Query } from './Query.ts';
import { Sku } from './Sku.ts';
import { Store } from './Store.ts';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Store,
  PickupSlot,
  PickupBooking,
  FreshStock,
  Product,
  Sku,
  Order,
};
