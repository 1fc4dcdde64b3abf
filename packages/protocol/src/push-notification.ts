import { z } from 'zod';

/** Credentials the agent presents when it calls the client's webhook. */
export const PushNotificationAuthenticationInfoSchema = z.object({
  schemes: z.array(z.string()),
  credentials: z.string().optional(),
});

/** Where and how to push task updates. */
export const PushNotificationConfigSchema = z.object({
  url: z.string().min(1),
  id: z.string().optional(),
  token: z.string().optional(),
  authentication: PushNotificationAuthenticationInfoSchema.optional(),
});
export type PushNotificationConfig = z.infer<typeof PushNotificationConfigSchema>;

/** A push configuration bound to one task. */
export const TaskPushNotificationConfigSchema = z.object({
  taskId: z.string().min(1),
  pushNotificationConfig: PushNotificationConfigSchema,
});
export type TaskPushNotificationConfig = z.infer<typeof TaskPushNotificationConfigSchema>;
