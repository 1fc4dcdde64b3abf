import { z } from 'zod';
import type { MethodName } from '../methods.ts';
import { V1AgentCardSchema } from './agent-card.ts';
import { V1SendMessageResponseSchema, V1StreamResponseSchema } from './events.ts';
import { V1ListTasksRequestSchema, V1ListTasksResponseSchema } from './list-tasks.ts';
import {
  V1ListTaskPushNotificationConfigsRequestSchema,
  V1ListTaskPushNotificationConfigsResponseSchema,
  V1TaskPushNotificationConfigRequestSchema,
  V1TaskPushNotificationConfigSchema,
} from './push-notification.ts';
import { V1SendMessageRequestSchema } from './send-message.ts';
import { V1GetTaskRequestSchema, V1TaskIdRequestSchema } from './task-requests.ts';
import { V1TaskSchema } from './task.ts';

/**
 * Every A2A 1.0 JSON-RPC method (PascalCase, as in gRPC): its params and result as 1.0 writes
 * them, whether it answers with a stream, and the 0.3 method it corresponds to (`ListTasks` has
 * none). The two sets of names are disjoint, so one endpoint serves both.
 */
export const v1Methods = {
  SendMessage: {
    legacy: 'message/send',
    params: V1SendMessageRequestSchema,
    result: V1SendMessageResponseSchema,
    streaming: false,
  },
  SendStreamingMessage: {
    legacy: 'message/stream',
    params: V1SendMessageRequestSchema,
    result: V1StreamResponseSchema,
    streaming: true,
  },
  GetTask: { legacy: 'tasks/get', params: V1GetTaskRequestSchema, result: V1TaskSchema, streaming: false },
  ListTasks: {
    legacy: undefined,
    params: V1ListTasksRequestSchema,
    result: V1ListTasksResponseSchema,
    streaming: false,
  },
  CancelTask: { legacy: 'tasks/cancel', params: V1TaskIdRequestSchema, result: V1TaskSchema, streaming: false },
  SubscribeToTask: {
    legacy: 'tasks/resubscribe',
    params: V1TaskIdRequestSchema,
    result: V1StreamResponseSchema,
    streaming: true,
  },
  CreateTaskPushNotificationConfig: {
    legacy: 'tasks/pushNotificationConfig/set',
    params: V1TaskPushNotificationConfigSchema,
    result: V1TaskPushNotificationConfigSchema,
    streaming: false,
  },
  GetTaskPushNotificationConfig: {
    legacy: 'tasks/pushNotificationConfig/get',
    params: V1TaskPushNotificationConfigRequestSchema,
    result: V1TaskPushNotificationConfigSchema,
    streaming: false,
  },
  ListTaskPushNotificationConfigs: {
    legacy: 'tasks/pushNotificationConfig/list',
    params: V1ListTaskPushNotificationConfigsRequestSchema,
    result: V1ListTaskPushNotificationConfigsResponseSchema,
    streaming: false,
  },
  DeleteTaskPushNotificationConfig: {
    legacy: 'tasks/pushNotificationConfig/delete',
    params: V1TaskPushNotificationConfigRequestSchema,
    // `google.protobuf.Empty`: a2a-js answers null, ProtoJSON writes `{}`.
    result: z.unknown(),
    streaming: false,
  },
  GetExtendedAgentCard: {
    legacy: 'agent/getAuthenticatedExtendedCard',
    params: z.object({ tenant: z.string().optional() }).optional(),
    result: V1AgentCardSchema,
    streaming: false,
  },
} as const satisfies Record<
  string,
  { legacy: MethodName | undefined; params: z.ZodType; result: z.ZodType; streaming: boolean }
>;

/** A method name of A2A 1.0. */
export type V1MethodName = keyof typeof v1Methods;

/** Narrows a string to a 1.0 method name. */
export function isV1MethodName(method: string): method is V1MethodName {
  return Object.hasOwn(v1Methods, method);
}

/** The 1.0 name of a 0.3 method. */
export const v1MethodNames = Object.fromEntries(
  Object.entries(v1Methods).flatMap(([name, method]) => (method.legacy ? [[method.legacy, name]] : [])),
) as Readonly<Record<MethodName, V1MethodName>>;
