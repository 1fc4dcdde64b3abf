import { describe, expect, it } from 'vitest';
import type { Task, TaskUpdateEvent } from '@a2a-mesh/protocol';
import { InMemoryTaskStore } from './in-memory-task-store.ts';
import { CursorExpiredError } from './task-store.ts';
import type { LogEntry } from './task-store.ts';

const task = (id = 't1'): Task => ({ kind: 'task', id, contextId: 'c1', status: { state: 'submitted' } });

const working = (n: number, taskId = 't1'): TaskUpdateEvent => ({
  kind: 'status-update',
  taskId,
  contextId: 'c1',
  status: {
    state: 'working',
    message: { kind: 'message', messageId: `m${n}`, role: 'agent', parts: [{ kind: 'text', text: `step ${n}` }] },
  },
  final: false,
});

const done: TaskUpdateEvent = {
  kind: 'status-update',
  taskId: 't1',
  contextId: 'c1',
  status: { state: 'completed' },
  final: true,
};

async function collect(
  iterable: AsyncIterable<readonly LogEntry[]>,
  until: (entry: LogEntry) => boolean,
): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const batch of iterable) {
    for (const entry of batch) {
      out.push(entry);
      if (until(entry)) return out;
    }
  }
  return out;
}

describe('InMemoryTaskStore', () => {
  it('numbers events from 1 (the task) and keeps the snapshot in step with the log', async () => {
    const store = new InMemoryTaskStore();
    expect((await store.create(task())).seq).toBe(1);
    expect((await store.append('t1', working(1))).seq).toBe(2);
    expect((await store.append('t1', working(2))).seq).toBe(3);
    const record = await store.get('t1');
    expect(record?.seq).toBe(3);
    expect(record?.firstSeq).toBe(1);
    expect(record?.task.history?.map((message) => message.messageId)).toEqual(['m1', 'm2']);
  });

  it('replays from a cursor, then follows live events until the reader stops', async () => {
    const store = new InMemoryTaskStore();
    await store.create(task());
    for (let n = 1; n <= 3; n += 1) await store.append('t1', working(n));
    const controller = new AbortController();
    const reading = collect(store.read('t1', 2, controller.signal), (entry) => entry.final);
    await store.append('t1', working(4));
    await store.append('t1', done);
    const seqs = (await reading).map((entry) => entry.seq);
    expect(seqs).toEqual([3, 4, 5, 6]);
  });

  it('gives every reader the same events in the same order', async () => {
    const store = new InMemoryTaskStore();
    await store.create(task());
    const readers = Array.from({ length: 5 }, () =>
      collect(store.read('t1', 0, new AbortController().signal), (entry) => entry.final),
    );
    for (let n = 1; n <= 50; n += 1) await store.append('t1', working(n));
    await store.append('t1', done);
    const results = await Promise.all(readers);
    const expected = Array.from({ length: 52 }, (_, index) => index + 1);
    for (const result of results) expect(result.map((entry) => entry.seq)).toEqual(expected);
  });

  it('stops a waiting reader when its signal aborts', async () => {
    const store = new InMemoryTaskStore();
    await store.create(task());
    const controller = new AbortController();
    const reading = collect(store.read('t1', 1, controller.signal), () => false);
    controller.abort();
    expect(await reading).toEqual([]);
  });

  it('trims the log to the cap and refuses a cursor that fell off it', async () => {
    const store = new InMemoryTaskStore({ maxEventsPerTask: 10 });
    await store.create(task());
    for (let n = 1; n <= 3000; n += 1) await store.append('t1', working(n));
    const record = await store.get('t1');
    expect(record?.seq).toBe(3001);
    expect(record?.firstSeq).toBe(2992);
    // The snapshot keeps what the trimmed events did.
    expect(record?.task.history).toHaveLength(3000);
    const tail = await collect(store.read('t1', 2991, new AbortController().signal), (entry) => entry.seq === 3001);
    expect(tail.map((entry) => entry.seq)).toEqual(Array.from({ length: 10 }, (_, index) => 2992 + index));
    await expect(collect(store.read('t1', 5, new AbortController().signal), () => true)).rejects.toBeInstanceOf(
      CursorExpiredError,
    );
  });

  it('forgets a task once its retention after the end has passed, and wakes its readers', async () => {
    const store = new InMemoryTaskStore({ retentionMs: 20 });
    await store.create(task());
    const reading = collect(store.read('t1', 1, new AbortController().signal), () => false);
    await store.append('t1', working(1));
    await store.append('t1', { ...done, final: false });
    await expect.poll(() => store.get('t1')).toBeUndefined();
    expect((await reading).map((entry) => entry.seq)).toEqual([2, 3]);
  });

  it('lists tasks newest first, by context and state, a stable page at a time', async () => {
    const store = new InMemoryTaskStore();
    for (let n = 1; n <= 5; n += 1) await store.create({ ...task(`t${n}`), contextId: n % 2 ? 'odd' : 'even' });
    await store.append('t5', { ...done, taskId: 't5' });
    const first = await store.list({ pageSize: 2 });
    expect(first.tasks.map((record) => record.task.id)).toEqual(['t5', 't4']);
    expect(first.totalSize).toBe(5);
    await store.create(task('t6')); // arrives between pages: the next page is not shifted by it
    const second = await store.list({ pageSize: 2, pageToken: first.nextPageToken! });
    expect(second.tasks.map((record) => record.task.id)).toEqual(['t3', 't2']);
    const odd = await store.list({ pageSize: 10, contextId: 'odd' });
    expect(odd.tasks.map((record) => record.task.id)).toEqual(['t5', 't3', 't1']);
    expect(odd.nextPageToken).toBeUndefined();
    expect((await store.list({ pageSize: 10, state: 'completed' })).tasks.map((record) => record.task.id)).toEqual([
      't5',
    ]);
    await expect(store.list({ pageSize: 2, pageToken: 'nope' })).rejects.toMatchObject({ code: -32602 });
  });

  it('keeps logged events immutable while the snapshot changes', async () => {
    const store = new InMemoryTaskStore();
    const first = await store.create(task());
    await store.append('t1', working(1));
    expect(first.event).toMatchObject({ kind: 'task', status: { state: 'submitted' } });
    expect(JSON.parse(first.json)).toEqual(first.event);
  });
});
