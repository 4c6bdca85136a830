import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. With `trustedProxies` = 0 it is the socket's peer: whatever a
 * client writes in X-Forwarded-For is ignored, or anyone could pick a fresh rate limit bucket per
 * request. Behind N proxies that each append the address they were called from, it is the Nth
 * X-Forwarded-For entry from the right (the one our outermost proxy wrote), as Express's
 * `trust proxy` hop count reads it; a shorter chain gives its leftmost entry.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  // Nearest first: the peer (our proxy), then what each proxy saw, right to left.
  const chain = [peer, ...forwarded.reverse()];
  return chain[Math.min(trustedProxies, chain.length - 1)] as string;
}
