import { afterEach, describe, expect, it } from 'vitest';
import { applyTaskEvent } from '@a2a-mesh/protocol';
import type { Artifact, Message, Task, TaskStatusUpdateEvent, TaskUpdateEvent } from '@a2a-mesh/protocol';
import { CursorExpiredError } from './task-store.ts';
import type { LogEntry, RetentionOptions, TaskStore } from './task-store.ts';

/** Makes a fresh, empty store with the given retention; the suite closes it after each test. */
export type MakeTaskStore = (retention: RetentionOptions) => TaskStore | Promise<TaskStore>;

const task = (id = 't1', contextId = 'c1'): Task => ({ kind: 'task', id, contextId, status: { state: 'submitted' } });

const message = (text: string, role: Message['role'] = 'agent'): Message => ({
  kind: 'message',
  messageId: `m-${text}`,
  role,
  parts: [{ kind: 'text', text }],
});

const working = (n: number, taskId = 't1'): TaskStatusUpdateEvent => ({
  kind: 'status-update',
  taskId,
  contextId: 'c1',
  status: { state: 'working', message: message(`step ${n}`) },
  final: false,
});

const ended = (state: 'completed' | 'canceled' = 'completed', taskId = 't1'): TaskStatusUpdateEvent => ({
  kind: 'status-update',
  taskId,
  contextId: 'c1',
  status: { state },
  final: true,
});

const chunk = (artifact: Artifact, append?: boolean): TaskUpdateEvent => ({
  kind: 'artifact-update',
  taskId: 't1',
  contextId: 'c1',
  artifact,
  ...(append === undefined ? {} : { append }),
});

/** Reads until `until` holds for an entry (or the reader ends), checking that batches are contiguous. */
async function collect(
  iterable: AsyncIterable<readonly LogEntry[]>,
  until: (entry: LogEntry) => boolean,
): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const batch of iterable) {
    expect(batch.length).toBeGreaterThan(0);
    expect(batch.length).toBeLessThanOrEqual(256);
    for (const entry of batch) {
      if (out.length > 0) expect(entry.seq).toBe(out.at(-1)!.seq + 1);
      out.push(entry);
      if (until(entry)) return out;
    }
  }
  return out;
}

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

/**
 * The behaviour every `TaskStore` must have, as a vitest suite: numbering, a snapshot in step with
 * the log, replay from a cursor then live events, readers that agree and stop when told, trimming
 * with `CursorExpiredError`, expiry after the end, listing, messages, unknown tasks. Call it from a
 * store's test file with a factory of empty stores.
 */
export function describeTaskStoreContract(name: string, makeStore: MakeTaskStore): void {
  describe(`${name} (TaskStore contract)`, () => {
    const stores: TaskStore[] = [];
    const open = async (retention: RetentionOptions = {}): Promise<TaskStore> => {
      const store = await makeStore(retention);
      stores.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((store) => store.close()));
    });

    it('numbers events from 1 (the task) and keeps the snapshot in step with the log', async () => {
      const store = await open();
      const created = await store.create(task());
      expect(created).toMatchObject({ seq: 1, final: false, event: { kind: 'task', id: 't1' } });
      expect((await store.append('t1', working(1))).seq).toBe(2);
      const last = await store.append('t1', working(2));
      expect(last).toMatchObject({ seq: 3, final: false });
      expect(JSON.parse(last.json)).toEqual(working(2));
      const record = await store.get('t1');
      expect(record).toMatchObject({ seq: 3, firstSeq: 1, task: { id: 't1', status: { state: 'working' } } });
      expect(record?.task.history?.map((entry) => entry.messageId)).toEqual(['m-step 1', 'm-step 2']);
      const end = await store.append('t1', ended());
      expect(end).toMatchObject({ seq: 4, final: true });
      expect((await store.get('t1'))?.task.status.state).toBe('completed');
    });

    it('folds artifact updates the way applyTaskEvent does: add, append with metadata, replace', async () => {
      const store = await open();
      const expected = task();
      await store.create(task());
      const events = [
        chunk({ artifactId: 'a', name: 'answer', parts: [{ kind: 'text', text: 'Hello' }] }),
        chunk({ artifactId: 'b', parts: [{ kind: 'data', data: { n: 1 } }] }),
        chunk({ artifactId: 'a', parts: [{ kind: 'text', text: ', world' }], metadata: { chunk: 2 } }, true),
        chunk({ artifactId: 'a', parts: [{ kind: 'text', text: '!' }], metadata: { last: true } }, true),
        chunk({ artifactId: 'b', parts: [{ kind: 'data', data: { n: 2 } }] }),
        chunk({ artifactId: 'c', parts: [{ kind: 'text', text: 'new' }] }, true),
      ];
      for (const event of events) {
        applyTaskEvent(expected, event);
        await store.append('t1', event);
      }
      const record = await store.get('t1');
      expect(record?.task).toEqual(expected);
      expect(record?.task.artifacts?.map((artifact) => artifact.artifactId)).toEqual(['a', 'b', 'c']);
    });

    it('keeps logged events immutable while the snapshot changes', async () => {
      const store = await open();
      const first = await store.create(task());
      await store.append('t1', working(1));
      expect(first.event).toMatchObject({ kind: 'task', status: { state: 'submitted' } });
      expect(JSON.parse(first.json)).toEqual(first.event);
      const [replayed] = await collect(store.read('t1', 0, new AbortController().signal), () => true);
      expect(replayed?.event).toEqual(task());
    });

    it('replays from a cursor, then follows live events until the reader stops', async () => {
      const store = await open();
      await store.create(task());
      for (let n = 1; n <= 3; n += 1) await store.append('t1', working(n));
      const reading = collect(store.read('t1', 2, new AbortController().signal), (entry) => entry.final);
      await store.append('t1', working(4));
      await store.append('t1', ended());
      const entries = await reading;
      expect(entries.map((entry) => entry.seq)).toEqual([3, 4, 5, 6]);
      expect(entries.map((entry) => entry.final)).toEqual([false, false, false, true]);
      expect(entries[1]!.event).toEqual(working(3));
    });

    it('gives every reader the same events in the same order, in batches of at most 256', async () => {
      const store = await open();
      await store.create(task());
      for (let n = 1; n <= 300; n += 1) await store.append('t1', working(n));
      const readers = Array.from({ length: 5 }, (_, index) =>
        collect(store.read('t1', index * 10, new AbortController().signal), (entry) => entry.final),
      );
      await Promise.all(range(301, 400).map((n) => store.append('t1', working(n))));
      await store.append('t1', ended());
      const results = await Promise.all(readers);
      const log = results[0]!;
      expect(log.map((entry) => entry.seq)).toEqual(range(1, 402));
      for (const [index, result] of results.entries()) {
        expect(result.map((entry) => entry.json)).toEqual(log.slice(index * 10).map((entry) => entry.json));
      }
    });

    it('never shows a snapshot out of step with its sequence number, even while events arrive', async () => {
      const store = await open();
      await store.create(task());
      let appending = true;
      const appends = (async () => {
        for (let n = 1; n <= 200; n += 1) await store.append('t1', working(n));
        appending = false;
      })();
      let checked = 0;
      while (appending || checked === 0) {
        const record = (await store.get('t1'))!;
        // Every event here adds one message: a snapshot reflects at least every event up to its
        // seq (an in-memory snapshot is a live view, so it may already show later ones).
        expect(record.task.history?.length ?? 0).toBeGreaterThanOrEqual(record.seq - 1);
        if (record.seq > 1) expect(record.task.history?.[record.seq - 2]?.messageId).toBe(`m-step ${record.seq - 1}`);
        checked += 1;
      }
      await appends;
      expect((await store.get('t1'))?.seq).toBe(201);
    });

    it('stops a waiting reader when its signal aborts, and a reader whose signal already aborted', async () => {
      const store = await open();
      await store.create(task());
      const controller = new AbortController();
      const reading = collect(store.read('t1', 1, controller.signal), () => false);
      controller.abort();
      expect(await reading).toEqual([]);
      expect(await collect(store.read('t1', 0, AbortSignal.abort()), () => false)).toEqual([]);
    });

    it('trims the log to the cap, keeps the effect in the snapshot, and refuses a cursor that fell off', async () => {
      const store = await open({ maxEventsPerTask: 10 });
      await store.create(task());
      for (let n = 1; n <= 1000; n += 1) await store.append('t1', working(n));
      const record = await store.get('t1');
      expect(record).toMatchObject({ seq: 1001, firstSeq: 992 });
      expect(record?.task.history).toHaveLength(1000);
      const tail = await collect(store.read('t1', 991, new AbortController().signal), (entry) => entry.seq === 1001);
      expect(tail.map((entry) => entry.seq)).toEqual(range(992, 1001));
      await expect(collect(store.read('t1', 5, new AbortController().signal), () => true)).rejects.toBeInstanceOf(
        CursorExpiredError,
      );
      // At the head, a cursor is never too old: there is nothing to replay.
      const controller = new AbortController();
      const live = collect(store.read('t1', 1001, controller.signal), () => true);
      await store.append('t1', working(1001));
      expect((await live).map((entry) => entry.seq)).toEqual([1002]);
    });

    it('forgets a task once its retention after the end has passed, and wakes its readers', async () => {
      const store = await open({ retentionMs: 50 });
      await store.create(task());
      await store.create(task('kept'));
      const reading = collect(store.read('t1', 1, new AbortController().signal), () => false);
      await store.append('t1', working(1));
      await store.append('t1', { ...ended(), final: false });
      await expect.poll(() => store.get('t1'), { timeout: 5_000 }).toBeUndefined();
      expect((await reading).map((entry) => entry.seq)).toEqual([2, 3]);
      expect(await collect(store.read('t1', 0, new AbortController().signal), () => false)).toEqual([]);
      expect((await store.list({ pageSize: 10 })).tasks.map((record) => record.task.id)).toEqual(['kept']);
      expect((await store.get('kept'))?.seq).toBe(1);
    });

    it('lists tasks newest first, by context and state, a stable page at a time', async () => {
      const store = await open();
      for (let n = 1; n <= 5; n += 1) await store.create(task(`t${n}`, n % 2 ? 'odd' : 'even'));
      await store.append('t5', ended('completed', 't5'));
      const first = await store.list({ pageSize: 2 });
      expect(first.tasks.map((record) => record.task.id)).toEqual(['t5', 't4']);
      expect(first.tasks[0]).toMatchObject({ seq: 2, firstSeq: 1, task: { status: { state: 'completed' } } });
      expect(first.totalSize).toBe(5);
      await store.create(task('t6')); // arrives between pages: the next page is not shifted by it
      const second = await store.list({ pageSize: 2, pageToken: first.nextPageToken! });
      expect(second.tasks.map((record) => record.task.id)).toEqual(['t3', 't2']);
      const third = await store.list({ pageSize: 2, pageToken: second.nextPageToken! });
      expect(third.tasks.map((record) => record.task.id)).toEqual(['t1']);
      expect(third.nextPageToken).toBeUndefined();
      const odd = await store.list({ pageSize: 10, contextId: 'odd' });
      expect(odd.tasks.map((record) => record.task.id)).toEqual(['t5', 't3', 't1']);
      expect(odd).toMatchObject({ totalSize: 3 });
      expect(odd.nextPageToken).toBeUndefined();
      const submitted = await store.list({ pageSize: 2, state: 'submitted' });
      expect(submitted.tasks.map((record) => record.task.id)).toEqual(['t6', 't4']);
      expect(submitted.totalSize).toBe(5);
      const rest = await store.list({ pageSize: 10, state: 'submitted', pageToken: submitted.nextPageToken! });
      expect(rest.tasks.map((record) => record.task.id)).toEqual(['t3', 't2', 't1']);
      expect((await store.list({ pageSize: 10, state: 'completed' })).tasks.map((record) => record.task.id)).toEqual([
        't5',
      ]);
      expect(await store.list({ pageSize: 10, contextId: 'none' })).toMatchObject({ tasks: [], totalSize: 0 });
      await expect(store.list({ pageSize: 2, pageToken: 'nope' })).rejects.toMatchObject({ code: -32602 });
    });

    it('records a user message in the history without logging an event', async () => {
      const store = await open();
      await store.create({ ...task(), history: [message('first', 'user')] });
      await store.append('t1', { ...working(1), status: { state: 'input-required', message: message('which?') } });
      await store.addMessage('t1', message('this one', 'user'));
      const record = await store.get('t1');
      expect(record?.seq).toBe(2);
      expect(record?.task.history?.map((entry) => entry.messageId)).toEqual(['m-first', 'm-which?', 'm-this one']);
      expect(record?.task.history?.at(-1)).toEqual(message('this one', 'user'));
    });

    it('answers an unknown task with undefined, an empty read and TaskNotFound on writes', async () => {
      const store = await open();
      expect(await store.get('nope')).toBeUndefined();
      expect(await collect(store.read('nope', 0, new AbortController().signal), () => true)).toEqual([]);
      await expect(store.append('nope', working(1, 'nope'))).rejects.toMatchObject({ code: -32001 });
      await expect(store.addMessage('nope', message('hello', 'user'))).rejects.toMatchObject({ code: -32001 });
      await store.create(task());
      await expect(store.create(task())).rejects.toThrow(/already exists/);
    });
  });
}
