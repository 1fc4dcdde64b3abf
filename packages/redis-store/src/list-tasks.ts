import type { Redis } from 'ioredis';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { ListTasksQuery, TaskPage, TaskRecord } from '@a2a-mesh/server';
import type { TaskKeys } from './task-keys.ts';
import { purgeScript } from './task-scripts.ts';

/** Task ids read per round trip when a state filter makes the listing scan. */
const scanChunk = 500;

interface Listed {
  readonly taskId: string;
  /** The task's creation number: its place in the listing, and the page token after it. */
  readonly number: number;
}

/**
 * `TaskStore.list` on Redis. Tasks sit in sorted sets (all of them, and one per context) scored
 * by a creation number that a counter hands out across replicas, so "newest first" is exact and a
 * page token — the last task's number — keeps naming the same place while tasks arrive or expire.
 * Without a state filter a page costs O(log n + page); with one, the listing reads every task's
 * state (O(n)), as the in-memory store does. Tasks whose retention has passed are dropped first.
 */
export async function listTasks(
  redis: Redis,
  keys: TaskKeys,
  query: ListTasksQuery,
  snapshot: (taskId: string) => Promise<TaskRecord | undefined>,
): Promise<TaskPage> {
  const token = query.pageToken;
  if (token !== undefined && !/^\d{1,15}$/.test(token)) {
    throw A2AError.of(ErrorCode.InvalidParams, `pageToken ${token} is not a task of this listing`);
  }
  while ((await purgeScript.run(redis, [keys.tasks, keys.expiries], [keys.prefix])) === 500);
  const key = query.contextId === undefined ? keys.tasks : keys.context(query.contextId);
  const below = token === undefined ? '+inf' : `(${token}`;
  let page: Listed[];
  let totalSize: number;
  let more: boolean;
  if (query.state === undefined) {
    const [listed, total] = await Promise.all([range(redis, key, below, query.pageSize + 1), redis.zcard(key)]);
    page = listed.slice(0, query.pageSize);
    more = listed.length > query.pageSize;
    totalSize = total;
  } else {
    const matching = await withState(redis, keys, key, query.state);
    const start = token === undefined ? 0 : matching.findIndex((task) => task.number < Number(token));
    const after = start < 0 ? [] : matching.slice(start);
    page = after.slice(0, query.pageSize);
    more = after.length > query.pageSize;
    totalSize = matching.length;
  }
  const records = (await Promise.all(page.map((task) => snapshot(task.taskId)))).filter(
    (record): record is TaskRecord => record !== undefined,
  );
  const last = page.at(-1);
  return { tasks: records, totalSize, ...(more && last ? { nextPageToken: String(last.number) } : {}) };
}

/** Up to `count` tasks of `key` scored below `below`, newest first. */
async function range(redis: Redis, key: string, below: string, count: number): Promise<Listed[]> {
  const flat = (await redis.call(
    'ZRANGE',
    key,
    below,
    '-inf',
    'BYSCORE',
    'REV',
    'LIMIT',
    0,
    count,
    'WITHSCORES',
  )) as string[];
  const listed: Listed[] = [];
  for (let index = 0; index < flat.length; index += 2)
    listed.push({ taskId: flat[index]!, number: Number(flat[index + 1]) });
  return listed;
}

/** Every task of `key` in `state`, newest first. */
async function withState(redis: Redis, keys: TaskKeys, key: string, state: string): Promise<Listed[]> {
  const matching: Listed[] = [];
  let below = '+inf';
  for (;;) {
    const chunk = await range(redis, key, below, scanChunk);
    if (chunk.length === 0) return matching;
    const states = (await redis
      .pipeline(chunk.map((task) => ['hget', keys.task(task.taskId).meta, 'state']))
      .exec()) as Array<[Error | null, string | null]>;
    for (const [index, task] of chunk.entries()) {
      const [error, value] = states[index] ?? [null, null];
      if (error) throw error;
      if (value === state) matching.push(task);
    }
    if (chunk.length < scanChunk) return matching;
    below = `(${chunk.at(-1)!.number}`;
  }
}
