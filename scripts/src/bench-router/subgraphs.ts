/**
 * The Guild benchmark's four subgraphs (accounts, inventory, products, reviews) in one Node process,
 * each at its own path as in the benchmark's own subgraph server (`/accounts`, …), answering from
 * memory: `node subgraphs.mjs --port 0 [--execute-every-request]` prints `listening <port>` once up.
 * GET /calls gives the requests each subgraph has answered, GET /health says it is up.
 *
 * The schemas are built with @apollo/subgraph and run with graphql-js. By default each distinct
 * request body is executed once and its answer bytes are served again after that (the data never
 * changes, so the answer is the same): the benchmark's subgraphs are compiled Rust, and in Node,
 * sharing two cores with the gateway under test, executing every entity fetch would make the
 * subgraphs part of what is measured. `--execute-every-request` turns that off.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { type DocumentNode, execute, type GraphQLSchema, parse, validate } from 'graphql';
import {
  AUTHOR_ID,
  inventoryByUpc,
  PRODUCTS,
  type ProductRecord,
  productsByUpc,
  type ReviewRecord,
  reviewsById,
  reviewsOfProduct,
  reviewsOfUser,
  shippingEstimate,
  USERS,
  usersById,
} from './data.ts';
import { SUBGRAPH_NAMES, type SubgraphName, subgraphSdl } from './workload.ts';

/** A user as the reviews subgraph has one: the id, and the username (external, provided on authors). */
interface ReviewsUser {
  id: string;
  username?: string;
}

const RESOLVERS: Record<SubgraphName, GraphQLResolverMap<unknown>> = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => usersById.get(id) ?? null,
      users: () => USERS,
    },
    User: {
      __resolveReference: ({ id }: { id: string }) => usersById.get(id) ?? null,
    },
  },
  inventory: {
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => inventoryByUpc.get(upc) ?? null,
      shippingEstimate,
    },
  },
  products: {
    Query: {
      topProducts: (_: unknown, { first }: { first: number | null }) => PRODUCTS.slice(0, first ?? 5),
    },
    Product: {
      __resolveReference: ({ upc }: { upc: string }) => productsByUpc.get(upc) ?? null,
    },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: { id: string }) => reviewsById.get(id) ?? null,
      product: (review: ReviewRecord) => ({ upc: review.productUpc }),
      author: (): ReviewsUser => ({ id: AUTHOR_ID, username: usersById.get(AUTHOR_ID)?.username }),
    },
    User: {
      __resolveReference: ({ id }: { id: string }): ReviewsUser => ({ id, username: 'user' }),
      reviews: reviewsOfUser,
    },
    Product: {
      __resolveReference: ({ upc }: Pick<ProductRecord, 'upc'>) => ({ upc }),
      reviews: ({ upc }: Pick<ProductRecord, 'upc'>) => reviewsOfProduct(upc),
    },
  },
};

const subgraphSchema = (name: SubgraphName): GraphQLSchema =>
  buildSubgraphSchema({ typeDefs: parse(subgraphSdl(name)), resolvers: RESOLVERS[name] });

interface GraphQLRequest {
  query?: unknown;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

// A gateway sends a handful of distinct documents; more than this means something is wrong.
const MAX_CACHED = 10_000;

class Subgraph {
  calls = 0;
  private readonly documents = new Map<string, DocumentNode | readonly Error[]>();
  private readonly answers = new Map<string, string>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly reuseAnswers: boolean,
  ) {}

  async answer(body: string): Promise<{ status: number; json: string }> {
    const known = this.answers.get(body);
    if (known !== undefined) return { status: 200, json: known };
    let request: GraphQLRequest;
    try {
      request = JSON.parse(body) as GraphQLRequest;
    } catch {
      return { status: 400, json: JSON.stringify({ errors: [{ message: 'The body is not JSON.' }] }) };
    }
    if (typeof request.query !== 'string') {
      return { status: 400, json: JSON.stringify({ errors: [{ message: 'No query in the body.' }] }) };
    }
    const document = this.document(request.query);
    if (Array.isArray(document)) {
      return { status: 400, json: JSON.stringify({ errors: document.map((e) => ({ message: e.message })) }) };
    }
    const result = await execute({
      schema: this.schema,
      document: document as DocumentNode,
      variableValues: request.variables ?? undefined,
      operationName: request.operationName ?? undefined,
    });
    const json = JSON.stringify(result);
    if (this.reuseAnswers && !result.errors && this.answers.size < MAX_CACHED) this.answers.set(body, json);
    return { status: 200, json };
  }

  private document(query: string): DocumentNode | readonly Error[] {
    let document = this.documents.get(query);
    if (document === undefined) {
      try {
        const parsed = parse(query);
        const errors = validate(this.schema, parsed);
        document = errors.length > 0 ? errors : parsed;
      } catch (error) {
        document = [error as Error];
      }
      if (this.documents.size < MAX_CACHED) this.documents.set(query, document);
    }
    return document;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, json: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    'execute-every-request': { type: 'boolean', default: false },
  },
});
const reuse = !values['execute-every-request'];
const subgraphs = new Map(
  SUBGRAPH_NAMES.map((name) => [`/${name}`, new Subgraph(subgraphSchema(name), reuse)]),
);
const server = createServer(async (req, res) => {
  try {
    const subgraph = subgraphs.get(req.url ?? '');
    if (subgraph && req.method === 'POST') {
      subgraph.calls++;
      const { status, json } = await subgraph.answer(await readBody(req));
      send(res, status, json);
    } else if (req.url === '/calls') {
      send(
        res,
        200,
        JSON.stringify(Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, subgraphs.get(`/${n}`)?.calls]))),
      );
    } else if (req.url === '/health') {
      send(res, 200, '{"status":"ok"}');
    } else send(res, 404, '{"error":"not found"}');
  } catch (error) {
    send(res, 500, JSON.stringify({ errors: [{ message: String(error) }] }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(values.port), values.host, () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
