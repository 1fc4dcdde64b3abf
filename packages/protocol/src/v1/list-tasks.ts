import { z } from 'zod';
import { TaskStateSchema } from '../task.ts';
import type { Task } from '../task.ts';
import { V1TaskStateSchema, fromV1TaskState, toV1TaskState } from './enums.ts';
import { definedOf, nonEmpty } from './proto-json.ts';
import { V1TaskSchema, fromV1Task, toV1Task } from './task.ts';

/**
 * `ListTasks` (new in 1.0) in our model's vocabulary: newest first, optionally of one context or
 * in one state, a page at a time (1–100 tasks, default 50). `historyLength` keeps the latest
 * messages of each task; artifacts come only with `includeArtifacts`.
 */
export const ListTasksParamsSchema = z.object({
  contextId: z.string().optional(),
  state: TaskStateSchema.optional(),
  pageSize: z.int().min(1).max(100).optional(),
  pageToken: z.string().optional(),
  historyLength: z.int().nonnegative().optional(),
  /** ISO 8601: only tasks whose status changed at or after this time. */
  statusTimestampAfter: z.string().optional(),
  includeArtifacts: z.boolean().optional(),
});
export type ListTasksParams = z.infer<typeof ListTasksParamsSchema>;

/** One page of `ListTasks`. */
export interface ListTasksResult {
  tasks: Task[];
  /** Present when more tasks follow. */
  nextPageToken?: string;
  /** The page size the server applied. */
  pageSize: number;
  /** How many tasks match in all. */
  totalSize: number;
}

/** Params of 1.0 `ListTasks`. The state filter is called `status`; unspecified means none. */
export const V1ListTasksRequestSchema = z.object({
  tenant: z.string().optional(),
  contextId: z.string().optional(),
  status: V1TaskStateSchema.optional(),
  pageSize: z.int().nonnegative().optional(),
  pageToken: z.string().optional(),
  historyLength: z.int().nonnegative().optional(),
  statusTimestampAfter: z.string().optional(),
  includeArtifacts: z.boolean().optional(),
});
export type V1ListTasksRequest = z.infer<typeof V1ListTasksRequestSchema>;

/** The result of 1.0 `ListTasks`: every field written, as a2a-js does (`nextPageToken` `""` on the last page). */
export const V1ListTasksResponseSchema = z.object({
  tasks: z.array(V1TaskSchema).default([]),
  nextPageToken: z.string().default(''),
  pageSize: z.int().default(0),
  totalSize: z.int().default(0),
});
export type V1ListTasksResponse = z.infer<typeof V1ListTasksResponseSchema>;

/** `ListTasks` params as 1.0 writes them. */
export function toV1ListTasksRequest(params: ListTasksParams): V1ListTasksRequest {
  return definedOf({
    contextId: nonEmpty(params.contextId),
    status: params.state === undefined ? undefined : toV1TaskState(params.state),
    pageSize: params.pageSize,
    pageToken: nonEmpty(params.pageToken),
    historyLength: params.historyLength,
    statusTimestampAfter: nonEmpty(params.statusTimestampAfter),
    includeArtifacts: params.includeArtifacts,
  });
}

/** 1.0 `ListTasks` params in our model: `0` and `""` are ProtoJSON's unset. */
export function fromV1ListTasksRequest(request: V1ListTasksRequest): ListTasksParams {
  return definedOf({
    contextId: nonEmpty(request.contextId),
    state:
      request.status === undefined || request.status === 'TASK_STATE_UNSPECIFIED'
        ? undefined
        : fromV1TaskState(request.status),
    pageSize: request.pageSize === 0 ? undefined : request.pageSize,
    pageToken: nonEmpty(request.pageToken),
    historyLength: request.historyLength,
    statusTimestampAfter: nonEmpty(request.statusTimestampAfter),
    includeArtifacts: request.includeArtifacts,
  });
}

/** A page of tasks as 1.0 writes it. */
export function toV1ListTasksResponse(result: ListTasksResult): V1ListTasksResponse {
  return {
    tasks: result.tasks.map(toV1Task),
    nextPageToken: result.nextPageToken ?? '',
    pageSize: result.pageSize,
    totalSize: result.totalSize,
  };
}

/** A 1.0 page of tasks in our model. */
export function fromV1ListTasksResponse(response: V1ListTasksResponse): ListTasksResult {
  return {
    tasks: response.tasks.map(fromV1Task),
    ...definedOf({ nextPageToken: nonEmpty(response.nextPageToken) }),
    pageSize: response.pageSize,
    totalSize: response.totalSize,
  };
}
