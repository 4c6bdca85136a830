import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, type BaseContext, HeaderMap } from '@apollo/server';
import type { Logger } from './logger.ts';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface RequestInfo {
  req: IncomingMessage;
  headers: HeaderMap;
  requestId: string;
  /** The method, upper case. */
  method?: string;
  /** The exact body received (for GET, the query string): what a request's signature covers. */
  rawBody?: string;
}

export interface GraphQLHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  context: (info: RequestInfo) => Promise<TContext>;
  logger: Logger;
  path?: string;
  bodyLimitBytes?: number;
  /** Other endpoints by path (health, readiness, metrics). */
  routes?: Record<string, Route>;
  /**
   * Looks at each GraphQL request before Apollo Server parses it; a refusal is answered at once with
   * its status and code (the router's demand control and rate limits). It may answer asynchronously.
   */
  screen?: (
    request: GraphQLRequestParams,
    info: RequestInfo,
  ) => Refusal | undefined | Promise<Refusal | undefined>;
}

/** The GraphQL-over-HTTP parameters of a request, unchecked. */
export interface GraphQLRequestParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

export interface Refusal {
  status: number;
  code: string;
  message: string;
  /** Sent with the refusal, e.g. `retry-after`. */
  headers?: Record<string, string>;
}

function paramsOf(method: string, search: URLSearchParams, body: unknown): GraphQLRequestParams[] {
  if (method === 'GET') {
    let variables: unknown;
    try {
      variables = JSON.parse(search.get('variables') ?? 'null');
    } catch {}
    return [
      { query: search.get('query') ?? undefined, operationName: search.get('operationName'), variables },
    ];
  }
  const items = Array.isArray(body) ? body : [body];
  return items.filter((item): item is GraphQLRequestParams => typeof item === 'object' && item !== null);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

function graphqlErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

class BodyTooLarge extends Error {}

// A caller's request id is kept only when it is short and plain: it goes into logs and onward headers.
const REQUEST_ID = /^[\w.:-]{1,64}$/;

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A node:http listener that serves GraphQL through Apollo Server's `executeHTTPGraphQLRequest`, plus
 * plain routes. Written against node:http directly so centers and router need no web framework,
 * and so the body limit and error shapes are ours.
 */
export function graphqlHttpHandler<TContext extends BaseContext>(
  options: GraphQLHttpOptions<TContext>,
): RequestListener {
  const path = options.path ?? '/graphql';
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const routes = options.routes ?? {};

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    try {
      const route = routes[url.pathname];
      if (route) {
        await route(req, res);
        return;
      }
      if (url.pathname !== path) {
        sendJson(
          res,
          404,
          graphqlErrorBody(`No endpoint at ${url.pathname}; GraphQL is served at ${path}.`, 'NOT_FOUND'),
        );
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown;
      let text = url.search;
      if (req.method === 'POST') {
        try {
          text = await readBody(req, limit);
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            sendJson(
              res,
              413,
              graphqlErrorBody(`Request body is over ${limit} bytes.`, 'PAYLOAD_TOO_LARGE'),
              {
                connection: 'close',
              },
            );
            return;
          }
          throw error;
        }
        const contentType = headers.get('content-type') ?? '';
        if (contentType.includes('json')) {
          try {
            body = JSON.parse(text);
          } catch {
            sendJson(res, 400, graphqlErrorBody('Request body is not valid JSON.', 'BAD_REQUEST'));
            return;
          }
        } else {
          body = text;
        }
      }
      const method = (req.method ?? 'GET').toUpperCase();
      if (options.screen) {
        for (const params of paramsOf(method, url.searchParams, body)) {
          const refusal = await options.screen(params, { req, headers, requestId });
          if (refusal) {
            sendJson(res, refusal.status, graphqlErrorBody(refusal.message, refusal.code), refusal.headers);
            return;
          }
        }
      }
      const response = await options.server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method,
          headers,
          search: url.search,
          body,
        },
        context: () => options.context({ req, headers, requestId, method, rawBody: text }),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        res.end(response.body.string);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      options.logger.error({ err: error, requestId }, 'request failed');
      if (!res.headersSent)
        sendJson(res, 500, graphqlErrorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else res.end();
    }
  };
}

export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolvePromise(`http://${shownHost}:${address.port}`);
    });
  });
}

/**
 * Stops on SIGTERM or SIGINT: `stop` drains in-flight requests and closes the database; a second
 * signal, or a stop that hangs, exits at once.
 */
export function stopOnSignals(stop: () => Promise<void>, logger: Logger, timeoutMs = 10_000) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error('shutdown timed out');
      process.exit(1);
    }, timeoutMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
