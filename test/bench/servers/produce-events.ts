import { monoMs, nextTurn, sleep } from '../clock.ts';
import type { Workload } from '../workload.ts';
import { gates } from './gates.ts';

/** How a target publishes: status update `index` (1-based) with producer timestamp `t`. */
export type PublishStep = (index: number, t: number) => unknown;

/**
 * The producer loop every target runs, so that the work a server is handed is the same
 * everywhere: an optional gate (after a `waiting` status), then `events` steps, paced to
 * `ratePerSecond` (catching up after a late timer rather than drifting) or as fast as possible,
 * yielding to the event loop every `yieldEvery` steps. The timestamp is taken right before each
 * step is handed to the server under test.
 */
export async function produceEvents(
  workload: Workload,
  publish: PublishStep,
  waiting: () => unknown,
  signal?: AbortSignal,
): Promise<void> {
  if (workload.gate !== undefined) {
    await waiting();
    await gates.wait(workload.gate);
  }
  const interval = workload.ratePerSecond > 0 ? 1000 / workload.ratePerSecond : 0;
  const start = monoMs();
  for (let index = 1; index <= workload.events; index++) {
    if (signal?.aborted) return;
    if (interval > 0) {
      const wait = start + (index - 1) * interval - monoMs();
      if (wait >= 1) await sleep(wait);
    }
    await publish(index, monoMs());
    if (interval === 0 && index % workload.yieldEvery === 0) await nextTurn();
  }
}
