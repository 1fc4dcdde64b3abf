import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Task, TaskUpdateEvent } from '@a2a-mesh/protocol';
import type { LogEntry } from '@a2a-mesh/server';
import { RedisTaskControl } from './redis-task-control.ts';
import { RedisTaskStore } from './redis-task-store.ts';
import { describeWithRedis, startRedisServer } from './testing/index.ts';
import type { RedisServer } from './testing/index.ts';

const task = (id: string): Task => ({ kind: 'task', id, contextId: 'c1', status: { state: 'submitted' } });
const working = (n: number): TaskUpdateEvent => ({
  kind: 'status-update',
  taskId: 't1',
  contextId: 'c1',
  status: { state: 'working' },
  final: false,
  metadata: { n },
});
const unavailable = { code: -32603, message: expect.stringContaining('the task store is unavailable') };

describeWithRedis('RedisTaskStore while Redis is down', () => {
  let redis: RedisServer;
  let store: RedisTaskStore;
  beforeEach(async () => {
    // Persisted (fsync on every write): what Redis acknowledged must survive even a SIGKILL.
    redis = await startRedisServer({ persist: true });
    store = new RedisTaskStore({ url: redis.url, keyPrefix: `test:${randomUUID()}:`, commandTimeoutMs: 500 });
  });
  afterEach(async () => {
    await store.close();
    await redis.close();
  });

  it('fails every call with a clear error, ends open reads, loses nothing acknowledged, and resumes by itself', async () => {
    await store.create(task('t1'));
    const acknowledged: number[] = [];
    for (let n = 1; n <= 20; n += 1) acknowledged.push((await store.append('t1', working(n))).seq);
    const reads: LogEntry[] = [];
    const reading = (async () => {
      for await (const batch of store.read('t1', 21, new AbortController().signal)) reads.push(...batch);
    })().then(
      () => 'ended without an error',
      (error: unknown) => error,
    );
    expect(await store.ready()).toBe(true);

    await redis.stop('SIGKILL');
    expect(await reading).toMatchObject(unavailable);
    await expect(store.append('t1', working(21))).rejects.toMatchObject(unavailable);
    await expect(store.get('t1')).rejects.toMatchObject(unavailable);
    await expect(store.create(task('t2'))).rejects.toMatchObject(unavailable);
    await expect(store.list({ pageSize: 10 })).rejects.toMatchObject(unavailable);
    expect(await store.ready()).toMatch(/task store \(Redis\) is unavailable/);

    await redis.start();
    await expect.poll(() => store.ready(), { timeout: 10_000 }).toBe(true);
    const record = await store.get('t1');
    expect(record?.seq).toBe(21);
    const log: LogEntry[] = [];
    for await (const batch of store.read('t1', 0, AbortSignal.timeout(5_000))) {
      log.push(...batch);
      if (log.length === 21) break;
    }
    expect(log.map((entry) => entry.seq)).toEqual([1, ...acknowledged]);
    expect((await store.append('t1', working(22))).seq).toBe(22);
    expect(reads).toEqual([]);
  });

  it('refuses claims and cancel requests with the same error while Redis is down', async () => {
    const control = new RedisTaskControl({ url: redis.url, keyPrefix: `test:${randomUUID()}:`, commandTimeoutMs: 500 });
    try {
      await (
        await control.claim('t1')
      )();
      await redis.stop('SIGKILL');
      await expect(control.claim('t2')).rejects.toMatchObject(unavailable);
      await expect(control.requestCancel('t2')).rejects.toMatchObject(unavailable);
      await redis.start();
      await expect
        .poll(
          () =>
            control.claim('t3').then(
              () => 'claimed',
              () => 'refused',
            ),
          { timeout: 10_000 },
        )
        .toBe('claimed');
    } finally {
      await control.close();
    }
  });
});
