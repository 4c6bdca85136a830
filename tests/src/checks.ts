import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { bearer, graphql, PRODUCT_LIST, type ProductList, SIGN_UP } from './client.ts';

/** The first promise: three products whose sellers come from the User Center. */
export async function expectProductListWithSellers(routerUrl: string) {
  const result = await graphql<ProductList>(routerUrl, PRODUCT_LIST, { first: 3 });
  expect(result.errors).toBeUndefined();
  const nodes = result.data!.products.edges.map((edge) => edge.node);
  expect(nodes).toHaveLength(3);
  for (const node of nodes) {
    expect(node.title.length).toBeGreaterThan(0);
    expect(node.seller.displayName.length).toBeGreaterThan(0);
    expect(node.skus.length).toBeGreaterThan(0);
    for (const sku of node.skus)
      expect(sku.price).toMatchObject({ currency: 'CNY', amount: expect.any(Number) });
  }
}

/** signUp returns a token; `me { email }` answers with it, and without it is null with UNAUTHENTICATED. */
export async function expectSignUpAndMe(routerUrl: string) {
  const email = `e2e-${randomUUID()}@example.com`;
  const signUp = await graphql<{ signUp: { token: string; user: { id: string } } }>(routerUrl, SIGN_UP, {
    input: { email, password: 'a long enough password', displayName: '测试 Buyer' },
  });
  expect(signUp.errors).toBeUndefined();
  const token = signUp.data!.signUp.token;
  expect(token.split('.')).toHaveLength(3);

  const withToken = await graphql<{ me: { email: string } | null }>(
    routerUrl,
    '{ me { email } }',
    {},
    bearer(token),
  );
  expect(withToken.data).toEqual({ me: { email } });

  const withoutToken = await graphql<{ me: { email: string } | null }>(routerUrl, '{ me { email } }');
  expect(withoutToken.data).toEqual({ me: null });
  // `me` is @authenticated: the router refuses it field-level.
  expect(withoutToken.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
}
