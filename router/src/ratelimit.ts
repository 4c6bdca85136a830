import type { IncomingMessage } from 'node:http';
import type { GraphQLRequestParams, Identity, Logger, Refusal, RequestInfo } from '@zhongtai/subgraph-kit';
import { Redis } from 'ioredis';
import { clientAddress } from './address.ts';

/** A token bucket: holds up to `capacity` tokens, refilled at `perSecond`; a request takes one. */
export interface Bucket {
  key: string;
  capacity: number;
  perSecond: number;
}

export interface TakeResult {
  allowed: boolean;
  /** When refused: how long until every bucket asked has a token again. */
  retryAfterMs: number;
}

/**
 * Where the buckets live. `take` is all or nothing: a request takes a token from every bucket it is
 * counted in, or from none (a refusal by the client's bucket does not spend the user's token).
 */
export interface RateLimitStore {
  take(buckets: readonly Bucket[]): Promise<TakeResult>;
  close(): Promise<void>;
}

interface MemoryBucket {
  tokens: number;
  at: number;
  /** When it will be full again, and so can be forgotten. */
  fullAt: number;
}

const SWEEP_EVERY_MS = 60_000;

/** Buckets in this process: right for one router; several routers share theirs through Redis. */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly #buckets = new Map<string, MemoryBucket>();
  readonly #now: () => number;
  #lastSweep: number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#lastSweep = now();
  }

  get size(): number {
    return this.#buckets.size;
  }

  take(buckets: readonly Bucket[]): Promise<TakeResult> {
    return Promise.resolve(this.takeNow(buckets));
  }

  takeNow(buckets: readonly Bucket[]): TakeResult {
    const now = this.#now();
    this.#sweep(now);
    const levels = buckets.map(({ key, capacity, perSecond }) => {
      const state = this.#buckets.get(key);
      return state ? Math.min(capacity, state.tokens + ((now - state.at) / 1000) * perSecond) : capacity;
    });
    let retryAfterMs = 0;
    buckets.forEach(({ perSecond }, i) => {
      const level = levels[i]!;
      if (level < 1) retryAfterMs = Math.max(retryAfterMs, Math.ceil(((1 - level) / perSecond) * 1000));
    });
    if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
    buckets.forEach(({ key, capacity, perSecond }, i) => {
      const tokens = levels[i]! - 1;
      this.#buckets.set(key, { tokens, at: now, fullAt: now + ((capacity - tokens) / perSecond) * 1000 });
    });
    return { allowed: true, retryAfterMs: 0 };
  }

  async close(): Promise<void> {
    this.#buckets.clear();
  }

  // A full bucket is the same as none, so memory holds only the callers of the last minute or so.
  #sweep(now: number) {
    if (now - this.#lastSweep < SWEEP_EVERY_MS) return;
    this.#lastSweep = now;
    for (const [key, bucket] of this.#buckets) if (bucket.fullAt <= now) this.#buckets.delete(key);
  }
}

/**
 * The same all-or-nothing take, atomic in Redis. Time is Redis's own (TIME), so routers with skewed
 * clocks still agree; a bucket expires once it would be full again. KEYS: the buckets; ARGV: capacity
 * and tokens per second of each, in order. Answers {1, 0} or {0, ms to wait}.
 */
const TAKE_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local levels = {}
local wait = 0
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i - 1])
  local perMs = tonumber(ARGV[2 * i]) / 1000
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local level = capacity
  if state[1] and state[2] then
    level = math.min(capacity, tonumber(state[1]) + math.max(0, now - tonumber(state[2])) * perMs)
  end
  levels[i] = level
  if level < 1 then wait = math.max(wait, math.ceil((1 - level) / perMs)) end
end
if wait > 0 then return {0, wait} end
for i, key in ipairs(KEYS) do
  local capacity = tonumber(ARGV[2 * i - 1])
  local perMs = tonumber(ARGV[2 * i]) / 1000
  local tokens = levels[i] - 1
  redis.call('HSET', key, 'tokens', string.format('%.6f', tokens), 'at', string.format('%.3f', now))
  redis.call('PEXPIRE', key, math.ceil((capacity - tokens) / perMs) + 1000)
end
return {1, 0}
`;

type TakeTokens = (numberOfKeys: number, ...keysAndArgs: (string | number)[]) => Promise<[number, number]>;

export interface RedisStoreOptions {
  /** Prefixes every key; one hash tag, so a Redis Cluster keeps a request's buckets on one node. */
  prefix?: string;
  /** A take that takes longer than this fails (and the request is let through). */
  timeoutMs?: number;
}

export class RedisRateLimitStore implements RateLimitStore {
  readonly redis: Redis;
  readonly #prefix: string;
  readonly #takeTokens: TakeTokens;

  constructor(url: string, options: RedisStoreOptions = {}) {
    this.#prefix = options.prefix ?? '{zhongtai-ratelimit}:';
    this.redis = new Redis(url, {
      // Fail fast rather than hold requests while Redis is away: the limiter then lets them through.
      maxRetriesPerRequest: 1,
      commandTimeout: options.timeoutMs ?? 250,
      connectTimeout: 2000,
    });
    // Errors reach the caller of take; without a listener ioredis would also print each one.
    this.redis.on('error', () => {});
    // EVALSHA, falling back to EVAL the first time (ioredis's defineCommand).
    this.redis.defineCommand('zhongtaiTakeTokens', { lua: TAKE_SCRIPT });
    const commands = this.redis as unknown as { zhongtaiTakeTokens: TakeTokens };
    this.#takeTokens = commands.zhongtaiTakeTokens.bind(this.redis);
  }

  async take(buckets: readonly Bucket[]): Promise<TakeResult> {
    const keys = buckets.map((b) => this.#prefix + b.key);
    const args = buckets.flatMap((b) => [b.capacity, b.perSecond]);
    const [allowed, wait] = await this.#takeTokens(keys.length, ...keys, ...args);
    return { allowed: allowed === 1, retryAfterMs: allowed === 1 ? 0 : Number(wait) };
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

export interface RateLimitOptions {
  /** Requests a minute for each user, or each address for anonymous callers; 0: no such limit. */
  perMinute: number;
  /** Requests a minute for all of one client's traffic together, by apollographql-client-name. */
  clientLimits: Readonly<Record<string, number>>;
  /** Proxies in front of the router whose X-Forwarded-For entries are believed (TRUST_PROXY). */
  trustedProxies: number;
}

const bucket = (key: string, perMinute: number): Bucket => ({
  key,
  capacity: perMinute,
  perSecond: perMinute / 60,
});

const STORE_ERROR_LOG_EVERY_MS = 10_000;

/**
 * Per-caller and per-client token buckets, checked before a request is parsed. A caller is the
 * verified user, or the client address when anonymous (or when its token does not verify: a forged
 * token must not buy a fresh bucket). When the store fails the request is let through and the failure
 * logged: a rate limiter that is down must not take the API down with it.
 */
/** Who sent a request; the router verifies the token once per request and shares the answer. */
export type Identify = (info: RequestInfo) => Promise<Identity>;

export class RateLimiter {
  readonly #options: RateLimitOptions;
  readonly #store: RateLimitStore;
  readonly #identify: Identify;
  readonly #logger: Logger;
  readonly #callers = new WeakMap<IncomingMessage, Promise<string>>();
  #lastStoreError = Number.NEGATIVE_INFINITY;

  constructor(options: RateLimitOptions, store: RateLimitStore, identify: Identify, logger: Logger) {
    this.#options = options;
    this.#store = store;
    this.#identify = identify;
    this.#logger = logger;
  }

  get enabled(): boolean {
    return this.#options.perMinute > 0 || Object.keys(this.#options.clientLimits).length > 0;
  }

  /** The kit's screen: one token per operation (a batch of n takes n). */
  readonly screen = async (
    _params: GraphQLRequestParams,
    info: RequestInfo,
  ): Promise<Refusal | undefined> => {
    if (!this.enabled) return undefined;
    const buckets: Bucket[] = [];
    if (this.#options.perMinute > 0) buckets.push(bucket(await this.#caller(info), this.#options.perMinute));
    const client = info.headers.get('apollographql-client-name');
    const clientLimit = client ? this.#options.clientLimits[client] : undefined;
    if (client && clientLimit) buckets.push(bucket(`client:${client}`, clientLimit));
    if (buckets.length === 0) return undefined;
    let result: TakeResult;
    try {
      result = await this.#store.take(buckets);
    } catch (error) {
      const now = performance.now();
      if (now - this.#lastStoreError >= STORE_ERROR_LOG_EVERY_MS) {
        this.#lastStoreError = now;
        this.#logger.error({ err: error }, 'the rate limit store failed; letting requests through');
      }
      return undefined;
    }
    if (result.allowed) return undefined;
    const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
    return {
      status: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests; retry in ${seconds} s.`,
      headers: { 'retry-after': String(seconds) },
    };
  };

  close(): Promise<void> {
    return this.#store.close();
  }

  #caller(info: RequestInfo): Promise<string> {
    const { req } = info;
    let caller = this.#callers.get(req);
    if (!caller) {
      caller = this.#identify(info)
        .then(
          (identity) => identity.userId,
          () => null,
        )
        .then((userId) =>
          userId ? `user:${userId}` : `ip:${clientAddress(req, this.#options.trustedProxies)}`,
        );
      this.#callers.set(req, caller);
    }
    return caller;
  }
}

export function createRateLimiter(
  config: {
    RATE_LIMIT_PER_MINUTE: number;
    CLIENT_RATE_LIMITS: Record<string, number>;
    TRUST_PROXY: number;
    REDIS_URL?: string | undefined;
    NODE_ENV: string;
  },
  identify: Identify,
  logger: Logger,
): RateLimiter {
  const store = config.REDIS_URL ? new RedisRateLimitStore(config.REDIS_URL) : new MemoryRateLimitStore();
  const limited = config.RATE_LIMIT_PER_MINUTE > 0 || Object.keys(config.CLIENT_RATE_LIMITS).length > 0;
  // One production router on its own may keep buckets in memory; N replicas would each give every
  // caller the whole limit, so say so where operators look.
  if (limited && !config.REDIS_URL && config.NODE_ENV === 'production')
    logger.warn(
      'rate limit buckets are in this process: with more than one router replica every caller gets the limit once per replica; set REDIS_URL to share them',
    );
  return new RateLimiter(
    {
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      clientLimits: config.CLIENT_RATE_LIMITS,
      trustedProxies: config.TRUST_PROXY,
    },
    store,
    identify,
    logger,
  );
}
