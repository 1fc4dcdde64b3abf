import { z } from 'zod';
import type { StreamEvent, TaskArtifactUpdateEvent, TaskStatusUpdateEvent } from '../events.ts';
import type { SendMessageResult } from '../methods.ts';
import { MetadataSchema } from '../parts.ts';
import { isInterruptedState, isTerminalState } from '../task.ts';
import { V1MessageSchema, fromV1Message, toV1Message } from './message.ts';
import {
  V1ArtifactSchema,
  V1TaskSchema,
  V1TaskStatusSchema,
  fromV1Artifact,
  fromV1Task,
  fromV1TaskStatus,
  toV1Artifact,
  toV1Task,
  toV1TaskStatus,
} from './task.ts';

/** A 1.0 status update: no `kind`, no `final` (the end of a stream is the closing of it). */
export const V1TaskStatusUpdateEventSchema = z.object({
  taskId: z.string().min(1),
  contextId: z.string().default(''),
  status: V1TaskStatusSchema,
  metadata: MetadataSchema.optional(),
});
export type V1TaskStatusUpdateEvent = z.infer<typeof V1TaskStatusUpdateEventSchema>;

/** A 1.0 artifact update. */
export const V1TaskArtifactUpdateEventSchema = z.object({
  taskId: z.string().min(1),
  contextId: z.string().default(''),
  artifact: V1ArtifactSchema,
  append: z.boolean().optional(),
  lastChunk: z.boolean().optional(),
  metadata: MetadataSchema.optional(),
});
export type V1TaskArtifactUpdateEvent = z.infer<typeof V1TaskArtifactUpdateEventSchema>;

/** One member of a wrapper object, the 1.0 way of writing a union (a proto `oneof`). */
function oneOf<TShape extends Record<string, z.ZodType>>(shape: TShape) {
  const keys = Object.keys(shape);
  return z
    .object(Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, schema.optional()])))
    .superRefine((value, context) => {
      const present = keys.filter((key) => value[key] !== undefined);
      if (present.length !== 1) {
        context.addIssue({ code: 'custom', message: `expected exactly one of ${keys.join(', ')}` });
      }
    }) as unknown as z.ZodType<{ [TKey in keyof TShape]: { [TOnly in TKey]: z.infer<TShape[TKey]> } }[keyof TShape]>;
}

/** What a 1.0 stream carries in each event's `result`: exactly one of four members. */
export const V1StreamResponseSchema = oneOf({
  task: V1TaskSchema,
  message: V1MessageSchema,
  statusUpdate: V1TaskStatusUpdateEventSchema,
  artifactUpdate: V1TaskArtifactUpdateEventSchema,
});
export type V1StreamResponse = z.infer<typeof V1StreamResponseSchema>;

/** The `result` of a 1.0 `SendMessage`: `{ task }` or `{ message }`. */
export const V1SendMessageResponseSchema = oneOf({ task: V1TaskSchema, message: V1MessageSchema });
export type V1SendMessageResponse = z.infer<typeof V1SendMessageResponseSchema>;

/** A status update as 1.0 writes it: `final` is dropped. */
export function toV1TaskStatusUpdateEvent(event: TaskStatusUpdateEvent): V1TaskStatusUpdateEvent {
  return {
    taskId: event.taskId,
    contextId: event.contextId,
    status: toV1TaskStatus(event.status),
    ...(event.metadata ? { metadata: event.metadata } : {}),
  };
}

/**
 * A 1.0 status update in our model. `final` comes back from the state: a terminal or interrupted
 * state ends the interaction, which is where our server (and a2a-js, for input-required) closes
 * a 1.0 stream.
 */
export function fromV1TaskStatusUpdateEvent(event: V1TaskStatusUpdateEvent): TaskStatusUpdateEvent {
  const status = fromV1TaskStatus(event.status);
  return {
    kind: 'status-update',
    taskId: event.taskId,
    contextId: event.contextId,
    status,
    final: isTerminalState(status.state) || isInterruptedState(status.state),
    ...(event.metadata ? { metadata: event.metadata } : {}),
  };
}

/**
 * An artifact update as 1.0 writes it. `append` and `lastChunk` are written whenever they are
 * set, `false` included (ProtoJSON may write defaults), so that a reader sees what the agent said.
 */
export function toV1TaskArtifactUpdateEvent(event: TaskArtifactUpdateEvent): V1TaskArtifactUpdateEvent {
  return {
    taskId: event.taskId,
    contextId: event.contextId,
    artifact: toV1Artifact(event.artifact),
    ...(event.append === undefined ? {} : { append: event.append }),
    ...(event.lastChunk === undefined ? {} : { lastChunk: event.lastChunk }),
    ...(event.metadata ? { metadata: event.metadata } : {}),
  };
}

/** A 1.0 artifact update in our model. */
export function fromV1TaskArtifactUpdateEvent(event: V1TaskArtifactUpdateEvent): TaskArtifactUpdateEvent {
  return {
    kind: 'artifact-update',
    taskId: event.taskId,
    contextId: event.contextId,
    artifact: fromV1Artifact(event.artifact),
    ...(event.append !== undefined ? { append: event.append } : {}),
    ...(event.lastChunk !== undefined ? { lastChunk: event.lastChunk } : {}),
    ...(event.metadata ? { metadata: event.metadata } : {}),
  };
}

/** A stream event wrapped the 1.0 way. */
export function toV1StreamResponse(event: StreamEvent): V1StreamResponse {
  switch (event.kind) {
    case 'task':
      return { task: toV1Task(event) };
    case 'message':
      return { message: toV1Message(event) };
    case 'status-update':
      return { statusUpdate: toV1TaskStatusUpdateEvent(event) };
    case 'artifact-update':
      return { artifactUpdate: toV1TaskArtifactUpdateEvent(event) };
  }
}

/** A 1.0 stream response unwrapped into our event union. */
export function fromV1StreamResponse(response: V1StreamResponse): StreamEvent {
  if ('task' in response) return fromV1Task(response.task);
  if ('message' in response) return fromV1Message(response.message);
  if ('statusUpdate' in response) return fromV1TaskStatusUpdateEvent(response.statusUpdate);
  return fromV1TaskArtifactUpdateEvent(response.artifactUpdate);
}

/** A `message/send` result wrapped the 1.0 way. */
export function toV1SendMessageResponse(result: SendMessageResult): V1SendMessageResponse {
  return result.kind === 'task' ? { task: toV1Task(result) } : { message: toV1Message(result) };
}

/** A 1.0 `SendMessage` result in our model. */
export function fromV1SendMessageResponse(response: V1SendMessageResponse): SendMessageResult {
  return 'task' in response ? fromV1Task(response.task) : fromV1Message(response.message);
}
