import { z } from 'zod';
import { MessageSchema } from './message.ts';
import { MetadataSchema } from './parts.ts';
import { ArtifactSchema, TaskSchema, TaskStatusSchema } from './task.ts';

/** A task changed state. `final` marks the last event of this interaction's stream. */
export const TaskStatusUpdateEventSchema = z.object({
  kind: z.literal('status-update'),
  taskId: z.string(),
  contextId: z.string(),
  status: TaskStatusSchema,
  final: z.boolean(),
  metadata: MetadataSchema.optional(),
});
export type TaskStatusUpdateEvent = z.infer<typeof TaskStatusUpdateEventSchema>;

/** A task produced (a chunk of) an artifact. */
export const TaskArtifactUpdateEventSchema = z.object({
  kind: z.literal('artifact-update'),
  taskId: z.string(),
  contextId: z.string(),
  artifact: ArtifactSchema,
  append: z.boolean().optional(),
  lastChunk: z.boolean().optional(),
  metadata: MetadataSchema.optional(),
});
export type TaskArtifactUpdateEvent = z.infer<typeof TaskArtifactUpdateEventSchema>;

/** What a task emits while it runs: the two update kinds. */
export const TaskUpdateEventSchema = z.discriminatedUnion('kind', [
  TaskStatusUpdateEventSchema,
  TaskArtifactUpdateEventSchema,
]);
export type TaskUpdateEvent = z.infer<typeof TaskUpdateEventSchema>;

/** Anything a `message/stream` or `tasks/resubscribe` stream may carry as its `result`. */
export const StreamEventSchema = z.discriminatedUnion('kind', [
  TaskSchema,
  MessageSchema,
  TaskStatusUpdateEventSchema,
  TaskArtifactUpdateEventSchema,
]);
export type StreamEvent = z.infer<typeof StreamEventSchema>;
