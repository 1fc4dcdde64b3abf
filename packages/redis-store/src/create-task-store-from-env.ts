import { InMemoryTaskStore } from '@a2a-mesh/server';
import type { Logger, TaskControl, TaskStore } from '@a2a-mesh/server';
import { redactedUrl } from './redis-client.ts';
import { RedisTaskControl } from './redis-task-control.ts';
import { RedisTaskStore } from './redis-task-store.ts';

/**
 * Where a service keeps its tasks, as `createAgentServer` options: spread it into them
 * (`createAgentServer({ card, executor, ...tasks })`).
 */
export interface TaskStoreSetup {
  readonly store: TaskStore;
  /** Present with Redis: cancels and run leases across the replicas. */
  readonly control?: TaskControl;
  /** Present with Redis: readiness fails while Redis does not answer. */
  readonly ready?: () => Promise<true | string>;
}

/** What the caller knows that the environment does not. */
export interface TaskStoreDefaults {
  /** The service's name, which keeps its keys apart from other services' on a shared Redis. */
  service: string;
}

/**
 * Picks the task store from the environment. Without `REDIS_URL`, tasks live in this process's
 * memory (one replica). With it, in Redis, shared by every replica of the service:
 *
 * - `REDIS_URL`: `redis://[user:password@]host:port[/db]` or `rediss://…`;
 * - `REDIS_KEY_PREFIX`: starts every key (default `a2a-mesh:<service>:`);
 * - `TASK_LEASE_MS`: how soon the other replicas notice that a replica running a task died
 *   (default 10000).
 *
 * A value that cannot be used throws an error naming the variable, so a typo stops the service
 * at start instead of quietly running on memory.
 */
export function createTaskStoreFromEnv(
  env: Record<string, string | undefined>,
  logger: Logger,
  defaults: TaskStoreDefaults,
): TaskStoreSetup {
  const url = env['REDIS_URL']?.trim();
  if (!url) {
    logger.info({ store: 'memory' }, 'tasks kept in memory (set REDIS_URL to share them between replicas)');
    return { store: new InMemoryTaskStore() };
  }
  if (!URL.canParse(url) || !/^rediss?:$/.test(new URL(url).protocol)) {
    throw new Error(
      `REDIS_URL: expected a redis:// URL such as redis://127.0.0.1:6379, received ${JSON.stringify(url)}`,
    );
  }
  const keyPrefix = env['REDIS_KEY_PREFIX']?.trim() || `a2a-mesh:${defaults.service}:`;
  const leaseMs = readLeaseMs(env['TASK_LEASE_MS']);
  const store = new RedisTaskStore({ url, keyPrefix, logger });
  const control = new RedisTaskControl({ url, keyPrefix, logger, ...(leaseMs === undefined ? {} : { leaseMs }) });
  logger.info({ store: 'redis', redis: redactedUrl(url), keyPrefix }, 'tasks kept in Redis, shared by every replica');
  return { store, control, ready: () => store.ready() };
}

function readLeaseMs(value: string | undefined): number | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  const number = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!(number >= 100)) {
    throw new Error(`TASK_LEASE_MS: expected milliseconds, at least 100, received ${JSON.stringify(value)}`);
  }
  return number;
}
