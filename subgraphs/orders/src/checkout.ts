import {
  badUserInput,
  type CallContext,
  type Database,
  isId,
  type Logger,
  newId,
} from '@zhongtai/subgraph-kit';
import type { CenterClients } from './centers.ts';
import {
  fetchAddresses,
  fetchSkuSnapshots,
  isClientError,
  type ReservationLine,
  releaseReservation,
  reserveStock,
} from './centers.ts';
import type { OrdersSchema } from './db/index.ts';
import type { OrderLineRow, OrderRow, ShippingAddressSnapshot } from './db/schema.ts';
import {
  completePendingOrder,
  findOrderByIdempotencyKey,
  insertOrderLines,
  insertPendingOrder,
} from './repositories/orders.ts';

export const MAX_ORDER_LINES = 50;
export const MAX_LINE_QUANTITY = 99;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 100;
// Money is a GraphQL Int: a total beyond it could not be shown, let alone paid.
const MAX_TOTAL = 2_147_483_647;

export interface PlaceOrderInput {
  lines: readonly { skuId: string; quantity: number }[];
  addressId?: string | null;
  idempotencyKey: string;
}

/** Checks an order's input before anything is stored or asked of another center. */
export function checkPlaceOrderInput(input: PlaceOrderInput): ReservationLine[] {
  const key = input.idempotencyKey;
  if (key.trim().length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw badUserInput(
      `"idempotencyKey" must have 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`,
      'idempotencyKey',
    );
  }
  if (input.lines.length === 0 || input.lines.length > MAX_ORDER_LINES) {
    throw badUserInput(`An order has 1 to ${MAX_ORDER_LINES} lines, got ${input.lines.length}.`, 'lines');
  }
  if (input.addressId !== null && input.addressId !== undefined && !isId(input.addressId)) {
    throw badUserInput(`There is no address ${input.addressId} of yours.`, 'addressId');
  }
  const seen = new Set<string>();
  return input.lines.map(({ skuId, quantity }, i) => {
    if (!isId(skuId)) throw badUserInput(`There is no SKU ${skuId}.`, `lines.${i}.skuId`);
    if (seen.has(skuId)) {
      throw badUserInput(`SKU ${skuId} is on two lines; give each SKU once.`, `lines.${i}.skuId`);
    }
    seen.add(skuId);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_LINE_QUANTITY) {
      throw badUserInput(
        `The quantity of SKU ${skuId} must be 1 to ${MAX_LINE_QUANTITY}, got ${quantity}.`,
        `lines.${i}.quantity`,
      );
    }
    return { skuId, quantity };
  });
}

export interface CheckoutDeps {
  db: Database<OrdersSchema>;
  centers: CenterClients;
  orderTtlSeconds: number;
  logger: Logger;
}

export interface PlacedOrder {
  order: OrderRow;
  /** The lines just written; null when the order already existed (the same idempotency key). */
  lines: OrderLineRow[] | null;
}

/**
 * Places an order in one database transaction: the order row first (a repeated idempotency key finds
 * the existing order and stops there), then the price, title and address snapshots from the Product
 * and User Centers, the lines and total, and last the stock reservation in the Inventory Center,
 * just before the commit. A failure after the reservation releases it; nothing is left behind.
 */
export async function placeOrder(
  deps: CheckoutDeps,
  buyerId: string,
  input: PlaceOrderInput,
  call: CallContext,
): Promise<PlacedOrder> {
  const wanted = checkPlaceOrderInput(input);
  const orderId = newId();
  // Where the stock reservation got to, read after a failure to know whether to release it.
  const progress: { reservation: 'none' | 'attempted' | 'made' } = { reservation: 'none' };
  try {
    return await deps.db.transaction(async (transaction) => {
      const tx = transaction as unknown as Database<OrdersSchema>;
      const started = await insertPendingOrder(tx, {
        id: orderId,
        buyerId,
        idempotencyKey: input.idempotencyKey,
        ttlSeconds: deps.orderTtlSeconds,
      });
      if (!started) {
        const existing = await findOrderByIdempotencyKey(tx, buyerId, input.idempotencyKey);
        return { order: existing!, lines: null };
      }

      const [skus, shippingAddress] = await Promise.all([
        fetchSkuSnapshots(
          deps.centers.products,
          wanted.map((line) => line.skuId),
          call,
        ),
        shippingAddressFor(deps.centers, buyerId, input.addressId ?? null, call),
      ]);
      const lines: OrderLineRow[] = wanted.map(({ skuId, quantity }, position) => {
        const sku = skus.get(skuId);
        if (!sku) throw badUserInput(`There is no SKU ${skuId}.`, `lines.${position}.skuId`);
        return {
          orderId,
          position,
          skuId,
          productId: sku.productId,
          title: sku.title,
          unitPriceAmount: sku.price,
          currency: sku.currency,
          quantity,
        };
      });
      const currency = lines[0]!.currency;
      if (lines.some((line) => line.currency !== currency)) {
        throw badUserInput('The SKUs of one order must be priced in one currency.', 'lines');
      }
      const totalAmount = lines.reduce((sum, line) => sum + line.unitPriceAmount * line.quantity, 0);
      if (totalAmount > MAX_TOTAL)
        throw badUserInput('The order total is too large; split the order.', 'lines');

      await insertOrderLines(tx, lines);
      const order = await completePendingOrder(tx, orderId, { totalAmount, currency, shippingAddress });

      progress.reservation = 'attempted';
      await reserveStock(deps.centers.inventory, orderId, wanted, call);
      progress.reservation = 'made';
      return { order, lines };
    });
  } catch (error) {
    // A refusal (OUT_OF_STOCK...) reserved nothing; a made reservation, or a call whose outcome is
    // unknown (a timeout), is released so the stock is not held by an order that does not exist.
    const { reservation } = progress;
    if (reservation === 'made' || (reservation === 'attempted' && !isClientError(error))) {
      await releaseReservation(deps.centers.inventory, orderId, call).catch((releaseError: unknown) => {
        deps.logger.error(
          { err: releaseError, orderId, requestId: call.requestId },
          'could not release the reservation of an order that failed; its stock stays reserved',
        );
      });
    }
    throw error;
  }
}

/** The named address of the buyer, or their default one, as a snapshot; null when they have none. */
async function shippingAddressFor(
  centers: CenterClients,
  buyerId: string,
  addressId: string | null,
  call: CallContext,
): Promise<ShippingAddressSnapshot | null> {
  const addresses = await fetchAddresses(centers.users, buyerId, call);
  const address = addressId
    ? addresses.find((candidate) => candidate.id === addressId)
    : addresses.find((candidate) => candidate.isDefault);
  if (addressId && !address) throw badUserInput(`There is no address ${addressId} of yours.`, 'addressId');
  if (!address) return null;
  return {
    recipient: address.recipient,
    phone: address.phone,
    province: address.province,
    city: address.city,
    district: address.district,
    line1: address.line1,
    postalCode: address.postalCode ?? null,
  };
}
