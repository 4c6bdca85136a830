/** closed: calls go through; open: calls fail at once; half-open: one probe call decides. */
export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failures: number;
  /** How long it stays open before letting one probe through. */
  cooldownMs: number;
  /** Told of every change of state, to log it once rather than per refused call. */
  onChange?: (state: BreakerState, previous: BreakerState) => void;
  now?: () => number;
}

/**
 * A circuit breaker for one remote service. A service that keeps failing is not sent more work while
 * it is down: callers fail at once instead of each waiting out a timeout, and the service gets room to
 * come back. After the cooldown one probe goes through; its success closes the breaker, its failure
 * opens it for another cooldown.
 */
export class CircuitBreaker {
  #open = false;
  #failures = 0;
  #openedAt = 0;
  #probing = false;
  #opens = 0;
  readonly #options: Required<Omit<BreakerOptions, 'onChange'>> & Pick<BreakerOptions, 'onChange'>;

  constructor(options: BreakerOptions) {
    this.#options = { now: Date.now, ...options };
  }

  get state(): BreakerState {
    if (!this.#open) return 'closed';
    return this.#options.now() - this.#openedAt >= this.#options.cooldownMs ? 'half-open' : 'open';
  }

  /** How many times it has opened: a counter for metrics. */
  get opens(): number {
    return this.#opens;
  }

  /**
   * Whether a call may go now. In half-open only one call (the probe) goes until it settles; a caller
   * that was let through must report `success()` or `failure()`.
   */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#probing) return false;
    this.#probing = true;
    return true;
  }

  success(): void {
    const previous = this.state;
    this.#failures = 0;
    this.#probing = false;
    if (this.#open) {
      this.#open = false;
      this.#options.onChange?.('closed', previous);
    }
  }

  failure(): void {
    const previous = this.state;
    this.#probing = false;
    this.#failures += 1;
    // A failed probe opens it again at once; a closed breaker opens at the threshold.
    if (previous === 'half-open' || (!this.#open && this.#failures >= this.#options.failures)) {
      this.#open = true;
      this.#openedAt = this.#options.now();
      this.#opens += 1;
      this.#options.onChange?.('open', previous);
    }
  }
}
