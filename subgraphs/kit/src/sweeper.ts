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
 * A sweep never overlaps the one before, a failed one is logged and tried again next time, the
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
