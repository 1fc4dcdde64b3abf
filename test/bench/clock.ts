/**
 * Milliseconds on the machine's monotonic clock (CLOCK_MONOTONIC, via `process.hrtime`), with
 * sub-microsecond resolution. Unlike `performance.now()`, whose origin is each process's start,
 * this clock is shared by every process on the machine: a producer timestamp taken in a server
 * process and a receipt time taken in a client process can be subtracted directly.
 */
export function monoMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves on the next turn of the event loop, after pending I/O callbacks. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
