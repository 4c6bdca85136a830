export interface GraphQLResult<T> {
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string } & Record<string, unknown>;
  }[];
}

/** A front-end's request: JSON over HTTP POST, as web and mobile clients send it. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T> & { status: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'apollographql-client-name': 'e2e', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, ...((await response.json()) as GraphQLResult<T>) };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const PRODUCT_LIST = /* GraphQL */ `
  query ProductList($first: Int) {
    products(first: $first) {
      edges {
        node {
          id
          title
          seller { displayName }
          skus { price { amount currency } }
        }
      }
    }
  }
`;

export interface ProductList {
  products: {
    edges: {
      node: {
        id: string;
        title: string;
        seller: { displayName: string };
        skus: { price: { amount: number; currency: string } }[];
      };
    }[];
  };
}

export const SIGN_UP = /* GraphQL */ `
  mutation SignUp($input: SignUpInput!) { signUp(input: $input) { token user { id email } } }
`;
