import { setTimeout as sleep } from 'node:timers/promises';
import { classifyFailure } from './classify-failure.ts';
import type { Logger } from './logger.ts';
import { backoffDelay } from './retry-policy.ts';
import type { RetryPolicy } from './retry-policy.ts';

/**
 * Runs a request, and runs it again (with backoff) only while it fails in a way that proves it
 * never reached the server. Anything else, including a timeout after the request was sent, is
 * thrown at once: `message/send` and `tasks/cancel` have effects, and a request whose fate is
 * unknown must not be repeated behind the caller's back.
 */
export async function callWithRetry<TResult>(
  operation: () => Promise<TResult>,
  context: { method: string; retry: RetryPolicy; logger: Logger; signal?: AbortSignal | undefined },
): Promise<TResult> {
  const { method, retry, logger, signal } = context;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (attempt > retry.attempts || classifyFailure(error) !== 'never-sent') throw error;
      const delay = backoffDelay(attempt, retry);
      logger.info(
        { method, attempt, delay, error: (error as Error).message },
        'retrying a request that never reached the agent',
      );
      await sleep(delay, undefined, { signal }).catch((sleepError: unknown) => {
        signal?.throwIfAborted();
        throw sleepError;
      });
    }
  }
}
