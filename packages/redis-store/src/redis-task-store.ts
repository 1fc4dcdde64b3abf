import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { Message, Task, TaskUpdateEvent } from '@a2a-mesh/protocol';
import { CursorExpiredError, defaultRetention, silentLogger } from '@a2a-mesh/server';
import type {
  ListTasksQuery,
  LogEntry,
  Logger,
  RetentionOptions,
  TaskPage,
  TaskRecord,
  TaskStore,
} from '@a2a-mesh/server';
import { listTasks } from './list-tasks.ts';
import { logEntryOf } from './log-entry-of.ts';
import type { RawStreamEntry } from './log-entry-of.ts';
import { closeRedisClient, createRedisClient, firstConnection } from './redis-client.ts';
import { RedisStreamTail } from './redis-stream-tail.ts';
import { TaskEndedError } from './task-ended-error.ts';
import { TaskKeys } from './task-keys.ts';
import { addMessageScript, appendScript, createScript, readScript, snapshotScript } from './task-scripts.ts';
import { recordFromSnapshot, taskParts } from './task-snapshot.ts';
import type { SnapshotReply } from './task-snapshot.ts';
import { taskStoreUnavailable } from './task-store-unavailable.ts';

/** Entries handed to a reader at once, as the in-memory store does. */
const maxBatch = 256;

/** How a {@link RedisTaskStore} connects and keeps tasks. */
export interface RedisTaskStoreOptions extends RetentionOptions {
  /** `redis://[user:password@]host:port[/db]` (or `rediss://`). The store opens and closes its connections. */
  url: string;
  /** Starts every key, so that several services or meshes can share one Redis. Default `a2a-mesh:`. */
  keyPrefix?: string;
  /** A command Redis does not answer within this fails with "task store is unavailable". Default 2 s. */
  commandTimeoutMs?: number;
  /** How long a live reader's blocking read lasts before it checks that its task still exists. Default 1 s. */
  blockMs?: number;
  logger?: Logger;
}

/**
 * A `TaskStore` on Redis, shared by every replica of a service: one Redis Stream per task (entry
 * id `<seq>-0`), the snapshot kept beside it in parts that each event updates in O(1), both
 * written by one Lua script per event so that they never disagree; live readers block in one
 * multiplexed `XREAD` per process. The log is trimmed to `maxEventsPerTask` (`XADD MAXLEN`), and
 * every key of a task expires `retentionMs` after its end. While Redis is unreachable, every call
 * fails at once (or after `commandTimeoutMs`) with -32603 "the task store is unavailable", and
 * open reads end; the store reconnects by itself.
 *
 * With several replicas, the first end of a task wins: an event appended after it is refused.
 * Standalone Redis (or Sentinel) only: the listing and the multiplexed read span many keys.
 */
export class RedisTaskStore implements TaskStore {
  readonly #redis: Redis;
  readonly #keys: TaskKeys;
  readonly #maxEvents: number;
  readonly #retentionMs: number;
  readonly #commandTimeoutMs: number;
  readonly #logger: Logger;
  readonly #tail: RedisStreamTail;
  readonly #blocking: Redis;
  #closed = false;

  constructor(options: RedisTaskStoreOptions) {
    this.#maxEvents = options.maxEventsPerTask ?? defaultRetention.maxEventsPerTask;
    this.#retentionMs = options.retentionMs ?? defaultRetention.retentionMs;
    if (!(this.#maxEvents >= 1)) throw new RangeError('maxEventsPerTask must be at least 1');
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
    this.#logger = options.logger ?? silentLogger;
    this.#keys = new TaskKeys(options.keyPrefix ?? 'a2a-mesh:');
    const blockMs = options.blockMs ?? 1_000;
    const client = { commandTimeoutMs: this.#commandTimeoutMs, logger: this.#logger };
    this.#redis = createRedisClient(options.url, { ...client, name: 'a2a-mesh-task-store' });
    this.#blocking = createRedisClient(options.url, {
      ...client,
      name: 'a2a-mesh-task-store-reader',
      // The blocking read waits `blockMs` on purpose; only silence beyond that is a failure.
      commandTimeoutMs: blockMs + this.#commandTimeoutMs,
    });
    this.#tail = new RedisStreamTail({
      blocking: this.#blocking,
      commands: this.#redis,
      doorbell: this.#keys.doorbell(randomUUID()),
      blockMs,
      batch: maxBatch,
      logger: this.#logger,
    });
  }

  async create(task: Task): Promise<LogEntry> {
    const parts = taskParts(task);
    const keys = this.#keys.task(task.id);
    const history = parts.history ?? [];
    await this.#call(task.id, () =>
      createScript.run(
        this.#redis,
        [
          keys.meta,
          keys.log,
          keys.history,
          keys.artifacts,
          this.#keys.tasks,
          this.#keys.context(task.contextId),
          this.#keys.created,
        ],
        [
          task.id,
          task.contextId,
          parts.rest,
          parts.status,
          task.status.state,
          JSON.stringify(task),
          this.#maxEvents,
          parts.history ? '1' : '0',
          parts.artifacts ? '1' : '0',
          history.length,
          ...history,
          ...(parts.artifacts ?? []).flat(),
        ],
      ),
    );
    const event = structuredClone(task);
    return { seq: 1, event, json: JSON.stringify(event), final: false };
  }

  async append(taskId: string, event: TaskUpdateEvent): Promise<LogEntry> {
    const keys = this.#keys.task(taskId);
    const json = JSON.stringify(event);
    const fold =
      event.kind === 'status-update'
        ? [
            'status',
            JSON.stringify(event.status),
            event.status.state,
            event.status.message ? JSON.stringify(event.status.message) : '',
          ]
        : ['artifact', event.artifact.artifactId, event.append ? '1' : '0', JSON.stringify(event.artifact)];
    const seq = await this.#call(taskId, () =>
      appendScript.run(
        this.#redis,
        [keys.meta, keys.log, keys.history, keys.artifacts, this.#keys.expiries],
        [this.#maxEvents, this.#retentionMs, taskId, json, ...fold],
      ),
    );
    return { seq: Number(seq), event, json, final: event.kind === 'status-update' && event.final };
  }

  async addMessage(taskId: string, message: Message): Promise<void> {
    const keys = this.#keys.task(taskId);
    await this.#call(taskId, () =>
      addMessageScript.run(this.#redis, [keys.meta, keys.history], [JSON.stringify(message)]),
    );
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const keys = this.#keys.task(taskId);
    const reply = await this.#call(taskId, () =>
      snapshotScript.run(this.#redis, [keys.meta, keys.log, keys.history, keys.artifacts], []),
    );
    return reply === null ? undefined : recordFromSnapshot(reply as SnapshotReply);
  }

  async *read(taskId: string, after: number, signal: AbortSignal): AsyncIterable<readonly LogEntry[]> {
    const keys = this.#keys.task(taskId);
    let cursor = after;
    while (!signal.aborted && !this.#closed) {
      const reply = (await this.#call(taskId, () =>
        readScript.run(this.#redis, [keys.meta, keys.log], [cursor, `${cursor + 1}-0`, maxBatch]),
      ).catch((error: unknown) => {
        // A store closed under its readers ends them, as the in-memory store does.
        if (this.#closed) return null;
        throw error;
      })) as [number, RawStreamEntry[] | 'expired'] | null;
      if (reply === null) return;
      const [, entries] = reply;
      if (entries === 'expired') throw new CursorExpiredError(`events after ${cursor} of task ${taskId} were trimmed`);
      if (entries.length > 0) {
        const batch = entries.map(logEntryOf);
        cursor = batch.at(-1)!.seq;
        yield batch;
        continue;
      }
      const wake = await this.#tail.wait(keys.log, cursor, signal);
      if (wake.kind === 'failed') {
        this.#logger.warn({ taskId, err: wake.error }, 'task store read failed');
        throw taskStoreUnavailable();
      }
      if (wake.kind === 'entries' && !signal.aborted) {
        cursor = wake.entries.at(-1)!.seq;
        yield wake.entries;
      }
    }
  }

  async list(query: ListTasksQuery): Promise<TaskPage> {
    return this.#call(undefined, () => listTasks(this.#redis, this.#keys, query, (taskId) => this.get(taskId)));
  }

  /** Readiness: true when Redis answers, else why not. */
  async ready(): Promise<true | string> {
    if (this.#closed) return 'the task store is closed';
    try {
      await firstConnection(this.#redis, this.#commandTimeoutMs);
      await this.#redis.ping();
      return true;
    } catch (error) {
      return `the task store (Redis) is unavailable: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#tail.close();
    this.#blocking.disconnect();
    await closeRedisClient(this.#redis);
  }

  /**
   * Runs one Redis call: the store's own refusals become the errors the contract names, and
   * anything else (a lost connection, a timeout) becomes "the task store is unavailable".
   */
  async #call<T>(taskId: string | undefined, run: () => Promise<T>): Promise<T> {
    if (this.#closed) throw taskStoreUnavailable();
    await firstConnection(this.#redis, this.#commandTimeoutMs);
    try {
      return await run();
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      if (error instanceof A2AError) throw error;
      if (message.startsWith('NOTFOUND')) throw A2AError.of(ErrorCode.TaskNotFound, taskId);
      if (message.startsWith('EXISTS')) throw new Error(`task ${taskId} already exists`);
      if (message.startsWith('ENDED')) throw new TaskEndedError(taskId ?? '', message.split(' ')[1] ?? 'ended');
      this.#logger.warn({ taskId, err: error }, 'task store call failed');
      throw taskStoreUnavailable();
    }
  }
}
