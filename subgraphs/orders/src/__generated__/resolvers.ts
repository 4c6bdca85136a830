import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { OrderRow, OrderLineRow, CartLineRow } from '../db/schema.ts';
import type { CartModel, UserRef, ReviewRef, OrderConnectionModel, OrderEdgeModel } from '../models.ts';
import type { OrdersContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 timestamp in UTC, such as `2026-11-23T08:00:00.000Z`. */
  DateTime: { input: Date; output: Date | string; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** Why an order was cancelled. */
export type CancelReason =
  /** The buyer cancelled it. */
  | 'BUYER_CANCELLED'
  /** It was not paid in time. */
  | 'PAYMENT_EXPIRED';

/** What a user means to buy. Only the user themself can read it. */
export type Cart = {
  __typename?: 'Cart';
  /** The SKUs in the cart, the first added first. */
  lines: Array<CartLine>;
  /** The number of units over all lines. */
  totalQuantity: Scalars['Int']['output'];
};

/** One SKU in a cart. */
export type CartLine = {
  __typename?: 'CartLine';
  /** How many units: 1 to 99. */
  quantity: Scalars['Int']['output'];
  /** The SKU. Its fields (price, product...) come from the Product Center. */
  sku: Maybe<Sku>;
};

/** An amount of money in minor units (fen for CNY), so that prices add up without rounding. */
export type Money = {
  __typename?: 'Money';
  /** The amount in minor units: 12999 is ¥129.99. */
  amount: Scalars['Int']['output'];
  /** ISO-4217 currency code; always CNY today. */
  currency: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Adds units of a SKU to the signed-in user's cart (at most 99 units a SKU) and returns the cart. */
  addToCart: Cart;
  /** Cancels an unpaid order of the signed-in buyer and releases its stock; a paid order is a CONFLICT. */
  cancelOrder: Order;
  /** Internal, for the Payment Center: records the captured payment and commits the reserved stock. */
  markOrderPaid: Order;
  /**
   * Places an order: snapshots prices, titles and the shipping address, reserves the stock, and returns
   * the order waiting for payment. Fails with OUT_OF_STOCK when a SKU has too few units left.
   */
  placeOrder: Order;
  /** Takes a SKU out of the signed-in user's cart and returns the cart. */
  removeFromCart: Cart;
};


export type MutationAddToCartArgs = {
  quantity: Scalars['Int']['input'];
  skuId: Scalars['ID']['input'];
};


export type MutationCancelOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationMarkOrderPaidArgs = {
  orderId: Scalars['ID']['input'];
  paymentId: Scalars['ID']['input'];
};


export type MutationPlaceOrderArgs = {
  input: PlaceOrderInput;
};


export type MutationRemoveFromCartArgs = {
  skuId: Scalars['ID']['input'];
};

/**
 * A purchase: what a buyer ordered, at which prices, and where it goes. Owned by the Transaction Center
 * and visible to its buyer only.
 */
export type Order = {
  __typename?: 'Order';
  /** Who placed the order. Its fields come from the User Center. */
  buyer: Maybe<User>;
  /** Why the order was cancelled; null unless it was. */
  cancelReason: Maybe<CancelReason>;
  /** When the order was cancelled; null unless it was. */
  cancelledAt: Maybe<Scalars['DateTime']['output']>;
  /** When an unpaid order is cancelled automatically; null once it is paid or cancelled. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** What was ordered, in the order the buyer listed it. */
  lines: Array<OrderLine>;
  /** The number to quote to customer service, such as `ZT2026112300001234`. */
  number: Scalars['String']['output'];
  /** When the payment was captured; null until then. */
  paidAt: Maybe<Scalars['DateTime']['output']>;
  /** When the order was placed. */
  placedAt: Scalars['DateTime']['output'];
  /** Where the order is shipped, as the address read when it was placed; null when the buyer had none. */
  shippingAddress: Maybe<ShippingAddress>;
  /** Where the order is in its lifecycle. */
  status: OrderStatus;
  /** What the buyer pays: the sum of unit price times quantity over the lines. */
  total: Money;
};

/** A page of orders. */
export type OrderConnection = {
  __typename?: 'OrderConnection';
  /** The orders of this page, in order. */
  edges: Array<OrderEdge>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many orders match in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** One order of a page, with the cursor that points at it. */
export type OrderEdge = {
  __typename?: 'OrderEdge';
  /** Pass as `after` to get the orders that follow this one. */
  cursor: Scalars['String']['output'];
  /** The order. */
  node: Order;
};

/**
 * One SKU of an order. The title and unit price are snapshots taken when the order was placed, so later
 * price or title changes do not alter an order.
 */
export type OrderLine = {
  __typename?: 'OrderLine';
  /** The product the SKU belongs to. Its current fields come from the Product Center. */
  product: Maybe<Product>;
  /** How many units were ordered: 1 to 99. */
  quantity: Scalars['Int']['output'];
  /** The SKU ordered. Its current fields come from the Product Center. */
  sku: Maybe<Sku>;
  /** The product's title when the order was placed. */
  title: Scalars['String']['output'];
  /** The price of one unit when the order was placed. */
  unitPrice: Money;
};

/** One SKU to order. */
export type OrderLineInput = {
  /** How many units: 1 to 99. */
  quantity: Scalars['Int']['input'];
  /** The SKU to order. */
  skuId: Scalars['ID']['input'];
};

/** Where an order is in its lifecycle. */
export type OrderStatus =
  /** Cancelled before payment, by the buyer or because it expired; its stock is released. */
  | 'CANCELLED'
  /** Received by the buyer. */
  | 'DELIVERED'
  /** Paid; the seller has yet to ship it. */
  | 'PAID'
  /** Placed, stock reserved, waiting for the payment; cancelled automatically when it expires. */
  | 'PENDING_PAYMENT'
  /** Handed to the carrier. */
  | 'SHIPPED';

/** Where a page of a connection ends. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of this page's last edge, to pass as `after` for the next page; null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** What to order and where to send it. */
export type PlaceOrderInput = {
  /** One of the buyer's saved addresses; when absent, the default address if the buyer has one. */
  addressId?: InputMaybe<Scalars['ID']['input']>;
  /**
   * Chosen by the client for this checkout (1 to 100 characters), such as a UUID made when the checkout
   * page opened. Placing again with the same key returns the first order instead of making a second.
   */
  idempotencyKey: Scalars['String']['input'];
  /** 1 to 50 lines, each SKU at most once. */
  lines: Array<OrderLineInput>;
};

/**
 * Something a seller lists: the page a buyer sees, with the variants (SKUs) they can order.
 * Owned by the Product Center.
 */
export type Product = {
  __typename?: 'Product';
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** One of the signed-in buyer's orders, or null when there is no such order of theirs. */
  order: Maybe<Order>;
};


export type QueryOrderArgs = {
  id: Scalars['ID']['input'];
};

/**
 * What a buyer wrote about a product: a star rating with a title and a body. A user reviews a product
 * at most once. Owned by the Review Center.
 */
export type Review = {
  __typename?: 'Review';
  /** Who wrote the review. Its fields come from the User Center. */
  author: Maybe<User>;
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** The product the review is about. Its fields come from the Product Center. */
  product: Maybe<Product>;
  /** Whether the author has a paid order (paid, shipped or delivered) containing the product. */
  verifiedPurchase: Maybe<Scalars['Boolean']['output']>;
};

/** Where an order goes: a snapshot of one of the buyer's saved addresses, taken when the order was placed. */
export type ShippingAddress = {
  __typename?: 'ShippingAddress';
  /** City, such as 杭州市. */
  city: Scalars['String']['output'];
  /** District, such as 西湖区. */
  district: Scalars['String']['output'];
  /** Street, building and room. */
  line1: Scalars['String']['output'];
  /** The recipient's phone number. */
  phone: Scalars['String']['output'];
  /** Postal code, when the address has one. */
  postalCode: Maybe<Scalars['String']['output']>;
  /** Province, autonomous region or municipality, such as 浙江省 or 上海市. */
  province: Scalars['String']['output'];
  /** Who receives the parcel. */
  recipient: Scalars['String']['output'];
};

/** A variant of a product that can be put in a cart: one colour, size or capacity, with its own price. */
export type Sku = {
  __typename?: 'Sku';
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
};

/** A person with an account: a buyer, a seller, or both. Owned by the User Center. */
export type User = {
  __typename?: 'User';
  /** The user's cart. Only the user themself can read it: anyone else gets a FORBIDDEN error. */
  cart: Maybe<Cart>;
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** The user's orders, newest first. Only the user themself can read them: anyone else gets a FORBIDDEN error. */
  orders: Maybe<OrderConnection>;
};


/** A person with an account: a buyer, a seller, or both. Owned by the User Center. */
export type UserOrdersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<OrderStatus>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Order: Order;
  Review: Review;
  User: User;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  Review:
    ( { __typename: 'Review' }
    & GraphQLRecursivePick<FederationTypes['Review'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Review'], {"product":{"id":true},"author":{"id":true}}> ) );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CancelReason: CancelReason;
  Cart: ResolverTypeWrapper<CartModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  CartLine: ResolverTypeWrapper<CartLineRow>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  Money: ResolverTypeWrapper<Money>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Order: ResolverTypeWrapper<OrderRow>;
  OrderConnection: ResolverTypeWrapper<OrderConnectionModel>;
  OrderEdge: ResolverTypeWrapper<OrderEdgeModel>;
  OrderLine: ResolverTypeWrapper<OrderLineRow>;
  OrderLineInput: OrderLineInput;
  OrderStatus: OrderStatus;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PlaceOrderInput: PlaceOrderInput;
  Product: ResolverTypeWrapper<Product>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Review: ResolverTypeWrapper<ReviewRef>;
  ShippingAddress: ResolverTypeWrapper<ShippingAddress>;
  Sku: ResolverTypeWrapper<Sku>;
  User: ResolverTypeWrapper<UserRef>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Cart: CartModel;
  Int: Scalars['Int']['output'];
  CartLine: CartLineRow;
  DateTime: Scalars['DateTime']['output'];
  Money: Money;
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Order: OrderRow;
  OrderConnection: OrderConnectionModel;
  OrderEdge: OrderEdgeModel;
  OrderLine: OrderLineRow;
  OrderLineInput: OrderLineInput;
  PageInfo: PageInfo;
  Boolean: Scalars['Boolean']['output'];
  PlaceOrderInput: PlaceOrderInput;
  Product: Product;
  Query: Record<PropertyKey, never>;
  Review: ReviewRef;
  ShippingAddress: ShippingAddress;
  Sku: Sku;
  User: UserRef;
}>;

export type CartResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Cart'] = ResolversParentTypes['Cart']> = ResolversObject<{
  lines?: Resolver<Array<ResolversTypes['CartLine']>, ParentType, ContextType>;
  totalQuantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type CartLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['CartLine'] = ResolversParentTypes['CartLine']> = ResolversObject<{
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['Sku']>, ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type MoneyResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  addToCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationAddToCartArgs, 'quantity' | 'skuId'>>;
  cancelOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationCancelOrderArgs, 'id'>>;
  markOrderPaid?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationMarkOrderPaidArgs, 'orderId' | 'paymentId'>>;
  placeOrder?: Resolver<ResolversTypes['Order'], ParentType, ContextType, RequireFields<MutationPlaceOrderArgs, 'input'>>;
  removeFromCart?: Resolver<ResolversTypes['Cart'], ParentType, ContextType, RequireFields<MutationRemoveFromCartArgs, 'skuId'>>;
}>;

export type OrderResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  buyer?: Resolver<Maybe<ResolversTypes['User']>, ParentType, ContextType>;
  cancelReason?: Resolver<Maybe<ResolversTypes['CancelReason']>, ParentType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lines?: Resolver<Array<ResolversTypes['OrderLine']>, ParentType, ContextType>;
  number?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  paidAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  placedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  shippingAddress?: Resolver<Maybe<ResolversTypes['ShippingAddress']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['OrderStatus'], ParentType, ContextType>;
  total?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type OrderConnectionResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderConnection'] = ResolversParentTypes['OrderConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['OrderEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OrderEdgeResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderEdge'] = ResolversParentTypes['OrderEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Order'], ParentType, ContextType>;
}>;

export type OrderLineResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['OrderLine'] = ResolversParentTypes['OrderLine']> = ResolversObject<{
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['Sku']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unitPrice?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType, RequireFields<QueryOrderArgs, 'id'>>;
}>;

export type ReviewResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review'], FederationReferenceType extends FederationReferenceTypes['Review'] = FederationReferenceTypes['Review']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Review']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  verifiedPurchase?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
}>;

export type ShippingAddressResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['ShippingAddress'] = ResolversParentTypes['ShippingAddress']> = ResolversObject<{
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  district?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  line1?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  phone?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  postalCode?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  province?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  recipient?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SkuResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = OrdersContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cart?: Resolver<Maybe<ResolversTypes['Cart']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  orders?: Resolver<Maybe<ResolversTypes['OrderConnection']>, ParentType, ContextType, Partial<UserOrdersArgs>>;
}>;

export type Resolvers<ContextType = OrdersContext> = ResolversObject<{
  Cart?: CartResolvers<ContextType>;
  CartLine?: CartLineResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  OrderConnection?: OrderConnectionResolvers<ContextType>;
  OrderEdge?: OrderEdgeResolvers<ContextType>;
  OrderLine?: OrderLineResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  ShippingAddress?: ShippingAddressResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
}>;

