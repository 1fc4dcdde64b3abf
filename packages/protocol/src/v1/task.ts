import { z } from 'zod';
import { MetadataSchema } from '../parts.ts';
import type { Artifact, Task, TaskStatus } from '../task.ts';
import { V1TaskStateSchema, fromV1TaskState, toV1TaskState } from './enums.ts';
import { V1MessageSchema, fromV1Message, toV1Message } from './message.ts';
import { V1PartSchema, fromV1Part, toV1Part } from './parts.ts';
import { definedOf, nonEmpty } from './proto-json.ts';

/** A 1.0 `TaskStatus`; an absent state is the proto default, unspecified. */
export const V1TaskStatusSchema = z.object({
  state: V1TaskStateSchema.default('TASK_STATE_UNSPECIFIED'),
  message: V1MessageSchema.optional(),
  timestamp: z.string().optional(),
});
export type V1TaskStatus = z.infer<typeof V1TaskStatusSchema>;

/** A 1.0 `Artifact`. */
export const V1ArtifactSchema = z.object({
  artifactId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(V1PartSchema).default([]),
  metadata: MetadataSchema.optional(),
  extensions: z.array(z.string()).optional(),
});
export type V1Artifact = z.infer<typeof V1ArtifactSchema>;

/** A 1.0 `Task`: no `kind`. */
export const V1TaskSchema = z.object({
  id: z.string().min(1),
  contextId: z.string().default(''),
  status: V1TaskStatusSchema,
  artifacts: z.array(V1ArtifactSchema).optional(),
  history: z.array(V1MessageSchema).optional(),
  metadata: MetadataSchema.optional(),
});
export type V1Task = z.infer<typeof V1TaskSchema>;

/** A task status as 1.0 writes it. */
export function toV1TaskStatus(status: TaskStatus): V1TaskStatus {
  return {
    state: toV1TaskState(status.state),
    ...(status.message ? { message: toV1Message(status.message) } : {}),
    ...(status.timestamp ? { timestamp: status.timestamp } : {}),
  };
}

/** A 1.0 task status in our model. */
export function fromV1TaskStatus(status: V1TaskStatus): TaskStatus {
  return {
    state: fromV1TaskState(status.state),
    ...(status.message ? { message: fromV1Message(status.message) } : {}),
    ...(nonEmpty(status.timestamp) ? { timestamp: status.timestamp } : {}),
  };
}

/** An artifact as 1.0 writes it. */
export function toV1Artifact(artifact: Artifact): V1Artifact {
  return {
    artifactId: artifact.artifactId,
    ...definedOf({ name: nonEmpty(artifact.name), description: nonEmpty(artifact.description) }),
    parts: artifact.parts.map(toV1Part),
    ...definedOf({ metadata: artifact.metadata, extensions: artifact.extensions }),
  };
}

/** A 1.0 artifact in our model. */
export function fromV1Artifact(artifact: V1Artifact): Artifact {
  return {
    artifactId: artifact.artifactId,
    ...definedOf({ name: nonEmpty(artifact.name), description: nonEmpty(artifact.description) }),
    parts: artifact.parts.map(fromV1Part),
    ...definedOf({ metadata: artifact.metadata, extensions: artifact.extensions }),
  };
}

/**
 * A task as 1.0 writes it. An empty `history` stays (ProtoJSON may write defaults): a reader then
 * tells "no messages kept" (`historyLength: 0`) from "not sent".
 */
export function toV1Task(task: Task): V1Task {
  return {
    id: task.id,
    contextId: task.contextId,
    status: toV1TaskStatus(task.status),
    ...(task.artifacts ? { artifacts: task.artifacts.map(toV1Artifact) } : {}),
    ...(task.history ? { history: task.history.map(toV1Message) } : {}),
    ...(task.metadata ? { metadata: task.metadata } : {}),
  };
}

/** A 1.0 task in our model. */
export function fromV1Task(task: V1Task): Task {
  return {
    kind: 'task',
    id: task.id,
    contextId: task.contextId,
    status: fromV1TaskStatus(task.status),
    ...(task.history ? { history: task.history.map(fromV1Message) } : {}),
    ...(task.artifacts ? { artifacts: task.artifacts.map(fromV1Artifact) } : {}),
    ...(task.metadata ? { metadata: task.metadata } : {}),
  };
}
