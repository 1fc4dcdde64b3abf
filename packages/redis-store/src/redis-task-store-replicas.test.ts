import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Task, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import type { LogEntry } from '@a2a-mesh/server';
import { RedisTaskStore } from './redis-task-store.ts';
import type { RedisTaskStoreOptions } from './redis-task-store.ts';
import { TaskEndedError } from './task-ended-error.ts';
import { describeWithRedis, startRedisServer } from './testing/index.ts';
import type { RedisServer } from './testing/index.ts';

const task = (id: string): Task => ({ kind: 'task', id, contextId: 'c1', status: { state: 'submitted' } });

const working = (taskId: string, text: string): TaskStatusUpdateEvent => ({
  kind: 'status-update',
  taskId,
  contextId: 'c1',
  status: {
    state: 'working',
    message: { kind: 'message', messageId: randomUUID(), role: 'agent', parts: [{ kind: 'text', text }] },
  },
  final: false,
});

const completed = (taskId: string): TaskStatusUpdateEvent => ({
  kind: 'status-update',
  taskId,
  contextId: 'c1',
  status: { state: 'completed' },
  final: true,
});

async function take(iterable: AsyncIterable<readonly LogEntry[]>, count: number): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const batch of iterable) {
    out.push(...batch);
    if (out.length >= count) return out;
  }
  return out;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describeWithRedis('RedisTaskStore shared by replicas', () => {
  let redis: RedisServer;
  let raw: Redis;
  const stores: RedisTaskStore[] = [];
  let prefix = '';
  /** A replica: a store of its own, on the same Redis and prefix as the test's other replicas. */
  const replica = (options: Partial<RedisTaskStoreOptions> = {}): RedisTaskStore => {
    const store = new RedisTaskStore({ url: redis.url, keyPrefix: prefix, ...options });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    redis = await startRedisServer();
    raw = new Redis(redis.url);
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
    prefix = `test:${randomUUID()}:`;
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.close();
  });
  prefix = `test:${randomUUID()}:`;

  it('lets one replica follow live what another logs, and number events from both without a gap', async () => {
    const [a, b] = [replica(), replica()];
    await a.create(task('t1'));
    const following = take(b.read('t1', 0, new AbortController().signal), 201);
    // Two writers at once: the seq comes from Redis, so both see one sequence.
    await Promise.all(
      range(1, 100).flatMap((n) => [a.append('t1', working('t1', `a${n}`)), b.append('t1', working('t1', `b${n}`))]),
    );
    const entries = await following;
    expect(entries.map((entry) => entry.seq)).toEqual(range(1, 201));
    const [fromA, fromB] = [await a.get('t1'), await b.get('t1')];
    expect(fromA).toEqual(fromB);
    expect(fromB?.task.history?.map((message) => message.messageId)).toEqual(
      entries.slice(1).map((entry) => (entry.event as TaskStatusUpdateEvent).status.message?.messageId),
    );
  });

  it('shows another replica a snapshot exactly in step with its seq while events arrive', async () => {
    const [writer, reader] = [replica(), replica()];
    await writer.create(task('t1'));
    let writing = true;
    const writes = (async () => {
      for (let n = 1; n <= 300; n += 1) await writer.append('t1', working('t1', `step ${n}`));
      writing = false;
    })();
    let snapshots = 0;
    while (writing) {
      const record = (await reader.get('t1'))!;
      expect(record.task.history?.length ?? 0).toBe(record.seq - 1);
      snapshots += 1;
    }
    await writes;
    expect(snapshots).toBeGreaterThan(0);
  });

  it('lets the first end win: a replica cannot log past it', async () => {
    const [a, b] = [replica(), replica()];
    await a.create(task('t1'));
    await a.append('t1', working('t1', 'one'));
    await b.append('t1', { ...completed('t1'), status: { state: 'canceled' } });
    await expect(a.append('t1', working('t1', 'two'))).rejects.toBeInstanceOf(TaskEndedError);
    await expect(a.append('t1', completed('t1'))).rejects.toMatchObject({ state: 'canceled' });
    const record = await a.get('t1');
    expect(record).toMatchObject({ seq: 3, task: { status: { state: 'canceled' } } });
  });

  it('keeps the cost of an event flat: no part of the snapshot that every event rewrites grows', async () => {
    const store = replica();
    await store.create(task('t1'));
    const meta = `${prefix}task:{t1}`;
    const long = 'x'.repeat(2_000);
    for (let n = 1; n <= 20; n += 1) await store.append('t1', working('t1', `${long} ${n}`));
    const early = Number(await raw.call('MEMORY', 'USAGE', meta));
    for (let n = 21; n <= 1_000; n += 1) await store.append('t1', working('t1', `${long} ${n}`));
    const late = Number(await raw.call('MEMORY', 'USAGE', meta));
    // The hash each event rewrites holds only the latest status: 50 times the history, same size.
    expect(late).toBeLessThan(early * 1.1);
    expect(await raw.llen(`${meta}:history`)).toBe(1_000);
    expect((await store.get('t1'))?.task.history).toHaveLength(1_000);
  });

  it('sets every key of an ended task to expire after its retention, artifacts included', async () => {
    const store = replica({ retentionMs: 60_000 });
    await store.create(task('t1'));
    await store.append('t1', {
      kind: 'artifact-update',
      taskId: 't1',
      contextId: 'c1',
      artifact: { artifactId: 'answer', parts: [{ kind: 'text', text: 'hi' }] },
    });
    await store.append('t1', working('t1', 'done soon'));
    const keys = (await raw.keys(`${prefix}task:{t1}*`)).sort();
    expect(keys).toHaveLength(5); // meta, log, history, artifacts, one artifact's chunks
    for (const key of keys) expect(await raw.pttl(key)).toBe(-1);
    await store.append('t1', completed('t1'));
    for (const key of keys) {
      const ttl = await raw.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
    }
  });

  it('serves many readers on one connection without one holding up another', async () => {
    const [writer, readers] = [replica(), replica()];
    const ids = range(1, 60).map((n) => `t${n}`);
    await Promise.all([...ids, 'idle'].map((id) => writer.create(task(id))));
    const idle = new AbortController();
    const idleRead = take(readers.read('idle', 1, idle.signal), 1);
    const reads = ids.map((id) => take(readers.read(id, 1, new AbortController().signal), 2));
    for (const id of ids) await writer.append(id, working(id, 'one'));
    for (const id of ids.toReversed()) await writer.append(id, completed(id));
    const results = await Promise.all(reads);
    for (const [index, entries] of results.entries()) {
      expect(entries.map((entry) => entry.seq)).toEqual([2, 3]);
      expect((entries[0]!.event as TaskStatusUpdateEvent).taskId).toBe(ids[index]);
    }
    idle.abort();
    expect(await idleRead).toEqual([]);
  });

  it('ends a live read when the store closes', async () => {
    const store = replica();
    await store.create(task('t1'));
    const reading = take(store.read('t1', 1, new AbortController().signal), 1);
    await store.close();
    expect(await reading).toEqual([]);
  });
});
