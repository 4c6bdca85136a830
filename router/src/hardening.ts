import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { z } from 'zod';

/**
 * `CORS_ORIGINS`: a comma-separated list of origins (`https://shop.example.com`); unset means the
 * environment's default (see corsPolicy). Each entry must be an origin exactly as browsers send it:
 * scheme, host and port, no path.
 */
export const corsOrigins = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined) return undefined;
    const origins: string[] = [];
    for (const entry of text
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      let origin: string | undefined;
      try {
        origin = new URL(entry).origin;
      } catch {}
      if (origin === undefined || origin === 'null' || origin !== entry.replace(/\/$/, '')) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an origin (scheme://host[:port])` });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return origins;
  });

export interface CorsPolicy {
  allows(origin: string): boolean;
}

// Any port of the loopback host names, over http or https.
const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/**
 * The listed origins; without a list, localhost origins in development and tests (a front-end on a dev
 * server), and none in production, where a browser front-end must be named.
 */
export function corsPolicy(origins: readonly string[] | undefined, production: boolean): CorsPolicy {
  if (origins !== undefined) {
    const allowed = new Set(origins);
    return { allows: (origin) => allowed.has(origin) };
  }
  return { allows: (origin) => !production && LOCALHOST_ORIGIN.test(origin) };
}

const ALLOWED_METHODS = 'GET, POST, OPTIONS';
// What front-ends send: JSON bodies, bearer tokens, client awareness, the CSRF-prevention header, and
// the request for a query plan (honoured only where plans are exposed).
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'apollographql-client-name',
  'apollographql-client-version',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'x-zhongtai-debug',
  'x-request-id',
].join(', ');
const PREFLIGHT_MAX_AGE_SECONDS = '600';

function appendVary(res: ServerResponse, value: string) {
  const current = res.getHeader('vary');
  res.setHeader('vary', current ? `${String(current)}, ${value}` : value);
}

/**
 * CORS in front of every route: an allowed origin gets `Access-Control-Allow-Origin` (its own, never
 * `*`) on its responses; a preflight (OPTIONS) is answered here, 204 for an allowed origin and 403
 * otherwise. A disallowed origin's simple requests still run, as CORS only governs whether the
 * browser lets the page read the answer; Apollo Server's CSRF prevention is what stops requests
 * that could have side effects without a preflight.
 */
export function withCors(policy: CorsPolicy, next: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    const allowed = typeof origin === 'string' && policy.allows(origin);
    appendVary(res, 'Origin');
    if (allowed) {
      res.setHeader('access-control-allow-origin', origin);
      res.setHeader('access-control-expose-headers', 'x-request-id');
    }
    if (req.method === 'OPTIONS') {
      if (!allowed) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('CORS: origin not allowed');
        return;
      }
      res.writeHead(204, {
        'access-control-allow-methods': ALLOWED_METHODS,
        'access-control-allow-headers': ALLOWED_HEADERS,
        'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
        'content-length': '0',
      });
      res.end();
      return;
    }
    return next(req, res);
  };
}

/** Puts withCors in front of every `request` listener the server has now. */
export function applyCors(server: Server, policy: CorsPolicy): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on(
    'request',
    withCors(policy, (req, res) => {
      for (const listener of listeners) listener(req, res);
    }),
  );
}
