import { Pool } from 'undici';
import { SubgraphFetchError } from './errors.ts';
import type { SubgraphAnswer, SubgraphCall } from './types.ts';

export interface HttpTransportOptions {
  subgraph: string;
  url: string;
  /** Most connections kept open to this subgraph; further requests queue in the pool. */
  connections: number;
  /** The whole exchange of a query, connect to last byte. */
  timeoutMs: number;
  /** The same for a mutation: longer, as cutting one short leaves the client unsure it happened. */
  mutationTimeoutMs: number;
}

const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  // undici wraps the socket's error; the code may sit one or two causes down.
  for (let depth = 0; depth < 3 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

/** True when the request never reached the subgraph's GraphQL layer, so a query may safely be sent again. */
export function isConnectionFailure(error: unknown): boolean {
  return (
    error instanceof SubgraphFetchError &&
    error.code === 'SUBGRAPH_UNAVAILABLE' &&
    CONNECTION_FAILURES.has(codeOf(error.originalError) ?? '')
  );
}

// The text an answer was parsed from, so a step that hands one answer to several callers can give each
// its own copy (executors merge answers into their results) at the price of a parse, not a fetch.
const rawBodies = new WeakMap<SubgraphAnswer, string>();

/** A fresh copy of an answer that the caller may change freely. */
export function copyAnswer(answer: SubgraphAnswer): SubgraphAnswer {
  const raw = rawBodies.get(answer);
  if (raw === undefined) return structuredClone(answer);
  const copy = JSON.parse(raw) as SubgraphAnswer;
  rawBodies.set(copy, raw);
  return copy;
}

/** The size in bytes of the text an answer was parsed from, when known. */
export function answerBytes(answer: SubgraphAnswer): number | null {
  const raw = rawBodies.get(answer);
  return raw === undefined ? null : Buffer.byteLength(raw);
}

interface ParsedBody {
  data?: unknown;
  errors?: unknown;
  extensions?: unknown;
}

/**
 * HTTP to one subgraph over a keep-alive undici pool: the body goes out as the string it was built
 * as, the answer is parsed once. A GraphQL answer, even with a 4xx status, is passed on with its
 * errors and their codes; anything else becomes a SubgraphFetchError.
 */
export class HttpTransport {
  readonly url: string;
  readonly #pool: Pool;
  readonly #path: string;
  readonly #subgraph: string;
  readonly #timeoutMs: number;
  readonly #mutationTimeoutMs: number;

  constructor(options: HttpTransportOptions) {
    const url = new URL(options.url);
    this.url = options.url;
    this.#subgraph = options.subgraph;
    this.#path = `${url.pathname}${url.search}`;
    this.#timeoutMs = options.timeoutMs;
    this.#mutationTimeoutMs = options.mutationTimeoutMs;
    this.#pool = new Pool(url.origin, {
      connections: options.connections,
      keepAliveTimeout: 30_000,
      connectTimeout: Math.min(options.timeoutMs, 10_000),
      // The request's own deadline (an abort signal) bounds each exchange; these would cut it apart.
      headersTimeout: 0,
      bodyTimeout: 0,
    });
  }

  readonly fetch = async (call: SubgraphCall): Promise<SubgraphAnswer> => {
    let timeoutMs = call.mutation ? this.#mutationTimeoutMs : this.#timeoutMs;
    // A query gets what is left of the client's request deadline, if that is less; a mutation keeps
    // its own time, as cutting one short leaves the client unsure whether it happened.
    const deadline = call.context.deadline;
    if (!call.mutation && deadline !== undefined) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new SubgraphFetchError('SUBGRAPH_TIMEOUT', this.#subgraph, 'request deadline passed');
      if (left < timeoutMs) timeoutMs = left;
    }
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await this.#pool.request({
        path: this.#path,
        method: 'POST',
        headers: call.headers,
        body: call.body,
        signal,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      if (signal.aborted) {
        throw new SubgraphFetchError('SUBGRAPH_TIMEOUT', this.#subgraph, `no answer in ${timeoutMs} ms`);
      }
      throw new SubgraphFetchError('SUBGRAPH_UNAVAILABLE', this.#subgraph, String(error), error);
    }
    let parsed: ParsedBody | undefined;
    try {
      parsed = JSON.parse(text) as ParsedBody;
    } catch {
      parsed = undefined;
    }
    const isGraphQL =
      typeof parsed === 'object' && parsed !== null && ('data' in parsed || Array.isArray(parsed.errors));
    if (!isGraphQL || (status >= 500 && !parsed?.data) || status === 401 || status === 403) {
      // 401/403 mean the router's own credentials were refused: never the client's to see as its own.
      throw new SubgraphFetchError(
        status >= 500 ? 'SUBGRAPH_UNAVAILABLE' : 'INTERNAL_SERVER_ERROR',
        this.#subgraph,
        `HTTP ${status}: ${text.slice(0, 500)}`,
      );
    }
    const answer = parsed as SubgraphAnswer;
    rawBodies.set(answer, text);
    return answer;
  };

  close(): Promise<void> {
    return this.#pool.close();
  }
}
