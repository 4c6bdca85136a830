import type { Database } from './db.ts';
import type { Logger } from './logger.ts';

export interface SweeperOptions {
  /** Seconds between sweeps; 0 or less starts none. */
  everySeconds: number;
  /** One sweep; resolves with how many things it handled. */
  sweep: () => Promise<number>;
  logger: Logger;
  /** What the log says when a sweep handled something: `{ handled } message`. */
  message: string;
}

/**
 * A center's background job (expiring unpaid orders, reconciling payments) run every few seconds.
 * Every replica of a center runs its own sweeper: the sweep itself must claim its work (see
 * `sweepClaimedBatches`) so that replicas share it rather than repeat it. A sweep never overlaps the
 * one before in this process, a failed one is logged and tried again next time, the
 * timer never keeps a process alive on its own, and `stop` waits for a sweep under way.
 */
export function startSweeper({ everySeconds, sweep, logger, message }: SweeperOptions) {
  if (everySeconds <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = sweep()
      .then((handled) => {
        if (handled > 0) logger.info({ handled }, message);
      })
      .catch((error: unknown) => logger.error({ err: error }, `sweep failed: ${message}`))
      .finally(() => {
        running = null;
      });
  }, everySeconds * 1000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

export interface ClaimedBatches<S extends Record<string, unknown>, Row> {
  db: Database<S>;
  /** Rows claimed, and handled, per transaction. */
  batchSize: number;
  /** Stop after this many rows in all (one sweep's share); unbounded when absent. */
  limit?: number;
  /**
   * Locks up to `limit` rows that need handling with `for update skip locked`, inside the batch's
   * transaction: rows another replica holds are passed over, not waited for.
   */
  claim: (tx: Database<S>, limit: number) => Promise<Row[]>;
  /**
   * Handles the claimed rows inside the same transaction (writes go through `tx`, or they would wait
   * on the claim's own locks), and says how many were handled and how many must wait for a later sweep.
   */
  handle: (tx: Database<S>, rows: Row[]) => Promise<{ handled: number; failed: number }>;
}

/**
 * Works through a sweeper's queue a batch per transaction, each batch claimed with row locks so that
 * replicas running the same sweep share the work and never handle one row twice; a replica that
 * dies mid-batch loses its connection, and PostgreSQL rolls its claim back for the next sweep.
 * Stops at a short batch (nothing left), at `limit`, or at a batch with failures (what it depends on
 * is struggling: the failed rows are left for the next sweep). Returns how many rows were handled.
 */
export async function sweepClaimedBatches<S extends Record<string, unknown>, Row>({
  db,
  batchSize,
  limit = Number.POSITIVE_INFINITY,
  claim,
  handle,
}: ClaimedBatches<S, Row>): Promise<number> {
  let handled = 0;
  let seen = 0;
  while (seen < limit) {
    const size = Math.min(batchSize, limit - seen);
    const batch = await db.transaction(async (tx) => {
      const store = tx as unknown as Database<S>;
      const rows = await claim(store, size);
      return {
        seen: rows.length,
        ...(rows.length > 0 ? await handle(store, rows) : { handled: 0, failed: 0 }),
      };
    });
    handled += batch.handled;
    seen += batch.seen;
    if (batch.seen < size || batch.failed > 0) break;
  }
  return handled;
}
