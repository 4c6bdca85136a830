import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, test } from 'vitest';
import type { RouterContext } from '../src/context.ts';
import { SubgraphFetchError } from '../src/engine/fetch/index.ts';
import { retryStep } from '../src/engine/fetch/retry.ts';
import { breakerState } from '../src/testing.ts';
import { type Stack, startStack } from './support.ts';

type Mode = 'pass' | 'reset' | 'reset-once' | 'hang';

/**
 * A TCP door in front of the accounts subgraph, as the network would behave: it passes connections
 * through, resets them (a center that died), resets only the next one (a stale keep-alive
 * connection), or accepts and never answers (a center stopped with SIGSTOP).
 */
class Door {
  mode: Mode = 'pass';
  connections = 0;
  readonly #open = new Set<Socket>();
  readonly #server: Server;

  /** Where it leads: set once the subgraph behind it listens. */
  target: URL | undefined;

  constructor() {
    this.#server = createServer((socket) => {
      this.connections += 1;
      this.#open.add(socket);
      socket.on('close', () => this.#open.delete(socket));
      socket.on('error', () => {});
      if (this.mode === 'reset' || this.mode === 'reset-once') {
        if (this.mode === 'reset-once') this.mode = 'pass';
        socket.resetAndDestroy();
        return;
      }
      if (this.mode === 'hang') return;
      const target = this.target as URL;
      const upstream = connect(Number(target.port), target.hostname);
      upstream.on('error', () => socket.destroy());
      socket.pipe(upstream).pipe(socket);
      socket.on('close', () => upstream.destroy());
    });
  }

  /** The door's own URL for the subgraph's GraphQL path. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const { port } = this.#server.address() as { port: number };
    return `http://127.0.0.1:${port}/graphql`;
  }

  /** Changes what the door does; open connections are cut, as a crash or a restart would. */
  set(mode: Mode) {
    this.mode = mode;
    for (const socket of this.#open) socket.resetAndDestroy();
  }

  close() {
    for (const socket of this.#open) socket.destroy();
    this.#server.close();
  }
}

let stack: Stack | undefined;
let door: Door | undefined;
afterEach(async () => {
  await stack?.stop();
  door?.close();
  stack = undefined;
  door = undefined;
});

/** A router whose accounts subgraph is reached through a door. */
async function stackBehindDoor(env: Record<string, string>) {
  const opened = new Door();
  door = opened;
  const url = await opened.listen();
  stack = await startStack(({ accounts, reviews }) => {
    opened.target = new URL(accounts.url);
    return { ...env, SUBGRAPH_URLS: `accounts=${url},reviews=${reviews.url}` };
  });
  return { stack, door: opened };
}

const BOTH = { query: '{ topReviews { body } user(id: "u1") { name } }' };
const FULL = { topReviews: [{ body: 'Fresh and fast' }, { body: 'Too salty' }], user: { name: 'User u1' } };

describe("a subgraph's circuit breaker", () => {
  test('opens after the configured failures, then fails its fields at once without calling it', async () => {
    const { stack, door } = await stackBehindDoor({
      SUBGRAPH_BREAKER_FAILURES: '3',
      SUBGRAPH_BREAKER_COOLDOWN_MS: '60000',
      SUBGRAPH_RETRIES: '0',
    });
    expect((await stack.graphql(BOTH)).body.data).toEqual(FULL);
    expect(await breakerState(stack.url, 'accounts')).toBe('closed');
    door.set('reset');
    for (let i = 0; i < 3; i++) {
      const { body } = await stack.graphql(BOTH);
      expect(body.data).toEqual({ ...FULL, user: null });
      expect(body.errors).toMatchObject([
        { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'accounts' } },
      ]);
    }
    expect(await breakerState(stack.url, 'accounts')).toBe('open');
    const ready = (await (await fetch(`${stack.url}/ready`)).json()) as { breakers: unknown };
    expect(ready.breakers).toEqual({ accounts: 'open', reviews: 'closed' });

    const connections = door.connections;
    const started = performance.now();
    const { body } = await stack.graphql(BOTH);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(body.data).toEqual({ ...FULL, user: null });
    expect(body.errors).toMatchObject([
      { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'accounts' } },
    ]);
    expect(door.connections).toBe(connections);
  });

  test('lets one probe through after the cooldown and closes when the subgraph is back', async () => {
    const { stack, door } = await stackBehindDoor({
      SUBGRAPH_BREAKER_FAILURES: '2',
      SUBGRAPH_BREAKER_COOLDOWN_MS: '300',
      SUBGRAPH_RETRIES: '0',
    });
    door.set('reset');
    await stack.graphql(BOTH);
    await stack.graphql(BOTH);
    expect(await breakerState(stack.url, 'accounts')).toBe('open');
    door.set('pass');
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(await breakerState(stack.url, 'accounts')).toBe('half-open');
    expect((await stack.graphql(BOTH)).body).toEqual({ data: FULL });
    expect(await breakerState(stack.url, 'accounts')).toBe('closed');
  });
});

describe('a query whose connection fails before the subgraph reads it', () => {
  test('is sent again and answered in full', async () => {
    const { stack, door } = await stackBehindDoor({ SUBGRAPH_RETRIES: '2' });
    door.set('reset-once');
    expect((await stack.graphql(BOTH)).body).toEqual({ data: FULL });
    expect(door.connections).toBe(2);
  });

  test('costs its fields when retries are switched off', async () => {
    const { stack, door } = await stackBehindDoor({ SUBGRAPH_RETRIES: '0' });
    door.set('reset-once');
    const { body } = await stack.graphql(BOTH);
    expect(body.data).toEqual({ ...FULL, user: null });
    expect(door.connections).toBe(1);
  });
});

describe('the retry step', () => {
  const context: RouterContext = {
    identity: { userId: null, scopes: [] },
    requestId: 'r',
    clientName: null,
    clientVersion: null,
  };
  const refused = () =>
    new SubgraphFetchError(
      'SUBGRAPH_UNAVAILABLE',
      'orders',
      'connect ECONNREFUSED',
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );

  /** Runs the step over a subgraph that always fails with `failure`; resolves with how many were sent. */
  async function attempts(retries: number, mutation: boolean, failure: () => SubgraphFetchError) {
    let sent = 0;
    const call = { subgraph: 'orders', body: '{}', mutation, context, headers: {} };
    await expect(
      retryStep(retries, 1)(call, async () => {
        sent += 1;
        throw failure();
      }),
    ).rejects.toBeInstanceOf(SubgraphFetchError);
    return sent;
  }

  test('never sends a mutation twice', async () => {
    expect(await attempts(3, true, refused)).toBe(1);
  });

  test('never retries a query that timed out, as the subgraph may still be running it', async () => {
    const timedOut = () => new SubgraphFetchError('SUBGRAPH_TIMEOUT', 'orders', 'no answer');
    expect(await attempts(3, false, timedOut)).toBe(1);
  });

  test('gives up after the configured retries', async () => {
    expect(await attempts(2, false, refused)).toBe(3);
  });
});

describe("the request's deadline", () => {
  test('cuts a hung subgraph short long before its own timeout, costing only its fields', async () => {
    const { stack, door } = await stackBehindDoor({
      ROUTER_REQUEST_DEADLINE_MS: '400',
      SUBGRAPH_TIMEOUT_MS: '10000',
    });
    door.set('hang');
    const started = performance.now();
    const { body } = await stack.graphql(BOTH);
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(5000);
    expect(body.data).toEqual({ ...FULL, user: null });
    expect(body.errors).toMatchObject([
      { extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'accounts' } },
    ]);
  });
});

describe('the cap on fetches in flight to a subgraph', () => {
  test('fails fetches past it at once while the subgraph is stuck', async () => {
    const { stack, door } = await stackBehindDoor({
      SUBGRAPH_MAX_IN_FLIGHT: '1',
      SUBGRAPH_DEDUP: 'false',
      ROUTER_REQUEST_DEADLINE_MS: '1500',
    });
    door.set('hang');
    const stuck = stack.graphql(BOTH);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = performance.now();
    const { body } = await stack.graphql(BOTH);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(body.data).toEqual({ ...FULL, user: null });
    expect(body.errors).toMatchObject([
      { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'accounts' } },
    ]);
    expect((await stuck).body.errors).toMatchObject([{ extensions: { code: 'SUBGRAPH_TIMEOUT' } }]);
  });
});
