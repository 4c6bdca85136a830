import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, describe, expect, test } from 'vitest';
import { haproxyConfig, listening, type Service, startHaproxy } from '../src/lib/cluster.ts';
import { post } from '../src/lib/cluster-client.ts';
import { freePort } from '../src/lib/processes.ts';

const HOST = '127.0.0.1';

// A replica stand-in: its own process, answering /health and naming itself to every POST.
const REPLICA = `
const http = require('node:http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ replica: process.env.NAME, echo: body, forwardedFor: req.headers['x-forwarded-for'] }));
  });
}).listen(Number(process.env.PORT), '${HOST}');
`;

const started: ChildProcess[] = [];
const services: Service[] = [];
afterAll(async () => {
  for (const service of services) await service.stop();
  for (const child of started) child.kill('SIGKILL');
});

async function replica(name: string): Promise<{ name: string; port: number; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-e', REPLICA], {
    env: { ...process.env, NAME: name, PORT: String(port) },
  });
  started.push(child);
  await listening(HOST, port);
  return { name, port, process: child };
}

describe('HAProxy in front of replicas (npm run cluster)', () => {
  test('its configuration checks each replica and sends a failed request once more elsewhere', () => {
    const config = haproxyConfig(HOST, {
      orders: {
        port: 4004,
        check: '/ready',
        servers: [
          { name: 'orders', port: 5001 },
          { name: 'orders-2', port: 5002 },
        ],
      },
    });
    expect(config).toContain('bind 127.0.0.1:4004');
    expect(config).toContain('option httpchk GET /ready');
    expect(config).toContain('server orders-2 127.0.0.1:5002 check');
    expect(config).toMatch(/retry-on conn-failure empty-response/);
    expect(config).toContain('option http-buffer-request');
    expect(config).toContain('option forwardfor');
  });

  test('a replica killed with SIGKILL under load costs no request, and both replicas served before', async () => {
    const [a, b] = await Promise.all([replica('a'), replica('b')]);
    const port = await freePort();
    services.push(
      await startHaproxy(HOST, {
        center: {
          port,
          check: '/health',
          servers: [a, b].map(({ name, port }) => ({ name, port })),
        },
      }),
    );
    const statuses: number[] = [];
    const servedBy = new Set<string>();
    let sent = 0;
    const worker = async () => {
      while (sent < 600) {
        sent += 1;
        if (sent === 200) a.process.kill('SIGKILL');
        try {
          const response = await fetch(`http://${HOST}:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ __typename }', n: sent }),
          });
          const body = (await response.json()) as { replica: string };
          statuses.push(response.status);
          servedBy.add(body.replica);
        } catch {
          statuses.push(0);
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, worker));
    expect(statuses).toHaveLength(600);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect([...servedBy].sort()).toEqual(['a', 'b']);
    expect(a.process.signalCode).toBe('SIGKILL');
  });

  test('each caller reaches the replicas with its own address in X-Forwarded-For, for the routers’ rate limits', async () => {
    const only = await replica('only');
    const port = await freePort();
    services.push(
      await startHaproxy(HOST, {
        center: { port, check: '/health', servers: [{ name: only.name, port: only.port }] },
      }),
    );
    const seen = async (address: string) =>
      ((await post(`http://${HOST}:${port}/graphql`, {}, { address })).body as { forwardedFor?: string })
        .forwardedFor;
    expect(await seen('127.0.0.7')).toBe('127.0.0.7');
    expect(await seen('127.0.0.8')).toBe('127.0.0.8');
  });
});
