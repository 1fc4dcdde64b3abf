import { z } from 'zod';
import { MessageSchema } from './message.ts';
import { MetadataSchema, PartSchema } from './parts.ts';

/** Every state a task can be in (A2A 0.3.0). */
export const TaskStateSchema = z.enum([
  'submitted',
  'working',
  'input-required',
  'completed',
  'canceled',
  'failed',
  'rejected',
  'auth-required',
  'unknown',
]);
export type TaskState = z.infer<typeof TaskStateSchema>;

const terminalStates: ReadonlySet<TaskState> = new Set(['completed', 'canceled', 'failed', 'rejected']);
const interruptedStates: ReadonlySet<TaskState> = new Set(['input-required', 'auth-required']);

/** A terminal task can never change state again. */
export function isTerminalState(state: TaskState): boolean {
  return terminalStates.has(state);
}

/** An interrupted task waits for the client: the next message on it continues the task. */
export function isInterruptedState(state: TaskState): boolean {
  return interruptedStates.has(state);
}

/** Where a task stands, with an optional message from the agent. */
export const TaskStatusSchema = z.object({
  state: TaskStateSchema,
  message: MessageSchema.optional(),
  timestamp: z.string().optional(),
});
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** An output of a task: a document, an answer, a file. */
export const ArtifactSchema = z.object({
  artifactId: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  parts: z.array(PartSchema),
  metadata: MetadataSchema.optional(),
  extensions: z.array(z.string()).optional(),
});
export type Artifact = z.infer<typeof ArtifactSchema>;

/** A unit of work an agent does, with its status, history and artifacts. */
export const TaskSchema = z.object({
  kind: z.literal('task'),
  id: z.string().min(1),
  contextId: z.string().min(1),
  status: TaskStatusSchema,
  history: z.array(MessageSchema).optional(),
  artifacts: z.array(ArtifactSchema).optional(),
  metadata: MetadataSchema.optional(),
});
export type Task = z.infer<typeof TaskSchema>;
