import { GraphQLError } from 'graphql';
import { CircuitBreaker } from './breaker.ts';
import { centerUrl } from './config.ts';
import { CLIENT_ERROR_CODES, graphqlError } from './errors.ts';
import type { Identity } from './identity.ts';
import type { Logger } from './logger.ts';
import { currentTrace, endSpan } from './tracing.ts';
import type { RequestSigner } from './trust.ts';

export interface CallContext {
  identity: Identity;
  requestId: string;
}

interface Response<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * A center's client for another center, called directly rather than back through the router. Each
 * request carries a token signed with this center's own key: the called center knows which service
 * calls (and lets it do only what its allow-lists say) and the end user it acts for, so the same
 * ownership rules apply; and the request id, so logs line up.
 */
export class CenterClient {
  /**
   * A center that keeps failing is not called while it is down: callers get SERVICE_UNAVAILABLE at
   * once instead of each waiting out the timeout, and one probe after the cooldown finds it back.
   */
  readonly breaker: CircuitBreaker;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly signer: RequestSigner,
    private readonly logger: Logger,
    private readonly timeoutMs = 5000,
    breaker: { failures: number; cooldownMs: number } = { failures: 5, cooldownMs: 2000 },
  ) {
    this.breaker = new CircuitBreaker({
      ...breaker,
      onChange: (state, previous) => {
        if (state === 'open') this.logger.warn({ center: name, previous }, 'center circuit breaker opened');
        else this.logger.info({ center: name, previous }, 'center circuit breaker closed');
      },
    });
  }

  /**
   * Runs an operation and returns its data. A client error from the other center (bad input, out of
   * stock, ...) is raised again with its code and extensions; anything else is SERVICE_UNAVAILABLE.
   */
  async request<T>(query: string, variables: Record<string, unknown>, context: CallContext): Promise<T> {
    if (!this.breaker.tryAcquire()) {
      throw graphqlError(
        'SERVICE_UNAVAILABLE',
        `The ${this.name} center is not answering; try again shortly.`,
      );
    }
    // A child of the request being served (when there is one), its trace passed on to the center called.
    const trace = currentTrace();
    const call = trace?.tracing.startCall(trace.span, `call ${this.name}`, { 'zhongtai.center': this.name });
    let body: Response<T>;
    try {
      const sent = JSON.stringify({ query, variables });
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': context.requestId,
          ...this.signer.sign({
            identity: context.identity,
            audience: this.name,
            method: 'POST',
            body: sent,
          }),
          ...call?.headers,
        },
        body: sent,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as Response<T>;
      if (!response.ok && !body.errors) throw new Error(`HTTP ${response.status}`);
      if (response.status >= 500 && !body.data) this.breaker.failure();
      else this.breaker.success();
      if (call) endSpan(call.span);
    } catch (error) {
      this.breaker.failure();
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

/** The client for calling the center `name`, at its URL from SUBGRAPH_URLS, signing as this center. */
export function centerClient(
  name: string,
  urls: Readonly<Record<string, string>> | undefined,
  trust: { signer: RequestSigner },
  logger: Logger,
): CenterClient {
  return new CenterClient(name, centerUrl(urls ?? {}, name), trust.signer, logger);
}
