import {
  type CallContext,
  type CenterClient,
  CLIENT_ERROR_CODES,
  centerClient,
  type Logger,
  type RequestSigner,
} from '@zhongtai/subgraph-kit';
import { GraphQLError } from 'graphql';
import type { ShippingAddressSnapshot } from './db/schema.ts';

/**
 * The centers this one calls directly (not through the router), each call carrying the caller's
 * identity: products for price and title snapshots, users for the shipping address, inventory for
 * stock reservations, payments to check a payment it is told pays an order.
 */
export interface CenterClients {
  products: CenterClient;
  users: CenterClient;
  inventory: CenterClient;
  payments: CenterClient;
}

export function createCenterClients(
  urls: Readonly<Record<string, string>> | undefined,
  trust: { signer: RequestSigner },
  logger: Logger,
): CenterClients {
  const client = (name: string) => centerClient(name, urls, trust, logger);
  return {
    products: client('products'),
    users: client('users'),
    inventory: client('inventory'),
    payments: client('payments'),
  };
}

/** What an order keeps of a SKU as it was when the order was placed. */
export interface SkuSnapshot {
  id: string;
  productId: string;
  title: string;
  price: number;
  currency: string;
}

const SKU_SNAPSHOTS = /* GraphQL */ `
  query OrderSkuSnapshots($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Sku { id price { amount currency } product { id title } }
    }
  }
`;

interface SkuEntity {
  id: string;
  price: { amount: number; currency: string };
  product: { id: string; title: string };
}

/** The current price and product title of each SKU, in one call; SKUs that do not exist are left out. */
export async function fetchSkuSnapshots(
  products: CenterClient,
  skuIds: readonly string[],
  call: CallContext,
): Promise<Map<string, SkuSnapshot>> {
  if (skuIds.length === 0) return new Map();
  const data = await products.request<{ _entities: (SkuEntity | null)[] }>(
    SKU_SNAPSHOTS,
    { representations: skuIds.map((id) => ({ __typename: 'Sku', id })) },
    call,
  );
  const snapshots = new Map<string, SkuSnapshot>();
  for (const sku of data._entities) {
    if (!sku?.id) continue;
    snapshots.set(sku.id, {
      id: sku.id,
      productId: sku.product.id,
      title: sku.product.title,
      price: sku.price.amount,
      currency: sku.price.currency,
    });
  }
  return snapshots;
}

const BUYER_ADDRESSES = /* GraphQL */ `
  query OrderBuyerAddresses($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on User { id addresses { id recipient phone province city district line1 postalCode isDefault } }
    }
  }
`;

type AddressEntity = ShippingAddressSnapshot & { id: string; isDefault: boolean };

/**
 * The buyer's saved addresses. The call carries the buyer's identity, and the User Center shows a
 * user's addresses to that user only, so no one can ship to an address that is not theirs.
 */
export async function fetchAddresses(
  users: CenterClient,
  buyerId: string,
  call: CallContext,
): Promise<AddressEntity[]> {
  const data = await users.request<{ _entities: ({ addresses: AddressEntity[] | null } | null)[] }>(
    BUYER_ADDRESSES,
    { representations: [{ __typename: 'User', id: buyerId }] },
    call,
  );
  return data._entities[0]?.addresses ?? [];
}

export interface ReservationLine {
  skuId: string;
  quantity: number;
}

const RESERVE_STOCK = /* GraphQL */ `
  mutation OrderReserveStock($input: ReserveStockInput!) {
    reserveStock(input: $input) { reference status lines { skuId quantity } }
  }
`;

const RELEASE_RESERVATION = /* GraphQL */ `
  mutation OrderReleaseReservation($reference: ID!) {
    releaseReservation(reference: $reference) { reference status }
  }
`;

const COMMIT_RESERVATION = /* GraphQL */ `
  mutation OrderCommitReservation($reference: ID!) {
    commitReservation(reference: $reference) { reference status }
  }
`;

/** Reserves the order's stock under the order's id; OUT_OF_STOCK from the inventory passes through. */
export async function reserveStock(
  inventory: CenterClient,
  reference: string,
  lines: readonly ReservationLine[],
  call: CallContext,
): Promise<void> {
  await inventory.request(RESERVE_STOCK, { input: { reference, lines } }, call);
}

/** Gives the order's reserved stock back. A reservation the inventory does not know is nothing to release. */
export async function releaseReservation(
  inventory: CenterClient,
  reference: string,
  call: CallContext,
): Promise<void> {
  try {
    await inventory.request(RELEASE_RESERVATION, { reference }, call);
  } catch (error) {
    if (codeOf(error) !== 'NOT_FOUND') throw error;
  }
}

/** Turns the order's reservation into a sale once the order is paid. */
export async function commitReservation(
  inventory: CenterClient,
  reference: string,
  call: CallContext,
): Promise<void> {
  await inventory.request(COMMIT_RESERVATION, { reference }, call);
}

export const codeOf = (error: unknown): string | undefined =>
  error instanceof GraphQLError ? (error.extensions.code as string | undefined) : undefined;

/** Whether another center refused a call as a client error, so that it changed nothing there. */
export const isClientError = (error: unknown): boolean => CLIENT_ERROR_CODES.has(codeOf(error) ?? '');

/** A payment as the Payment Center reports it, for checking what it is said to pay. */
export interface ReportedPayment {
  id: string;
  status: string;
  amount: { amount: number; currency: string };
  order: { id: string };
}

const PAYMENT = /* GraphQL */ `
  query OrderPaymentCheck($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Payment { id status amount { amount currency } order { id } }
    }
  }
`;

/**
 * The payment as the Payment Center has it, asked as the caller (the payer): null for a payment that
 * does not exist and for someone else's, which that center does not tell apart.
 */
export async function fetchPayment(
  payments: CenterClient,
  paymentId: string,
  call: CallContext,
): Promise<ReportedPayment | null> {
  const data = await payments.request<{ _entities: (ReportedPayment | null)[] }>(
    PAYMENT,
    { representations: [{ __typename: 'Payment', id: paymentId }] },
    call,
  );
  const payment = data._entities[0] ?? null;
  return payment?.id === paymentId ? payment : null;
}
