import type { Redis } from 'ioredis';
import type { LogEntry, Logger } from '@a2a-mesh/server';
import { logEntryOf } from './log-entry-of.ts';
import type { RawStreamEntry } from './log-entry-of.ts';

/** Why a wait ended. */
export type TailWake =
  /** The entries right after the waiter's cursor, in order. */
  | { readonly kind: 'entries'; readonly entries: readonly LogEntry[] }
  /** Read the log again: something changed (or the wait was stopped); the reader checks what. */
  | { readonly kind: 'check' }
  /** The blocking read failed: Redis is unreachable. */
  | { readonly kind: 'failed'; readonly error: unknown };

/** What the tail needs. */
export interface RedisStreamTailOptions {
  /** A connection of its own: it spends its life blocked in `XREAD`. */
  blocking: Redis;
  /** The shared connection, for the doorbell and the existence checks. */
  commands: Redis;
  /** This process's doorbell stream key. */
  doorbell: string;
  /** How long one `XREAD` blocks; after that, waiters whose task is gone are woken. */
  blockMs: number;
  /** Entries returned per stream at once. */
  batch: number;
  logger: Logger;
}

interface Waiter {
  readonly after: number;
  readonly wake: (wake: TailWake) => void;
}

/**
 * Every live reader of this process waits here, and one blocking `XREAD` on one connection waits
 * for all of them: one connection per process however many streams are open, one parse of each
 * new entry however many readers it wakes, and no reader can hold up another.
 *
 * A reader that needs a stream the blocked `XREAD` does not cover rings this process's doorbell,
 * a stream that `XREAD` always includes: an entry added to it ends the block at once, even when
 * it lands before the `XREAD` reached Redis (the doorbell is read from its last id, never `$`).
 * When a block times out, waiters whose task no longer exists (it expired) are woken.
 */
export class RedisStreamTail {
  readonly #options: RedisStreamTailOptions;
  readonly #waiters = new Map<string, Set<Waiter>>();
  /** Stream → cursor of the `XREAD` in flight; undefined while none is. */
  #armed: Map<string, number> | undefined;
  #rung = false;
  #doorbellId = '0-0';
  #idle: (() => void) | undefined;
  #running = false;
  #closed = false;

  constructor(options: RedisStreamTailOptions) {
    this.#options = options;
  }

  /** Waits for entries of `key` after `after`; never rejects. */
  wait(key: string, after: number, signal: AbortSignal): Promise<TailWake> {
    return new Promise((resolve) => {
      if (signal.aborted || this.#closed) return resolve({ kind: 'check' });
      const waiters = this.#waiters.get(key) ?? new Set<Waiter>();
      this.#waiters.set(key, waiters);
      const onAbort = (): void => waiter.wake({ kind: 'check' });
      const waiter: Waiter = {
        after,
        wake: (wake) => {
          signal.removeEventListener('abort', onAbort);
          waiters.delete(waiter);
          if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
          resolve(wake);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      waiters.add(waiter);
      this.#arm(key, after);
    });
  }

  /** Wakes every waiter (they find the store closed) and stops the loop. */
  close(): void {
    this.#closed = true;
    this.#wakeAll({ kind: 'check' });
    this.#idle?.();
  }

  #arm(key: string, after: number): void {
    if (!this.#running) {
      this.#running = true;
      void this.#loop();
      return;
    }
    if (this.#idle) {
      this.#idle();
      return;
    }
    const armed = this.#armed;
    if (!armed || this.#rung) return;
    const cursor = armed.get(key);
    if (cursor !== undefined && cursor <= after) return;
    this.#rung = true;
    void this.#ring();
  }

  async #loop(): Promise<void> {
    const { blocking, doorbell, blockMs, batch } = this.#options;
    while (!this.#closed) {
      if (this.#waiters.size === 0) {
        await new Promise<void>((resolve) => (this.#idle = resolve));
        this.#idle = undefined;
        continue;
      }
      const keys = [...this.#waiters.keys()];
      const cursors = keys.map((key) => Math.min(...[...this.#waiters.get(key)!].map((waiter) => waiter.after)));
      this.#armed = new Map(keys.map((key, index) => [key, cursors[index]!]));
      this.#rung = false;
      let reply: unknown;
      try {
        const ids = [...cursors.map((cursor) => `${cursor}-0`), this.#doorbellId];
        reply = await blocking.call('XREAD', 'COUNT', batch, 'BLOCK', blockMs, 'STREAMS', ...keys, doorbell, ...ids);
      } catch (error) {
        this.#armed = undefined;
        if (this.#closed) break;
        this.#wakeAll({ kind: 'failed', error });
        await this.#reconnected();
        continue;
      }
      this.#armed = undefined;
      if (reply === null) {
        await this.#wakeGone(keys);
        continue;
      }
      for (const [key, raw] of reply as Array<[string, RawStreamEntry[]]>) {
        if (key === doorbell) this.#doorbellId = raw.at(-1)?.[0] ?? this.#doorbellId;
        else this.#deliver(key, raw.map(logEntryOf));
      }
    }
    this.#running = false;
  }

  /** Hands `entries` to the waiters they continue; a waiter they skip past is told to read again. */
  #deliver(key: string, entries: readonly LogEntry[]): void {
    const last = entries.at(-1);
    if (!last) return;
    for (const waiter of [...(this.#waiters.get(key) ?? [])]) {
      const start = entries.findIndex((entry) => entry.seq === waiter.after + 1);
      if (start >= 0) waiter.wake({ kind: 'entries', entries: entries.slice(start) });
      else if (last.seq > waiter.after) waiter.wake({ kind: 'check' });
    }
  }

  async #ring(): Promise<void> {
    const { commands, doorbell } = this.#options;
    try {
      await commands.call('XADD', doorbell, 'MAXLEN', 1, '*', 'ring', 1);
      // The doorbell outlives no process for long.
      await commands.call('PEXPIRE', doorbell, 600_000);
    } catch (error) {
      // The block times out by itself; the new waiter is served then.
      this.#options.logger.debug({ err: error }, 'could not ring the stream tail');
    }
  }

  /** After a timed-out block: wakes the waiters of streams that are gone (their task expired). */
  async #wakeGone(keys: readonly string[]): Promise<void> {
    const results = await this.#options.commands
      .pipeline(keys.map((key) => ['exists', key]))
      .exec()
      .catch(() => null);
    for (const [index, [error, exists]] of (results ?? []).entries()) {
      if (error || exists !== 0) continue;
      for (const waiter of [...(this.#waiters.get(keys[index]!) ?? [])]) waiter.wake({ kind: 'check' });
    }
  }

  #wakeAll(wake: TailWake): void {
    for (const waiters of [...this.#waiters.values()]) for (const waiter of [...waiters]) waiter.wake(wake);
  }

  /** After a failed read: waits for the connection to come back (or a second), without spinning. */
  async #reconnected(): Promise<void> {
    const { blocking } = this.#options;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        blocking.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 1_000);
      blocking.once('ready', done);
    });
  }
}
