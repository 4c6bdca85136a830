import { type CallContext, type CenterClient, isId } from '@zhongtai/subgraph-kit';

const PRODUCT_EXISTS = /* GraphQL */ `
  query ProductExists($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Product { id } }
  }
`;

/** Asks the Product Center whether a product exists; an id that cannot be one is answered without asking. */
export async function productExists(
  products: CenterClient,
  productId: string,
  context: CallContext,
): Promise<boolean> {
  if (!isId(productId)) return false;
  const data = await products.request<{ _entities: ({ id: string } | null)[] }>(
    PRODUCT_EXISTS,
    { representations: [{ __typename: 'Product', id: productId }] },
    context,
  );
  return data._entities[0]?.id === productId;
}
