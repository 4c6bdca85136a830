/**
 * The cluster drill's and comparison's client: GraphQL over keep-alive HTTP as the web front-end,
 * optionally from a loopback address of its own, so that HAProxy (which writes the caller's
 * address in X-Forwarded-For) and the routers behind it see many clients rather than one.
 */
import { Agent, request } from 'node:http';

export interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
}

export interface Caller {
  /** Where the request comes from: any 127.x.y.z works on Linux's loopback. */
  address?: string;
  /** A sign-in token, sent as `Authorization: Bearer`. */
  token?: string;
}

// Node pools keep-alive sockets by destination and local address, so each caller keeps its own.
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One GraphQL request; rejects only when no HTTP answer with a JSON body came back. */
export function post(url: string, body: unknown, caller: Caller = {}): Promise<Answer> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        ...(caller.address ? { localAddress: caller.address } : {}),
        headers: {
          'content-type': 'application/json',
          'content-length': payload.length,
          'apollographql-client-name': 'web',
          ...(caller.token ? { authorization: `Bearer ${caller.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer['body'] });
          } catch {
            reject(new Error(`${res.statusCode}: not JSON: ${text.slice(0, 120)}`));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The first error's code, or `undefined` for an answer without errors. */
export const errorCode = (answer: Answer): string | undefined => answer.body.errors?.[0]?.extensions?.code;
