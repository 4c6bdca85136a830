import { type CallContext, type CenterClient, isId } from '@zhongtai/subgraph-kit';

/** What this center needs to know of an order before it takes money for it. */
export interface OrderToPay {
  id: string;
  status: 'PENDING_PAYMENT' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';
  total: { amount: number; currency: string };
  buyer: { id: string };
}

const ORDER_TO_PAY = /* GraphQL */ `
  query OrderToPay($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Order { id status total { amount currency } buyer { id } }
    }
  }
`;

/**
 * Asks the Transaction Center for an order as the caller: it answers null for an order that does not
 * exist and for another buyer's, which this center cannot tell apart either.
 */
export async function fetchOrderToPay(
  orders: CenterClient,
  orderId: string,
  context: CallContext,
): Promise<OrderToPay | null> {
  if (!isId(orderId)) return null;
  const data = await orders.request<{ _entities: (OrderToPay | null)[] }>(
    ORDER_TO_PAY,
    { representations: [{ __typename: 'Order', id: orderId }] },
    context,
  );
  const order = data._entities[0] ?? null;
  return order?.id === orderId ? order : null;
}

const MARK_ORDER_PAID = /* GraphQL */ `
  mutation MarkOrderPaid($orderId: ID!, $paymentId: ID!) {
    markOrderPaid(orderId: $orderId, paymentId: $paymentId) { id status }
  }
`;

/**
 * Tells the Transaction Center that a captured payment pays the order (as the buyer). Idempotent for
 * the same payment; a CONFLICT error means the order can no longer be paid (cancelled or expired).
 */
export async function markOrderPaid(
  orders: CenterClient,
  orderId: string,
  paymentId: string,
  context: CallContext,
): Promise<void> {
  await orders.request(MARK_ORDER_PAID, { orderId, paymentId }, context);
}
