import type { GraphQLResolveInfo } from 'graphql';
import type { SkuRef, ProductRef, StockLevel, ReservationModel, ReservationLineModel } from '../models.ts';
import type { InventoryContext } from '../context.ts';
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
  _FieldSet: { input: unknown; output: unknown; }
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
  /**
   * Marks a reserved order's stock as gone (order paid). Committing a committed reservation changes
   * nothing; committing a released one is a CONFLICT error. Null for an unknown reference.
   */
  commitReservation: Maybe<Reservation>;
  /**
   * Gives a reserved order's stock back (order cancelled or expired). Releasing a released reservation
   * changes nothing; releasing a committed one is a CONFLICT error. Null for an unknown reference.
   */
  releaseReservation: Maybe<Reservation>;
  /**
   * Takes stock for an order, all lines or none: a line that cannot be filled fails the whole call with
   * OUT_OF_STOCK (extensions: skuId, requested, available). Idempotent: a reference that already has a
   * reservation returns it unchanged and takes nothing.
   */
  reserveStock: Reservation;
};


export type MutationCommitReservationArgs = {
  reference: Scalars['ID']['input'];
};


export type MutationReleaseReservationArgs = {
  reference: Scalars['ID']['input'];
};


export type MutationReserveStockArgs = {
  input: ReserveStockInput;
};

/**
 * Something a seller lists: the page a buyer sees, with the variants (SKUs) they can order.
 * Owned by the Product Center.
 */
export type Product = {
  __typename?: 'Product';
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** Whether at least one of the product's SKUs is in stock. */
  inStock: Maybe<Scalars['Boolean']['output']>;
  /** The variants a buyer can order, in the seller's order. */
  skus: Array<Sku>;
};

/** The stock an order holds. */
export type Reservation = {
  __typename?: 'Reservation';
  /** The SKUs and quantities held, one line a SKU, ordered by SKU id. */
  lines: Array<ReservationLine>;
  /** The order's id, given when the stock was reserved. */
  reference: Scalars['ID']['output'];
  /** Where the reservation is in its life. */
  status: ReservationStatus;
};

/** One SKU of a reservation. */
export type ReservationLine = {
  __typename?: 'ReservationLine';
  /** How many units are held. */
  quantity: Scalars['Int']['output'];
  /** The SKU held. */
  skuId: Scalars['ID']['output'];
};

/** The life of a reservation: RESERVED, then either RELEASED (stock given back) or COMMITTED (stock gone). */
export type ReservationStatus =
  /** The units left the warehouse's stock: the order was paid. */
  | 'COMMITTED'
  /** The units went back to `available`: the order was cancelled or expired. */
  | 'RELEASED'
  /** The units are held: counted in `reserved`, not in `available`. */
  | 'RESERVED';

/** One SKU and how many units of it to reserve. */
export type ReserveLineInput = {
  /** How many units, 1 to 999. */
  quantity: Scalars['Int']['input'];
  /** The SKU to reserve. */
  skuId: Scalars['ID']['input'];
};

/** What an order wants to reserve. */
export type ReserveStockInput = {
  /** The SKUs and quantities to reserve; at least one line. */
  lines: Array<ReserveLineInput>;
  /** The order's id: one reservation per order, however often the call is retried. */
  reference: Scalars['ID']['input'];
};

/** How a parcel would travel to a province: carrier, price and delivery time. */
export type ShippingEstimate = {
  __typename?: 'ShippingEstimate';
  /** The courier that would carry the parcel, such as 中通快递, EMS or 顺丰速运. */
  carrier: Scalars['String']['output'];
  /** The shipping fee: a first-kilogram price plus a price for each further started kilogram. */
  cost: Money;
  /** The most days the delivery usually takes. */
  maxDays: Scalars['Int']['output'];
  /** The fewest days the delivery usually takes. */
  minDays: Scalars['Int']['output'];
  /** The destination, by its full name, such as 广西壮族自治区. */
  province: Scalars['String']['output'];
};

/** A variant of a product that can be put in a cart: one colour, size or capacity, with its own price. */
export type Sku = {
  __typename?: 'Sku';
  /** Opaque, stable identifier. */
  id: Scalars['ID']['output'];
  /** Whether at least one unit can be ordered now. */
  inStock: Maybe<Scalars['Boolean']['output']>;
  /** What delivering one unit of this SKU from our Hangzhou (浙江省) warehouse costs and how long it takes. */
  shippingEstimate: Maybe<ShippingEstimate>;
  /** How many units can be ordered now, and how many are held by orders waiting for payment. A SKU with no stock record has none. */
  stock: Maybe<Stock>;
  /** Shipping weight in grams, packaging included. */
  weightGrams: Scalars['Int']['output'];
};


/** A variant of a product that can be put in a cart: one colour, size or capacity, with its own price. */
export type SkuShippingEstimateArgs = {
  province: Scalars['String']['input'];
};

/** The stock of one SKU in the warehouse. */
export type Stock = {
  __typename?: 'Stock';
  /** Units that can be ordered now; never below zero. */
  available: Scalars['Int']['output'];
  /** Units held by placed orders that are waiting for their payment. */
  reserved: Scalars['Int']['output'];
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
  Product: Product;
  Sku: Sku;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Product:
    ( { __typename: 'Product' }
    & GraphQLRecursivePick<FederationTypes['Product'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Product'], {"skus":{"id":true}}> ) );
  Sku:
    ( { __typename: 'Sku' }
    & GraphQLRecursivePick<FederationTypes['Sku'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Sku'], {"weightGrams":true}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Money: ResolverTypeWrapper<Money>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Product: ResolverTypeWrapper<ProductRef>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Reservation: ResolverTypeWrapper<ReservationModel>;
  ReservationLine: ResolverTypeWrapper<ReservationLineModel>;
  ReservationStatus: ReservationStatus;
  ReserveLineInput: ReserveLineInput;
  ReserveStockInput: ReserveStockInput;
  ShippingEstimate: ResolverTypeWrapper<ShippingEstimate>;
  Sku: ResolverTypeWrapper<SkuRef>;
  Stock: ResolverTypeWrapper<StockLevel>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Money: Money;
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Product: ProductRef;
  Boolean: Scalars['Boolean']['output'];
  Reservation: ReservationModel;
  ReservationLine: ReservationLineModel;
  ReserveLineInput: ReserveLineInput;
  ReserveStockInput: ReserveStockInput;
  ShippingEstimate: ShippingEstimate;
  Sku: SkuRef;
  Stock: StockLevel;
}>;

export type MoneyResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Money'] = ResolversParentTypes['Money']> = ResolversObject<{
  amount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  commitReservation?: Resolver<Maybe<ResolversTypes['Reservation']>, ParentType, ContextType, RequireFields<MutationCommitReservationArgs, 'reference'>>;
  releaseReservation?: Resolver<Maybe<ResolversTypes['Reservation']>, ParentType, ContextType, RequireFields<MutationReleaseReservationArgs, 'reference'>>;
  reserveStock?: Resolver<ResolversTypes['Reservation'], ParentType, ContextType, RequireFields<MutationReserveStockArgs, 'input'>>;
}>;

export type ProductResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'], FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Product']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inStock?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
}>;

export type ReservationResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Reservation'] = ResolversParentTypes['Reservation']> = ResolversObject<{
  lines?: Resolver<Array<ResolversTypes['ReservationLine']>, ParentType, ContextType>;
  reference?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ReservationStatus'], ParentType, ContextType>;
}>;

export type ReservationLineResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['ReservationLine'] = ResolversParentTypes['ReservationLine']> = ResolversObject<{
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  skuId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type ShippingEstimateResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['ShippingEstimate'] = ResolversParentTypes['ShippingEstimate']> = ResolversObject<{
  carrier?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  cost?: Resolver<ResolversTypes['Money'], ParentType, ContextType>;
  maxDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  province?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type SkuResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Sku'] = ResolversParentTypes['Sku'], FederationReferenceType extends FederationReferenceTypes['Sku'] = FederationReferenceTypes['Sku']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Sku']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inStock?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  shippingEstimate?: Resolver<Maybe<ResolversTypes['ShippingEstimate']>, ParentType, ContextType, RequireFields<SkuShippingEstimateArgs, 'province'>>;
  stock?: Resolver<Maybe<ResolversTypes['Stock']>, ParentType, ContextType>;
}>;

export type StockResolvers<ContextType = InventoryContext, ParentType extends ResolversParentTypes['Stock'] = ResolversParentTypes['Stock']> = ResolversObject<{
  available?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reserved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = InventoryContext> = ResolversObject<{
  Money?: MoneyResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  Reservation?: ReservationResolvers<ContextType>;
  ReservationLine?: ReservationLineResolvers<ContextType>;
  ShippingEstimate?: ShippingEstimateResolvers<ContextType>;
  Sku?: SkuResolvers<ContextType>;
  Stock?: StockResolvers<ContextType>;
}>;

