import { z } from 'zod';
import { AgentCardSchema } from './agent-card.ts';
import { StreamEventSchema } from './events.ts';
import { MessageSchema, OutgoingMessageSchema } from './message.ts';
import { MetadataSchema } from './parts.ts';
import { PushNotificationConfigSchema, TaskPushNotificationConfigSchema } from './push-notification.ts';
import { TaskSchema } from './task.ts';

/** How the client wants a `message/send` or `message/stream` handled. */
export const MessageSendConfigurationSchema = z.object({
  acceptedOutputModes: z.array(z.string()).optional(),
  historyLength: z.int().nonnegative().optional(),
  pushNotificationConfig: PushNotificationConfigSchema.optional(),
  blocking: z.boolean().optional(),
});
export type MessageSendConfiguration = z.infer<typeof MessageSendConfigurationSchema>;

/** Params of `message/send` and `message/stream`. */
export const MessageSendParamsSchema = z.object({
  message: OutgoingMessageSchema,
  configuration: MessageSendConfigurationSchema.optional(),
  metadata: MetadataSchema.optional(),
});
export type MessageSendParams = z.infer<typeof MessageSendParamsSchema>;

/** Params naming a task: `tasks/cancel`, `tasks/resubscribe`, `tasks/pushNotificationConfig/list`. */
export const TaskIdParamsSchema = z.object({
  id: z.string().min(1),
  metadata: MetadataSchema.optional(),
});
export type TaskIdParams = z.infer<typeof TaskIdParamsSchema>;

/** Params of `tasks/get`. */
export const TaskQueryParamsSchema = TaskIdParamsSchema.extend({
  historyLength: z.int().nonnegative().optional(),
});
export type TaskQueryParams = z.infer<typeof TaskQueryParamsSchema>;

/** Params of `tasks/pushNotificationConfig/get`. */
export const GetTaskPushNotificationConfigParamsSchema = TaskIdParamsSchema.extend({
  pushNotificationConfigId: z.string().optional(),
});

/** Params of `tasks/pushNotificationConfig/delete`. */
export const DeleteTaskPushNotificationConfigParamsSchema = TaskIdParamsSchema.extend({
  pushNotificationConfigId: z.string(),
});

/** `message/send` answers with the task, or with a direct message for agents that keep no task. */
export const SendMessageResultSchema = z.discriminatedUnion('kind', [TaskSchema, MessageSchema]);
export type SendMessageResult = z.infer<typeof SendMessageResultSchema>;

/**
 * Every A2A 0.3.0 JSON-RPC method: its params, its result, and whether it answers with a stream.
 * This table is the single source of truth for the server's dispatch and the client's parsing.
 */
export const methods = {
  'message/send': { params: MessageSendParamsSchema, result: SendMessageResultSchema, streaming: false },
  'message/stream': { params: MessageSendParamsSchema, result: StreamEventSchema, streaming: true },
  'tasks/get': { params: TaskQueryParamsSchema, result: TaskSchema, streaming: false },
  'tasks/cancel': { params: TaskIdParamsSchema, result: TaskSchema, streaming: false },
  'tasks/resubscribe': { params: TaskIdParamsSchema, result: StreamEventSchema, streaming: true },
  'tasks/pushNotificationConfig/set': {
    params: TaskPushNotificationConfigSchema,
    result: TaskPushNotificationConfigSchema,
    streaming: false,
  },
  'tasks/pushNotificationConfig/get': {
    params: GetTaskPushNotificationConfigParamsSchema,
    result: TaskPushNotificationConfigSchema,
    streaming: false,
  },
  'tasks/pushNotificationConfig/list': {
    params: TaskIdParamsSchema,
    result: z.array(TaskPushNotificationConfigSchema),
    streaming: false,
  },
  'tasks/pushNotificationConfig/delete': {
    params: DeleteTaskPushNotificationConfigParamsSchema,
    result: z.null(),
    streaming: false,
  },
  'agent/getAuthenticatedExtendedCard': {
    // The official request declares no params, so any value is accepted and ignored.
    params: z.unknown().optional(),
    result: AgentCardSchema,
    streaming: false,
  },
} as const;

/** A method name of A2A 0.3.0. */
export type MethodName = keyof typeof methods;
/** The params a method takes. */
export type MethodParams<TMethod extends MethodName> = z.infer<(typeof methods)[TMethod]['params']>;
/** What a method answers with (for a streaming method: the type of one event). */
export type MethodResult<TMethod extends MethodName> = z.infer<(typeof methods)[TMethod]['result']>;

/** Narrows a string to a method name of ours. */
export function isMethodName(method: string): method is MethodName {
  return Object.hasOwn(methods, method);
}
