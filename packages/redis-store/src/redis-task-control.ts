import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { silentLogger } from '@a2a-mesh/server';
import type { Logger, ReleaseClaim, TaskControl } from '@a2a-mesh/server';
import { closeRedisClient, createRedisClient, firstConnection } from './redis-client.ts';
import { TaskKeys } from './task-keys.ts';
import { releaseScript } from './task-scripts.ts';
import { taskStoreUnavailable } from './task-store-unavailable.ts';

/** Default lease of a run: a replica that dies is noticed this long after its last renewal. */
export const defaultLeaseMs = 10_000;

/** How a {@link RedisTaskControl} connects; use the same `url` and `keyPrefix` as the store. */
export interface RedisTaskControlOptions {
  url: string;
  /** Default `a2a-mesh:`. */
  keyPrefix?: string;
  /** How long a claim outlives its last renewal (renewed every third of it). Default 10 s. */
  leaseMs?: number;
  /** Default 2 s. */
  commandTimeoutMs?: number;
  logger?: Logger;
}

/**
 * Task control across the replicas that share a Redis:
 *
 * - a claim is a lease key per running task (`lease:{taskId}` = this claim's token, `PX leaseMs`),
 *   renewed every `leaseMs / 3` while the run lasts and deleted (only if still ours) when it ends;
 *   a process that dies stops renewing, so its leases expire;
 * - `ownerGone` polls the lease keys of the tasks it watches (one pipeline per `leaseMs / 2` for
 *   all of them) and reports a task whose lease is gone — never one this process runs;
 * - cancel requests are published on one pub/sub channel, which every replica subscribes to.
 *
 * Pub/sub does not queue: a replica disconnected at that moment misses the request, which is why
 * the requester also watches the task's log and ends the task itself when nobody does.
 */
export class RedisTaskControl implements TaskControl {
  readonly #commands: Redis;
  readonly #subscriber: Redis;
  readonly #keys: TaskKeys;
  readonly #leaseMs: number;
  readonly #commandTimeoutMs: number;
  readonly #logger: Logger;
  readonly #owner = randomUUID();
  /** Task → token of this process's claim on it. */
  readonly #claims = new Map<string, string>();
  readonly #listeners = new Set<(taskId: string) => void>();
  readonly #watchers = new Map<string, Set<(gone: boolean) => void>>();
  readonly #pending = new Set<Promise<unknown>>();
  #renewal: NodeJS.Timeout | undefined;
  #polling: NodeJS.Timeout | undefined;

  constructor(options: RedisTaskControlOptions) {
    this.#keys = new TaskKeys(options.keyPrefix ?? 'a2a-mesh:');
    this.#leaseMs = options.leaseMs ?? defaultLeaseMs;
    if (!(this.#leaseMs >= 30)) throw new RangeError('leaseMs must be at least 30');
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
    this.#logger = options.logger ?? silentLogger;
    const client = { commandTimeoutMs: this.#commandTimeoutMs, logger: this.#logger };
    this.#commands = createRedisClient(options.url, { ...client, name: 'a2a-mesh-task-control' });
    this.#subscriber = createRedisClient(options.url, { ...client, name: 'a2a-mesh-task-control-cancels' });
    // Subscribed again on every (re)connection: the client keeps no offline queue to do it for us.
    this.#subscriber.on('ready', () => {
      this.#subscriber.subscribe(this.#keys.cancels).catch((error: unknown) => {
        this.#logger.warn({ err: error }, 'could not subscribe to cancel requests');
      });
    });
    this.#subscriber.on('message', (_channel: string, taskId: string) => {
      for (const listener of this.#listeners) listener(taskId);
    });
  }

  async claim(taskId: string): Promise<ReleaseClaim> {
    const token = `${this.#owner}:${randomUUID()}`;
    await this.#call(() => this.#commands.set(this.#keys.lease(taskId), token, 'PX', this.#leaseMs));
    this.#claims.set(taskId, token);
    this.#renewal ??= setInterval(() => void this.#renew(), this.#leaseMs / 3).unref();
    return () => this.#release(taskId, token);
  }

  async requestCancel(taskId: string): Promise<void> {
    await this.#call(() => this.#commands.publish(this.#keys.cancels, taskId));
  }

  onCancel(listener: (taskId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  ownerGone(taskId: string, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const watchers = this.#watchers.get(taskId) ?? new Set<(gone: boolean) => void>();
      this.#watchers.set(taskId, watchers);
      const onAbort = (): void => settle(false);
      const settle = (gone: boolean): void => {
        signal.removeEventListener('abort', onAbort);
        watchers.delete(settle);
        if (watchers.size === 0 && this.#watchers.get(taskId) === watchers) this.#watchers.delete(taskId);
        if (this.#watchers.size === 0) this.#polling = stop(this.#polling);
        resolve(gone);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      watchers.add(settle);
      this.#polling ??= setInterval(() => void this.#poll(), Math.max(this.#leaseMs / 2, 15)).unref();
    });
  }

  async close(): Promise<void> {
    this.#renewal = stop(this.#renewal);
    for (const watchers of [...this.#watchers.values()]) for (const settle of [...watchers]) settle(false);
    this.#listeners.clear();
    await Promise.allSettled(this.#pending);
    await Promise.all([closeRedisClient(this.#commands), closeRedisClient(this.#subscriber)]);
  }

  #release(taskId: string, token: string): void {
    if (this.#claims.get(taskId) === token) this.#claims.delete(taskId);
    if (this.#claims.size === 0) this.#renewal = stop(this.#renewal);
    const released = releaseScript
      .run(this.#commands, [this.#keys.lease(taskId)], [token])
      .catch((error: unknown) => this.#logger.warn({ taskId, err: error }, 'could not release a run lease; it expires'))
      .finally(() => this.#pending.delete(released));
    this.#pending.add(released);
  }

  /** Renews every claim of this process in one round trip. */
  async #renew(): Promise<void> {
    const claims = [...this.#claims];
    if (claims.length === 0) return;
    const commands = claims.map(([taskId, token]) => ['set', this.#keys.lease(taskId), token, 'PX', this.#leaseMs]);
    const results = await this.#commands
      .pipeline(commands)
      .exec()
      .catch((error: unknown) => [[error, null]]);
    const failed = (results ?? []).find(([error]) => error);
    if (failed) this.#logger.warn({ err: failed[0], claims: claims.length }, 'could not renew run leases');
  }

  /** Settles the watchers of tasks whose lease is gone; a failed poll settles nothing. */
  async #poll(): Promise<void> {
    const watched = [...this.#watchers.keys()].filter((taskId) => !this.#claims.has(taskId));
    if (watched.length === 0 || this.#commands.status !== 'ready') return;
    const results = await this.#commands
      .pipeline(watched.map((taskId) => ['exists', this.#keys.lease(taskId)]))
      .exec()
      .catch(() => null);
    for (const [index, [error, exists]] of (results ?? []).entries()) {
      if (error || exists !== 0) continue;
      for (const settle of [...(this.#watchers.get(watched[index]!) ?? [])]) settle(true);
    }
  }

  async #call<T>(run: () => Promise<T>): Promise<T> {
    await firstConnection(this.#commands, this.#commandTimeoutMs);
    try {
      return await run();
    } catch (error) {
      this.#logger.warn({ err: error }, 'task control call failed');
      throw taskStoreUnavailable();
    }
  }
}

function stop(timer: NodeJS.Timeout | undefined): undefined {
  clearInterval(timer);
  return undefined;
}
