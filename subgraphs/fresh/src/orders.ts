import { type CallContext, type CenterClient, isId } from '@zhongtai/subgraph-kit';

const BUYER_ORDER = /* GraphQL */ `
  query BuyerOrder($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Order { id status } }
  }
`;

/**
 * Asks the Transaction Center for one of the caller's orders: it answers an order reference only
 * for its buyer, so null means "no such order of yours". An id that cannot be one is not asked about.
 */
export async function findBuyerOrder(
  orders: CenterClient,
  orderId: string,
  context: CallContext,
): Promise<{ id: string; status: string } | null> {
  if (!isId(orderId)) return null;
  const data = await orders.request<{ _entities: ({ id: string; status: string } | null)[] }>(
    BUYER_ORDER,
    { representations: [{ __typename: 'Order', id: orderId }] },
    context,
  );
  const order = data._entities[0];
  return order?.id === orderId ? order : null;
}
