import { z } from 'zod';
import type { PushNotificationConfig, TaskPushNotificationConfig } from '../push-notification.ts';
import { definedOf, nonEmpty } from './proto-json.ts';

/**
 * A 1.0 push configuration: flat (0.3 nested it under `pushNotificationConfig`), with one
 * authentication `scheme` where 0.3 listed `schemes`.
 */
export const V1TaskPushNotificationConfigSchema = z.object({
  tenant: z.string().optional(),
  id: z.string().optional(),
  taskId: z.string().optional(),
  url: z.string().min(1),
  token: z.string().optional(),
  authentication: z.object({ scheme: z.string().default(''), credentials: z.string().optional() }).optional(),
});
export type V1TaskPushNotificationConfig = z.infer<typeof V1TaskPushNotificationConfigSchema>;

/** A 0.3 push configuration (optionally bound to a task) as 1.0 writes it; only the first scheme is kept. */
export function toV1PushNotificationConfig(
  config: PushNotificationConfig,
  taskId?: string,
): V1TaskPushNotificationConfig {
  const scheme = config.authentication?.schemes[0];
  return {
    ...definedOf({ id: nonEmpty(config.id), taskId: nonEmpty(taskId) }),
    url: config.url,
    ...definedOf({ token: nonEmpty(config.token) }),
    ...(config.authentication
      ? {
          authentication: {
            scheme: scheme ?? '',
            ...definedOf({ credentials: nonEmpty(config.authentication.credentials) }),
          },
        }
      : {}),
  };
}

/** A 1.0 push configuration in our model, without its task. */
export function fromV1PushNotificationConfig(config: V1TaskPushNotificationConfig): PushNotificationConfig {
  const authentication = config.authentication;
  return {
    url: config.url,
    ...definedOf({ id: nonEmpty(config.id), token: nonEmpty(config.token) }),
    ...(authentication
      ? {
          authentication: {
            schemes: authentication.scheme ? [authentication.scheme] : [],
            ...definedOf({ credentials: nonEmpty(authentication.credentials) }),
          },
        }
      : {}),
  };
}

/** A task's push configuration as 1.0 writes it. */
export function toV1TaskPushNotificationConfig(config: TaskPushNotificationConfig): V1TaskPushNotificationConfig {
  return toV1PushNotificationConfig(config.pushNotificationConfig, config.taskId);
}

/** A 1.0 task push configuration in our model. */
export function fromV1TaskPushNotificationConfig(config: V1TaskPushNotificationConfig): TaskPushNotificationConfig {
  return { taskId: config.taskId ?? '', pushNotificationConfig: fromV1PushNotificationConfig(config) };
}

/** Params of 1.0 `GetTaskPushNotificationConfig` and `DeleteTaskPushNotificationConfig`. */
export const V1TaskPushNotificationConfigRequestSchema = z.object({
  tenant: z.string().optional(),
  taskId: z.string().min(1),
  id: z.string().default(''),
});

/** Params of 1.0 `ListTaskPushNotificationConfigs`. */
export const V1ListTaskPushNotificationConfigsRequestSchema = z.object({
  tenant: z.string().optional(),
  taskId: z.string().min(1),
  pageSize: z.int().nonnegative().optional(),
  pageToken: z.string().optional(),
});

/** The result of 1.0 `ListTaskPushNotificationConfigs`. */
export const V1ListTaskPushNotificationConfigsResponseSchema = z.object({
  configs: z.array(V1TaskPushNotificationConfigSchema).default([]),
  nextPageToken: z.string().optional(),
});
