import { z } from 'zod';
import type { TaskIdParams, TaskQueryParams } from '../methods.ts';
import { MetadataSchema } from '../parts.ts';

/** Params of 1.0 `GetTask`. */
export const V1GetTaskRequestSchema = z.object({
  tenant: z.string().optional(),
  id: z.string().min(1),
  historyLength: z.int().nonnegative().optional(),
});
export type V1GetTaskRequest = z.infer<typeof V1GetTaskRequestSchema>;

/**
 * Params of 1.0 `CancelTask` and `SubscribeToTask`. 1.0 gives `SubscribeToTask` no `metadata`; we
 * read one anyway, for the resumable-stream cursor (`metadata["a2a-mesh/lastEventId"]`), as other
 * servers ignore a field they do not know.
 */
export const V1TaskIdRequestSchema = z.object({
  tenant: z.string().optional(),
  id: z.string().min(1),
  metadata: MetadataSchema.optional(),
});
export type V1TaskIdRequest = z.infer<typeof V1TaskIdRequestSchema>;

/** `tasks/get` params as 1.0 `GetTask` params (1.0 has no `metadata` there). */
export function toV1GetTaskRequest(params: TaskQueryParams): V1GetTaskRequest {
  return { id: params.id, ...(params.historyLength === undefined ? {} : { historyLength: params.historyLength }) };
}

/** 1.0 `GetTask` params in our model. */
export function fromV1GetTaskRequest(request: V1GetTaskRequest): TaskQueryParams {
  return { id: request.id, ...(request.historyLength === undefined ? {} : { historyLength: request.historyLength }) };
}

/** `tasks/cancel` or `tasks/resubscribe` params as 1.0 `CancelTask` or `SubscribeToTask` params. */
export function toV1TaskIdRequest(params: TaskIdParams): V1TaskIdRequest {
  return { id: params.id, ...(params.metadata ? { metadata: params.metadata } : {}) };
}

/** 1.0 `CancelTask` or `SubscribeToTask` params in our model. */
export function fromV1TaskIdRequest(request: V1TaskIdRequest): TaskIdParams {
  return { id: request.id, ...(request.metadata ? { metadata: request.metadata } : {}) };
}
