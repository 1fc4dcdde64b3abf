/**
 * How the client retries a connection: a budget of attempts with exponential backoff and full
 * jitter. The budget counts consecutive failures; it starts over once a stream makes progress.
 */
export interface RetryPolicy {
  /** Reconnection attempts allowed after a failure before giving up. `0` disables retrying. */
  attempts: number;
  /** Upper bound of the first delay, in milliseconds; each further attempt doubles it. */
  initialDelay: number;
  /** Cap on the upper bound of any delay, in milliseconds. */
  maxDelay: number;
}

/** 8 attempts, 100 ms doubling up to 5 s: about 15 s of patience, enough for a rolling restart. */
export const defaultRetryPolicy: Readonly<RetryPolicy> = { attempts: 8, initialDelay: 100, maxDelay: 5_000 };

/** Fills the fields a caller left out from {@link defaultRetryPolicy}, rejecting nonsense early. */
export function resolveRetryPolicy(policy: Partial<RetryPolicy> = {}): RetryPolicy {
  const resolved = { ...defaultRetryPolicy, ...policy };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`retry.${name} must be a non-negative number, got ${String(value)}`);
    }
  }
  return resolved;
}

/**
 * The delay before attempt number `attempt` (1-based): uniformly random between zero and
 * `min(maxDelay, initialDelay * 2^(attempt - 1))`. Full jitter spreads the reconnections of many
 * clients that lost the same server at the same moment, instead of having them arrive in waves.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelay, policy.initialDelay * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}
