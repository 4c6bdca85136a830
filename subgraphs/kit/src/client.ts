import { GraphQLError } from 'graphql';
import { centerUrl } from './config.ts';
import { CLIENT_ERROR_CODES, graphqlError } from './errors.ts';
import { type Identity, signIdentity } from './identity.ts';
import type { Logger } from './logger.ts';
import { currentTrace, endSpan } from './tracing.ts';

export interface CallContext {
  identity: Identity;
  requestId: string;
}

interface Response<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * A center's client for another center, called directly rather than back through the router. It
 * carries the caller's identity, signed with the gateway secret as the router signs it, so the
 * called center applies the same ownership rules; and the request id, so logs line up.
 */
export class CenterClient {
  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly gatewaySecret: string,
    private readonly logger: Logger,
    private readonly timeoutMs = 5000,
  ) {}

  /**
   * Runs an operation and returns its data. A client error from the other center (bad input, out of
   * stock, ...) is raised again with its code and extensions; anything else is SERVICE_UNAVAILABLE.
   */
  async request<T>(query: string, variables: Record<string, unknown>, context: CallContext): Promise<T> {
    // A child of the request being served (when there is one), its trace passed on to the center called.
    const trace = currentTrace();
    const call = trace?.tracing.startCall(trace.span, `call ${this.name}`, { 'zhongtai.center': this.name });
    let body: Response<T>;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': context.requestId,
          ...signIdentity(context.identity, this.gatewaySecret),
          ...call?.headers,
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as Response<T>;
      if (!response.ok && !body.errors) throw new Error(`HTTP ${response.status}`);
      if (call) endSpan(call.span);
    } catch (error) {
      if (call) endSpan(call.span, error);
      this.logger.error(
        { err: error, center: this.name, requestId: context.requestId },
        'center call failed',
      );
      throw graphqlError(
        'SERVICE_UNAVAILABLE',
        `The ${this.name} center is not answering; try again shortly.`,
      );
    }
    const [first] = body.errors ?? [];
    if (first) {
      const code = String(first.extensions?.code ?? '');
      if (CLIENT_ERROR_CODES.has(code))
        throw new GraphQLError(first.message, { extensions: first.extensions ?? {} });
      this.logger.error(
        { center: this.name, errors: body.errors, requestId: context.requestId },
        'center call failed',
      );
      throw graphqlError('SERVICE_UNAVAILABLE', `The ${this.name} center could not complete the request.`);
    }
    if (!body.data) throw graphqlError('SERVICE_UNAVAILABLE', `The ${this.name} center returned no data.`);
    return body.data;
  }
}

/** The client for calling the center `name`, at its URL from SUBGRAPH_URLS, signed with the gateway secret. */
export function centerClient(
  name: string,
  config: { SUBGRAPH_URLS: Readonly<Record<string, string>>; GATEWAY_SECRET: string },
  logger: Logger,
): CenterClient {
  return new CenterClient(name, centerUrl(config.SUBGRAPH_URLS, name), config.GATEWAY_SECRET, logger);
}
