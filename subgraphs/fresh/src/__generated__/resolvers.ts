import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { StoreRow, PickupSlotRow, PickupBookingRow, FreshStockRow } from '../db/schema.ts';
import type { ProductRef, SkuRef, OrderRef, StoreConnectionModel, StoreEdgeModel, PickupSlotConnectionModel, PickupSlotEdgeModel, FreshStockConnectionModel, FreshStockEdgeModel } from '../models.ts';
import type { FreshContext } from '../context.ts';
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

/** A place in a pickup slot to book. */
export type BookPickupSlotInput = {
  /**
   * Made once per booking attempt by the client: the same key twice (even at the same time) returns the
   * first booking, never a second one; reusing it for another slot or order is a CONFLICT error.
   */
  idempotencyKey: Scalars['String']['input'];
  /** The buyer's order to collect in the slot; it must be the buyer's own and not cancelled. */
  orderId?: InputMaybe<Scalars['ID']['input']>;
  /** The slot to book; it must exist, not have started and have a place left. */
  slotId: Scalars['ID']['input'];
};

/** How much of one SKU a store has on its shelves, and until when it is good. */
export type FreshStock = {
  __typename?: 'FreshStock';
  /** Units on the store's shelves now. */
  available: Scalars['Int']['output'];
  /** When the current batch is no longer sold. */
  bestBefore: Scalars['DateTime']['output'];
  /** Whether at least one unit is on the shelves. */
  inStock: Scalars['Boolean']['output'];
  /** The product the SKU belongs to. Its fields come from the Product Center. */
  product: Maybe<Product>;
  /** The SKU stocked. Its fields come from the Product Center. */
  sku: Maybe<Sku>;
  /** The store holding the stock. */
  store: Store;
};

/** A page of a store's fresh stock. */
export type FreshStockConnection = {
  __typename?: 'FreshStockConnection';
  /** The entries of this page, in order. */
  edges: Array<FreshStockEdge>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many SKUs the store stocks, in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** One fresh-stock entry of a page, with the cursor that points at it. */
export type FreshStockEdge = {
  __typename?: 'FreshStockEdge';
  /** Pass as `after` to get the entries that follow this one. */
  cursor: Scalars['String']['output'];
  /** The stock entry. */
  node: FreshStock;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Books a place in a pickup slot as the signed-in buyer, in one transaction that never overbooks the
   * slot. Errors: UNAUTHENTICATED when signed out; BAD_USER_INPUT for an unknown slot or order, an empty
   * or over-long idempotency key, or a slot that has already started; CONFLICT with `reason: SLOT_FULL`
   * when no place is left, `reason: ORDER_ALREADY_BOOKED` when the order already has a pickup, and
   * `reason: IDEMPOTENCY_KEY_REUSED` when the key was used for another slot or order.
   */
  bookPickupSlot: PickupBooking;
  /**
   * Cancels one of the signed-in buyer's bookings and gives its place back to the slot. Cancelling a
   * cancelled booking returns it unchanged; a collected one is a CONFLICT error; someone else's, or an
   * unknown id, is NOT_FOUND.
   */
  cancelPickupBooking: PickupBooking;
};


export type MutationBookPickupSlotArgs = {
  input: BookPickupSlotInput;
};


export type MutationCancelPickupBookingArgs = {
  id: Scalars['ID']['input'];
};

/**
 * A purchase: what a buyer ordered, at which prices, and where it goes. Owned by the Transaction Center
 * and visible to its buyer only.
 */
export type Order = {
  __typename?: 'Order';
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** The order's active pickup booking; null when it has none. Visible to the buyer only. */
  pickup: Maybe<PickupBooking>;
};

/** Where a page of a connection ends. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of this page's last edge, to pass as `after` for the next page; null on an empty page. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** Whether another page follows this one. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A buyer's place in a pickup slot, optionally for one of their orders. Visible to that buyer only. */
export type PickupBooking = {
  __typename?: 'PickupBooking';
  /** When the booking was cancelled; null unless it was. */
  cancelledAt: Maybe<Scalars['DateTime']['output']>;
  /** When the booking was made. */
  createdAt: Scalars['DateTime']['output'];
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** The order to collect, when the booking names one. Its fields come from the Transaction Center. */
  order: Maybe<Order>;
  /** The six-digit code to show at the store's counter. */
  pickupCode: Scalars['String']['output'];
  /** The slot booked. */
  slot: PickupSlot;
  /** Where the booking stands. */
  status: PickupBookingStatus;
  /** The store to collect from. */
  store: Store;
};

/** Where a buyer's pickup stands. */
export type PickupBookingStatus =
  /** Booked: the place in the slot is held. */
  | 'BOOKED'
  /** Cancelled by the buyer; the place went back to the slot. */
  | 'CANCELLED'
  /** Collected at the store. */
  | 'COLLECTED';

/** A time window in which a store hands over orders, with a fixed number of places. */
export type PickupSlot = {
  __typename?: 'PickupSlot';
  /** Whether the slot can still be booked: it has places left and has not started. */
  available: Scalars['Boolean']['output'];
  /** How many bookings the slot takes in all. */
  capacity: Scalars['Int']['output'];
  /** When the window closes. */
  endsAt: Scalars['DateTime']['output'];
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** How many places are still free: capacity minus active bookings, never below zero. */
  remaining: Scalars['Int']['output'];
  /** When the window opens. */
  startsAt: Scalars['DateTime']['output'];
  /** The store the slot belongs to. */
  store: Store;
};

/** A page of pickup slots. */
export type PickupSlotConnection = {
  __typename?: 'PickupSlotConnection';
  /** The slots of this page, soonest first. */
  edges: Array<PickupSlotEdge>;
  /** Where this page ends. */
  pageInfo: PageInfo;
};

/** One pickup slot of a page, with the cursor that points at it. */
export type PickupSlotEdge = {
  __typename?: 'PickupSlotEdge';
  /** Pass as `after` to get the slots that follow this one. */
  cursor: Scalars['String']['output'];
  /** The slot. */
  node: PickupSlot;
};

/**
 * Something a seller lists: the page a buyer sees, with the variants (SKUs) they can order.
 * Owned by the Product Center.
 */
export type Product = {
  __typename?: 'Product';
  /** What Fresh stores have of this product's SKUs: at one store when `storeId` is given, else at every store. */
  freshStock: Maybe<Array<FreshStock>>;
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
};


/**
 * Something a seller lists: the page a buyer sees, with the variants (SKUs) they can order.
 * Owned by the Product Center.
 */
export type ProductFreshStockArgs = {
  storeId?: InputMaybe<Scalars['ID']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One of the signed-in buyer's pickup bookings, or null when there is none (or it is someone else's). */
  pickupBooking: Maybe<PickupBooking>;
  /** A pickup slot by id, or null when there is none. */
  pickupSlot: Maybe<PickupSlot>;
  /** A store by id, or null when there is none. */
  store: Maybe<Store>;
  /** The store finder: stores by name, optionally in one city (exact match, such as 上海市). */
  stores: StoreConnection;
};


export type QueryPickupBookingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPickupSlotArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStoreArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStoresArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  city?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A variant of a product that can be put in a cart: one colour, size or capacity, with its own price. */
export type Sku = {
  __typename?: 'Sku';
  /** This SKU's stock at one Fresh store; null when the store does not carry it. */
  freshStock: Maybe<FreshStock>;
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
};


/** A variant of a product that can be put in a cart: one colour, size or capacity, with its own price. */
export type SkuFreshStockArgs = {
  storeId: Scalars['ID']['input'];
};

/** A Fresh store where buyers collect their groceries. Owned by the Fresh business line. */
export type Store = {
  __typename?: 'Store';
  /** Street and building. */
  address: Scalars['String']['output'];
  /** The city the store is in, such as 杭州市. */
  city: Scalars['String']['output'];
  /** When the store closes each day, local time, such as `22:00`. */
  closesAt: Scalars['String']['output'];
  /** The district the store is in, such as 西湖区. */
  district: Scalars['String']['output'];
  /** The fresh products this store stocks, in a stable order. */
  freshStock: FreshStockConnection;
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** Latitude in degrees (WGS 84), for the store finder's map. */
  latitude: Scalars['Float']['output'];
  /** Longitude in degrees (WGS 84), for the store finder's map. */
  longitude: Scalars['Float']['output'];
  /** The store's name, such as `盒马鲜生 西湖店`. */
  name: Scalars['String']['output'];
  /** When the store opens each day, local time, such as `07:00`. */
  opensAt: Scalars['String']['output'];
  /** The store's pickup slots that have not started yet, soonest first. */
  pickupSlots: PickupSlotConnection;
};


/** A Fresh store where buyers collect their groceries. Owned by the Fresh business line. */
export type StoreFreshStockArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** A Fresh store where buyers collect their groceries. Owned by the Fresh business line. */
export type StorePickupSlotsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['DateTime']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  onlyAvailable?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A page of stores. */
export type StoreConnection = {
  __typename?: 'StoreConnection';
  /** The stores of this page, in order. */
  edges: Array<StoreEdge>;
  /** Where this page ends. */
  pageInfo: PageInfo;
  /** How many stores match, in all pages together. */
  totalCount: Scalars['Int']['output'];
};

/** One store of a page, with the cursor that points at it. */
export type StoreEdge = {
  __typename?: 'StoreEdge';
  /** Pass as `after` to get the stores that follow this one. */
  cursor: Scalars['String']['output'];
  /** The store. */
  node: Store;
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
  PickupBooking: PickupBooking;
  PickupSlot: PickupSlot;
  Product: Product;
  Sku: Sku;
  Store: Store;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Order:
    ( { __typename: 'Order' }
    & GraphQLRecursivePick<FederationTypes['Order'], {"id":true}> );
  PickupBooking:
    ( { __typename: 'PickupBooking' }
    & GraphQLRecursivePick<FederationTypes['PickupBooking'], {"id":true}> );
  PickupSlot:
    ( { __typename: 'PickupSlot' }
    & GraphQLRecursivePick<FederationTypes['PickupSlot'], {"id":true}> );
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}> );
  Sku:
    ( { __typename: 'Sku' }
    & GraphQLRecursivePick<FederationTypes['Sku'], {"id":true}> );
  Store:
    ( { __typename: 'Store' }
    & GraphQLRecursivePick<FederationTypes['Store'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  BookPickupSlotInput: BookPickupSlotInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  FreshStock: ResolverTypeWrapper<FreshStockRow>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  FreshStockConnection: ResolverTypeWrapper<FreshStockConnectionModel>;
  FreshStockEdge: ResolverTypeWrapper<FreshStockEdgeModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Order: ResolverTypeWrapper<OrderRef>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PickupBooking: ResolverTypeWrapper<PickupBookingRow>;
  PickupBookingStatus: PickupBookingStatus;
  PickupSlot: ResolverTypeWrapper<PickupSlotRow>;
  PickupSlotConnection: ResolverTypeWrapper<PickupSlotConnectionModel>;
  PickupSlotEdge: ResolverTypeWrapper<PickupSlotEdgeModel>;
  Product: ResolverTypeWrapper<ProductRef>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Sku: ResolverTypeWrapper<SkuRef>;
  Store: ResolverTypeWrapper<StoreRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  StoreConnection: ResolverTypeWrapper<StoreConnectionModel>;
  StoreEdge: ResolverTypeWrapper<StoreEdgeModel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  BookPickupSlotInput: BookPickupSlotInput;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  DateTime: Scalars['DateTime']['output'];
  FreshStock: FreshStockRow;
  Int: Scalars['Int']['output'];
  Boolean: Scalars['Boolean']['output'];
  FreshStockConnection: FreshStockConnectionModel;
  FreshStockEdge: FreshStockEdgeModel;
  Mutation: Record<PropertyKey, never>;
  Order: OrderRef;
  PageInfo: PageInfo;
  PickupBooking: PickupBookingRow;
  PickupSlot: PickupSlotRow;
  PickupSlotConnection: PickupSlotConnectionModel;
  PickupSlotEdge: PickupSlotEdgeModel;
  Product: ProductRef;
  Query: Record<PropertyKey, never>;
  Sku: SkuRef;
  Store: StoreRow;
  Float: Scalars['Float']['output'];
  StoreConnection: StoreConnectionModel;
  StoreEdge: StoreEdgeModel;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type FreshStockResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['FreshStock'] = ResolversParentTypes['FreshStock']> = ResolversObject<{
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  bestBefore?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  inStock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  product?: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType>;
  sku?: Resolver<Maybe<ResolversTypes['Sku']>, ParentType, ContextType>;
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
}>;

export type FreshStockConnectionResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['FreshStockConnection'] = ResolversParentTypes['FreshStockConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['FreshStockEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type FreshStockEdgeResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['FreshStockEdge'] = ResolversParentTypes['FreshStockEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['FreshStock'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  bookPickupSlot?: Resolver<ResolversTypes['PickupBooking'], ParentType, ContextType, RequireFields<MutationBookPickupSlotArgs, 'input'>>;
  cancelPickupBooking?: Resolver<ResolversTypes['PickupBooking'], ParentType, ContextType, RequireFields<MutationCancelPickupBookingArgs, 'id'>>;
}>;

export type OrderResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['Order'] = ResolversParentTypes['Order'], FederationReferenceType extends FederationReferenceTypes['Order'] = FederationReferenceTypes['Order']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Order']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pickup?: Resolver<Maybe<ResolversTypes['PickupBooking']>, ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PickupBookingResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['PickupBooking'] = ResolversParentTypes['PickupBooking'], FederationReferenceType extends FederationReferenceTypes['PickupBooking'] = FederationReferenceTypes['PickupBooking']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PickupBooking']> | FederationReferenceType, FederationReferenceType, ContextType>;
  cancelledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  order?: Resolver<Maybe<ResolversTypes['Order']>, ParentType, ContextType>;
  pickupCode?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slot?: Resolver<ResolversTypes['PickupSlot'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['PickupBookingStatus'], ParentType, ContextType>;
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
}>;

export type PickupSlotResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['PickupSlot'] = ResolversParentTypes['PickupSlot'], FederationReferenceType extends FederationReferenceTypes['PickupSlot'] = FederationReferenceTypes['PickupSlot']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PickupSlot']> | FederationReferenceType, FederationReferenceType, ContextType>;
  available?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  capacity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  endsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startsAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  store?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
}>;

export type PickupSlotConnectionResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['PickupSlotConnection'] = ResolversParentTypes['PickupSlotConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PickupSlotEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type PickupSlotEdgeResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['PickupSlotEdge'] = ResolversParentTypes['PickupSlotEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PickupSlot'], ParentType, ContextType>;
}>;

export type ProductResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  freshStock?: Resolver<Maybe<Array<ResolversTypes['FreshStock']>>, ParentType, ContextType, Partial<ProductFreshStockArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  pickupBooking?: Resolver<Maybe<ResolversTypes['PickupBooking']>, ParentType, ContextType, RequireFields<QueryPickupBookingArgs, 'id'>>;
  pickupSlot?: Resolver<Maybe<ResolversTypes['PickupSlot']>, ParentType, ContextType, RequireFields<QueryPickupSlotArgs, 'id'>>;
  store?: Resolver<Maybe<ResolversTypes['Store']>, ParentType, ContextType, RequireFields<QueryStoreArgs, 'id'>>;
  stores?: Resolver<ResolversTypes['StoreConnection'], ParentType, ContextType, Partial<QueryStoresArgs>>;
}>;

export type SkuResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku'], FederationReferenceType extends FederationReferenceTypes['Sku'] = FederationReferenceTypes['Sku']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Sku']> | FederationReferenceType, FederationReferenceType, ContextType>;
  freshStock?: Resolver<Maybe<ResolversTypes['FreshStock']>, ParentType, ContextType, RequireFields<SkuFreshStockArgs, 'storeId'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type StoreResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['Store'] = ResolversParentTypes['Store'], FederationReferenceType extends FederationReferenceTypes['Store'] = FederationReferenceTypes['Store']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Store']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  closesAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  district?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  freshStock?: Resolver<ResolversTypes['FreshStockConnection'], ParentType, ContextType, Partial<StoreFreshStockArgs>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  longitude?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  opensAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pickupSlots?: Resolver<ResolversTypes['PickupSlotConnection'], ParentType, ContextType, Partial<StorePickupSlotsArgs>>;
}>;

export type StoreConnectionResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['StoreConnection'] = ResolversParentTypes['StoreConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['StoreEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type StoreEdgeResolvers<ContextType = FreshContext, ParentType extends ResolversParentTypes['StoreEdge'] = ResolversParentTypes['StoreEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Store'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = FreshContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  FreshStock?: FreshStockResolvers<ContextType>;
  FreshStockConnection?: FreshStockConnectionResolvers<ContextType>;
  FreshStockEdge?: FreshStockEdgeResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Order?: OrderResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PickupBooking?: PickupBookingResolvers<ContextType>;
  PickupSlot?: PickupSlotResolvers<ContextType>;
  PickupSlotConnection?: PickupSlotConnectionResolvers<ContextType>;
  PickupSlotEdge?: PickupSlotEdgeResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
  Store?: StoreResolvers<ContextType>;
  StoreConnection?: StoreConnectionResolvers<ContextType>;
  StoreEdge?: StoreEdgeResolvers<ContextType>;
}>;

