import { Agent, createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import {
  ANONYMOUS,
  createRequestSigner,
  devServiceKey,
  type Logger,
  sendJson,
  TOKEN_HEADER,
} from '@zhongtai/subgraph-kit';

// Hop-by-hop headers belong to one connection and are not forwarded (RFC 9110 §7.6.1).
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade'];

export interface SigningFrontOptions {
  /** The center's base URL, e.g. http://127.0.0.1:41234. */
  target: string;
  /** The center's name: the audience of the tokens this front makes. */
  audience: string;
  logger: Logger;
}

/**
 * What the compatibility suite talks to in place of the products center itself.
 *
 * A Zhongtai center answers only requests with a token a trusted service signed. The suite sends some
 * of its checks (`_service`, `_entities`, `product`, ftv1) straight to the subgraph, as a federation
 * router would, without our token. This front is the harness playing the router's part for those: a
 * request that comes without a token is signed for its exact body as the anonymous caller with the
 * router's development key and forwarded unchanged otherwise; a request that already carries a token
 * (our router's fetches) is forwarded as it is, so a bad token is still refused by the center. The
 * center itself is built and checks tokens exactly as in production.
 */
export function createSigningFront(options: SigningFrontOptions): Server {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true });
  const signer = createRequestSigner({ service: 'router', key: devServiceKey('router') });
  const server = createServer(async (req, res) => {
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host };
    for (const name of HOP_BY_HOP) delete headers[name];
    // The token covers the exact body, so the body is read whole before it is signed and sent on.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    if (headers[TOKEN_HEADER] === undefined) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      const signed = method === 'GET' ? url.search : body.toString('utf8');
      Object.assign(
        headers,
        signer.sign({ identity: ANONYMOUS, audience: options.audience, method, body: signed }),
      );
      headers['content-length'] = String(body.length);
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
    upstream.end(body);
  });
  server.on('close', () => agent.destroy());
  return server;
}
