import { describe, expect, it } from 'vitest';
import type { Task } from '@a2a-mesh/protocol';
import { InMemoryTaskStore } from './in-memory-task-store.ts';
import { listTasks } from './list-tasks.ts';

/** A store holding tasks whose status changed at the given minutes past ten, created in this order. */
async function storeWith(minutes: number[]): Promise<InMemoryTaskStore> {
  const store = new InMemoryTaskStore();
  for (const [index, minute] of minutes.entries()) {
    const task: Task = {
      kind: 'task',
      id: `t${index}`,
      contextId: index % 2 === 0 ? 'even' : 'odd',
      status: { state: 'working', timestamp: `2025-05-01T10:${String(minute).padStart(2, '0')}:00Z` },
      history: [1, 2, 3].map((n) => ({ kind: 'message', messageId: `m${index}-${n}`, role: 'user', parts: [] })),
      artifacts: [{ artifactId: 'a', parts: [] }],
    };
    await store.create(task);
  }
  return store;
}

describe('listTasks', () => {
  it('pages the store newest first, 50 by default, trimming history and leaving out artifacts', async () => {
    const store = await storeWith([0, 1, 2]);
    const page = await listTasks(store, { historyLength: 1 });
    expect(page).toMatchObject({ pageSize: 50, totalSize: 3 });
    expect(page).not.toHaveProperty('nextPageToken');
    expect(page.tasks.map((task) => task.id)).toEqual(['t2', 't1', 't0']);
    expect(page.tasks[0]?.history?.map((message) => message.messageId)).toEqual(['m2-3']);
    expect(page.tasks[0]).not.toHaveProperty('artifacts');
    expect((await listTasks(store, { includeArtifacts: true })).tasks[0]?.artifacts).toHaveLength(1);
    await store.close();
  });

  it('filters by status time at or after statusTimestampAfter, with stable pages and totals', async () => {
    const store = await storeWith([5, 20, 10, 30, 1]);
    const after = '2025-05-01T10:10:00Z';
    const first = await listTasks(store, { statusTimestampAfter: after, pageSize: 2 });
    expect(first.tasks.map((task) => task.id)).toEqual(['t3', 't2']);
    expect(first).toMatchObject({ totalSize: 3, nextPageToken: 't2' });
    const second = await listTasks(store, {
      statusTimestampAfter: after,
      pageSize: 2,
      pageToken: first.nextPageToken!,
    });
    expect(second.tasks.map((task) => task.id)).toEqual(['t1']);
    expect(second).not.toHaveProperty('nextPageToken');
    const even = await listTasks(store, { statusTimestampAfter: after, contextId: 'even' });
    expect(even.tasks.map((task) => task.id)).toEqual(['t2']);
    await store.close();
  });

  it('refuses a time that is not one, and a token that is not of the listing', async () => {
    const store = await storeWith([0]);
    await expect(listTasks(store, { statusTimestampAfter: 'yesterday' })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringContaining('params.statusTimestampAfter'),
    });
    await expect(
      listTasks(store, { statusTimestampAfter: '2025-01-01T00:00:00Z', pageToken: 'nope' }),
    ).rejects.toMatchObject({
      code: -32602,
    });
    await store.close();
  });
});
