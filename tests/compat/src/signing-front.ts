import { Agent, createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import {
  ANONYMOUS,
  IDENTITY_HEADER,
  type Logger,
  SIGNATURE_HEADER,
  sendJson,
  signIdentity,
} from '@zhongtai/subgraph-kit';

// Hop-by-hop headers belong to one connection and are not forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade'];

export interface SigningFrontOptions {
  /** The center's base URL, e.g. http://127.0.0.1:41234. */
  target: string;
  gatewaySecret: string;
  logger: Logger;
}

/**
 * What the compatibility suite talks to in place of the products center itself.
 *
 * A Zhongtai center answers only requests whose identity the router signed. The suite sends some of
 * its checks (`_service`, `_entities`, `product`, ftv1) straight to the subgraph, as a federation
 * router would, without our headers. This front is the harness playing the router's part for those:
 * a request that comes without an identity is signed as the anonymous caller with the gateway secret
 * and forwarded unchanged otherwise; a request that already carries identity headers (our router's
 * fetches) is forwarded as it is, so a bad signature is still refused by the center. The center
 * itself is built and checks signatures exactly as in production.
 */
export function createSigningFront(options: SigningFrontOptions): Server {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req, res) => {
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    for (const name of HOP_BY_HOP) delete headers[name];
    if (headers[IDENTITY_HEADER] === undefined && headers[SIGNATURE_HEADER] === undefined) {
      Object.assign(headers, signIdentity(ANONYMOUS, options.gatewaySecret));
    }
    const upstream = request(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (answer) => {
        const answerHeaders = { ...answer.headers };
        for (const name of HOP_BY_HOP) delete answerHeaders[name];
        res.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      options.logger.error({ err: error, url: req.url }, 'the signing front could not reach the center');
      if (!res.headersSent) {
        sendJson(res, 502, {
          errors: [{ message: 'The products center is unreachable.', extensions: { code: 'BAD_GATEWAY' } }],
        });
      } else res.destroy();
    });
    req.pipe(upstream);
  });
  server.on('close', () => agent.destroy());
  return server;
}
