import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { ListTasksParams, ListTasksResult, Task } from '@a2a-mesh/protocol';
import { copyTask } from './snapshot.ts';
import type { TaskRecord, TaskStore } from './task-store.ts';

/** 1.0 §3.1.4: 50 tasks a page unless asked otherwise. */
const defaultPageSize = 50;
/** The largest page the store serves. */
const maxPageSize = 100;

/**
 * `ListTasks` over a store's cursor pages: newest first, filtered by context and state in the
 * store, with each task cut to `historyLength` messages and stripped of its artifacts unless
 * `includeArtifacts`. A `statusTimestampAfter` filter is not one the store knows, so those
 * listings read every matching task and page over the result, with the same kind of token (the
 * id of the last task returned).
 */
export async function listTasks(store: Pick<TaskStore, 'list'>, params: ListTasksParams): Promise<ListTasksResult> {
  const pageSize = params.pageSize ?? defaultPageSize;
  const shape = (record: TaskRecord): Task => {
    const task = copyTask(record.task, params.historyLength);
    if (!params.includeArtifacts) delete task.artifacts;
    return task;
  };
  const query = {
    ...(params.contextId === undefined ? {} : { contextId: params.contextId }),
    ...(params.state === undefined ? {} : { state: params.state }),
  };
  if (params.statusTimestampAfter === undefined) {
    const page = await store.list({
      ...query,
      pageSize,
      ...(params.pageToken === undefined ? {} : { pageToken: params.pageToken }),
    });
    return {
      tasks: page.tasks.map(shape),
      pageSize,
      totalSize: page.totalSize,
      ...(page.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }),
    };
  }
  const after = Date.parse(params.statusTimestampAfter);
  if (Number.isNaN(after)) {
    throw A2AError.of(
      ErrorCode.InvalidParams,
      `params.statusTimestampAfter: expected an ISO 8601 time, received ${JSON.stringify(params.statusTimestampAfter)}`,
    );
  }
  const matching = (await readAll(store, query)).filter((record) => {
    const timestamp = record.task.status.timestamp;
    return timestamp !== undefined && Date.parse(timestamp) >= after;
  });
  let start = 0;
  if (params.pageToken !== undefined) {
    start = matching.findIndex((record) => record.task.id === params.pageToken) + 1;
    if (start === 0) {
      throw A2AError.of(ErrorCode.InvalidParams, `pageToken ${params.pageToken} is not a task of this listing`);
    }
  }
  const page = matching.slice(start, start + pageSize);
  const last = page.at(-1);
  return {
    tasks: page.map(shape),
    pageSize,
    totalSize: matching.length,
    ...(last && start + page.length < matching.length ? { nextPageToken: last.task.id } : {}),
  };
}

async function readAll(
  store: Pick<TaskStore, 'list'>,
  query: { contextId?: string; state?: Task['status']['state'] },
): Promise<TaskRecord[]> {
  const records: TaskRecord[] = [];
  let pageToken: string | undefined;
  do {
    const page = await store.list({ ...query, pageSize: maxPageSize, ...(pageToken ? { pageToken } : {}) });
    records.push(...page.tasks);
    pageToken = page.nextPageToken;
  } while (pageToken !== undefined);
  return records;
}
