// Reconnect delays: exponential so a dead server is not hammered, with jitter so a thousand tabs
// that lost the same server do not all come back in the same millisecond.

/** Defaults: first retry after about half a second, never wait more than 30 s. */
export const DEFAULT_BACKOFF = Object.freeze({ baseMs: 500, factor: 2, maxMs: 30_000, jitter: 0.5 });

/**
 * The delay before retry number `attempt` (0 for the first retry). The ceiling grows as
 * base·factor^attempt up to maxMs; the last `jitter` fraction of it is random ("equal jitter"),
 * so the delay lies in [ceiling·(1 − jitter), ceiling).
 */
export function backoffDelay(attempt, options = DEFAULT_BACKOFF, random = Math.random) {
  const { baseMs, factor, maxMs, jitter } = { ...DEFAULT_BACKOFF, ...options };
  const ceiling = Math.min(maxMs, baseMs * Math.pow(factor, Math.max(0, attempt)));
  return Math.round(ceiling * (1 - jitter) + ceiling * jitter * random());
}

/** The retry count of one connection: grows on each failure, starts over once a welcome arrives. */
export class Backoff {
  #attempt = 0;

  constructor(options = DEFAULT_BACKOFF, random = Math.random) {
    this.options = options;
    this.random = random;
  }

  /** The delay before the next try; each call counts one more failure. */
  next() {
    return backoffDelay(this.#attempt++, this.options, this.random);
  }

  reset() {
    this.#attempt = 0;
  }

  get attempts() {
    return this.#attempt;
  }
}
