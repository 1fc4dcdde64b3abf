import { z } from 'zod';
import type { MessageSendConfiguration, MessageSendParams } from '../methods.ts';
import { MetadataSchema } from '../parts.ts';
import { V1MessageSchema, fromV1Message, toV1Message } from './message.ts';
import { definedOf } from './proto-json.ts';
import {
  V1TaskPushNotificationConfigSchema,
  fromV1PushNotificationConfig,
  toV1PushNotificationConfig,
} from './push-notification.ts';

/**
 * How a 1.0 client wants a message handled. `returnImmediately` replaces 0.3's `blocking` with the
 * opposite meaning; both default to waiting (until the task ends or is interrupted).
 */
export const V1SendMessageConfigurationSchema = z.object({
  acceptedOutputModes: z.array(z.string()).optional(),
  taskPushNotificationConfig: V1TaskPushNotificationConfigSchema.optional(),
  historyLength: z.int().nonnegative().optional(),
  returnImmediately: z.boolean().optional(),
});
export type V1SendMessageConfiguration = z.infer<typeof V1SendMessageConfigurationSchema>;

/** Params of 1.0 `SendMessage` and `SendStreamingMessage`. */
export const V1SendMessageRequestSchema = z.object({
  tenant: z.string().optional(),
  message: V1MessageSchema,
  configuration: V1SendMessageConfigurationSchema.optional(),
  metadata: MetadataSchema.optional(),
});
export type V1SendMessageRequest = z.infer<typeof V1SendMessageRequestSchema>;

function toV1Configuration(configuration: MessageSendConfiguration): V1SendMessageConfiguration {
  return {
    ...definedOf({
      acceptedOutputModes: configuration.acceptedOutputModes,
      historyLength: configuration.historyLength,
      returnImmediately: configuration.blocking === undefined ? undefined : !configuration.blocking,
    }),
    ...(configuration.pushNotificationConfig
      ? { taskPushNotificationConfig: toV1PushNotificationConfig(configuration.pushNotificationConfig) }
      : {}),
  };
}

function fromV1Configuration(configuration: V1SendMessageConfiguration): MessageSendConfiguration {
  return {
    ...definedOf({
      acceptedOutputModes: configuration.acceptedOutputModes,
      historyLength: configuration.historyLength,
      blocking: configuration.returnImmediately === undefined ? undefined : !configuration.returnImmediately,
    }),
    ...(configuration.taskPushNotificationConfig
      ? { pushNotificationConfig: fromV1PushNotificationConfig(configuration.taskPushNotificationConfig) }
      : {}),
  };
}

/** `message/send` params as 1.0 `SendMessage` params. */
export function toV1SendMessageRequest(params: MessageSendParams): V1SendMessageRequest {
  return {
    message: toV1Message(params.message),
    ...(params.configuration ? { configuration: toV1Configuration(params.configuration) } : {}),
    ...(params.metadata ? { metadata: params.metadata } : {}),
  };
}

/** 1.0 `SendMessage` params in our model; the tenant is dropped (we serve none). */
export function fromV1SendMessageRequest(request: V1SendMessageRequest): MessageSendParams {
  return {
    message: fromV1Message(request.message),
    ...(request.configuration ? { configuration: fromV1Configuration(request.configuration) } : {}),
    ...(request.metadata ? { metadata: request.metadata } : {}),
  };
}
