import { createServer } from 'node:http';
import { describe, expect, test } from 'vitest';
import { CircuitBreaker } from '../src/breaker.ts';
import { CenterClient } from '../src/client.ts';
import { listen } from '../src/http.ts';
import { ANONYMOUS } from '../src/identity.ts';
import { createLogger } from '../src/logger.ts';
import { createRequestSigner, generateServiceKey } from '../src/trust.ts';

/** A breaker on a clock the test moves. */
function breakerAt(start = 1000) {
  const clock = { now: start };
  const changes: string[] = [];
  const breaker = new CircuitBreaker({
    failures: 3,
    cooldownMs: 500,
    now: () => clock.now,
    onChange: (state, previous) => changes.push(`${previous}->${state}`),
  });
  return { breaker, clock, changes };
}

describe('a circuit breaker', () => {
  test('opens after the configured run of failures and refuses calls until the cooldown ends', () => {
    const { breaker, clock, changes } = breakerAt();
    for (let i = 0; i < 2; i++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.failure();
    }
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    clock.now += 499;
    expect(breaker.tryAcquire()).toBe(false);
    expect(changes).toEqual(['closed->open']);
    expect(breaker.opens).toBe(1);
  });

  test('a success in between starts the count of failures again', () => {
    const { breaker } = breakerAt();
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
  });

  test('after the cooldown lets exactly one probe through, and closes when it succeeds', () => {
    const { breaker, clock, changes } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failure();
    clock.now += 500;
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes).toEqual(['closed->open', 'half-open->closed']);
  });

  test('a failed probe opens it for another full cooldown', () => {
    const { breaker, clock } = breakerAt();
    for (let i = 0; i < 3; i++) breaker.failure();
    clock.now += 600;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure();
    expect(breaker.state).toBe('open');
    clock.now += 499;
    expect(breaker.tryAcquire()).toBe(false);
    clock.now += 1;
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.opens).toBe(2);
  });
});

describe("a center's client for a center that is down", () => {
  test('stops calling it after five failures and answers SERVICE_UNAVAILABLE at once', async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(503).end('down for maintenance');
    });
    const url = await listen(server, 0, '127.0.0.1');
    const client = new CenterClient(
      'inventory',
      `${url}/graphql`,
      createRequestSigner({ service: 'orders', key: generateServiceKey() }),
      createLogger('test', 'silent'),
    );
    const call = () => client.request('{ __typename }', {}, { identity: ANONYMOUS, requestId: 'r' });
    try {
      for (let i = 0; i < 5; i++) {
        await expect(call()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      }
      expect(requests).toBe(5);
      expect(client.breaker.state).toBe('open');
      await expect(call()).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(requests).toBe(5);
    } finally {
      server.close();
    }
  });
});
