/**
 * The answer a gateway must give, computed without any gateway: the query run by graphql-js against
 * the supergraph's API schema, each field resolved straight from the subgraphs' records (what
 * joining the four subgraphs means). Every gateway's answer is compared with these bytes.
 */
import { Supergraph } from '@apollo/federation-internals';
import { defaultFieldResolver, execute, type GraphQLFieldResolver, parse } from 'graphql';
import {
  AUTHOR_ID,
  inventoryByUpc,
  PRODUCTS,
  type ProductRecord,
  productsByUpc,
  type ReviewRecord,
  reviewsOfProduct,
  reviewsOfUser,
  shippingEstimate,
  USERS,
  usersById,
} from './data.ts';

type Resolve = (source: never, args: Record<string, unknown>) => unknown;

const JOINED: Record<string, Record<string, Resolve>> = {
  Query: {
    me: () => USERS[0],
    user: (_, { id }) => usersById.get(id as string) ?? null,
    users: () => USERS,
    topProducts: (_, { first }) => PRODUCTS.slice(0, (first as number | null) ?? 5),
  },
  User: { reviews: reviewsOfUser },
  Review: {
    product: (review: ReviewRecord) => productsByUpc.get(review.productUpc) ?? null,
    author: () => usersById.get(AUTHOR_ID) ?? null,
  },
  Product: {
    inStock: (product: ProductRecord) => inventoryByUpc.get(product.upc)?.inStock ?? null,
    shippingEstimate: (product: ProductRecord) => {
      const record = inventoryByUpc.get(product.upc);
      return record ? shippingEstimate(record) : null;
    },
    reviews: (product: ProductRecord) => reviewsOfProduct(product.upc),
  },
};

const fieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  const resolve = JOINED[info.parentType.name]?.[info.fieldName];
  return resolve ? resolve(source as never, args) : defaultFieldResolver(source, args, context, info);
};

/** The response body (`JSON.stringify` of `{data}`) a gateway serving `supergraphSdl` owes for `query`. */
export function expectedAnswer(supergraphSdl: string, query: string): string {
  const schema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const result = execute({ schema, document: parse(query), fieldResolver });
  if ('then' in result) throw new Error('the oracle resolves synchronously');
  if (result.errors) throw new Error(`the oracle fails: ${result.errors.map((e) => e.message).join('; ')}`);
  return JSON.stringify({ data: result.data });
}
