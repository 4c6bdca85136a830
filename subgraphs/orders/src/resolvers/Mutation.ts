import { badUserInput, callableBy, isId, unauthenticated } from '@zhongtai/subgraph-kit';
import type { MutationResolvers } from '../__generated__/resolvers.ts';
import { fetchPayment, fetchSkuSnapshots } from '../centers.ts';
import { placeOrder } from '../checkout.ts';
import type { OrdersContext } from '../context.ts';
import { cancelOrder, markOrderPaid } from '../lifecycle.ts';
import {
  addCartQuantity,
  countCartLines,
  findCartLinesByUserIds,
  hasCartLine,
  MAX_CART_QUANTITY,
  removeCartLine,
} from '../repositories/carts.ts';

/** The most distinct SKUs a cart holds. */
const MAX_CART_LINES = 100;

const signedIn = ({ identity }: OrdersContext): string => {
  if (!identity.userId) throw unauthenticated();
  return identity.userId;
};

const call = ({ identity, requestId }: OrdersContext) => ({ identity, requestId });

async function cartOf(context: OrdersContext, userId: string) {
  return { userId, lines: await findCartLinesByUserIds(context.db, [userId]) };
}

export const Mutation: MutationResolvers = {
  addToCart: async (_root, { skuId, quantity }, context) => {
    const userId = signedIn(context);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_CART_QUANTITY) {
      throw badUserInput(`"quantity" must be 1 to ${MAX_CART_QUANTITY}, got ${quantity}.`, 'quantity');
    }
    if (!isId(skuId)) throw badUserInput(`There is no SKU ${skuId}.`, 'skuId');
    const { db, centers } = context;
    if (!(await hasCartLine(db, userId, skuId)) && (await countCartLines(db, userId)) >= MAX_CART_LINES) {
      throw badUserInput(`A cart holds at most ${MAX_CART_LINES} different SKUs.`, 'skuId');
    }
    const known = await fetchSkuSnapshots(centers.products, [skuId], call(context));
    if (!known.has(skuId)) throw badUserInput(`There is no SKU ${skuId}.`, 'skuId');
    await addCartQuantity(db, userId, skuId, quantity);
    return cartOf(context, userId);
  },

  removeFromCart: async (_root, { skuId }, context) => {
    const userId = signedIn(context);
    await removeCartLine(context.db, userId, skuId);
    return cartOf(context, userId);
  },

  placeOrder: async (_root, { input }, context) => {
    const buyerId = signedIn(context);
    const { db, centers, settings, logger, loaders } = context;
    const { order, lines } = await placeOrder(
      { db, centers, orderTtlSeconds: settings.orderTtlSeconds, logger },
      buyerId,
      input,
      call(context),
    );
    if (lines) {
      loaders.linesByOrderId.prime(order.id, lines);
      logger.info({ orderId: order.id, number: order.number }, 'order placed');
    }
    return order;
  },

  cancelOrder: async (_root, { id }, context) => {
    const buyerId = signedIn(context);
    const order = await cancelOrder(context.db, context.centers.inventory, buyerId, id, call(context));
    context.logger.info({ orderId: order.id }, 'order cancelled');
    return order;
  },

  // Only the Payment Center may say an order is paid, and only with a payment it confirms: one that
  // exists, is the buyer's, is captured, and is for this order (its amount is checked under the lock).
  markOrderPaid: callableBy(['payments'], async (_root, { orderId, paymentId }, context) => {
    const buyerId = signedIn(context);
    const { db, centers, logger } = context;
    if (!isId(paymentId)) throw badUserInput(`${paymentId} is not a payment id.`, 'paymentId');
    const payment = await fetchPayment(centers.payments, paymentId, call(context));
    if (!payment || payment.order.id !== orderId || payment.status !== 'CAPTURED') {
      throw badUserInput(`Payment ${paymentId} is not a captured payment of order ${orderId}.`, 'paymentId');
    }
    const captured = { id: payment.id, ...payment.amount };
    const order = await markOrderPaid(db, centers.inventory, buyerId, orderId, captured, call(context));
    logger.info({ orderId: order.id, paymentId }, 'order paid');
    return order;
  }),
};
