import { z } from 'zod';
import type { Message } from '../message.ts';
import { MetadataSchema } from '../parts.ts';
import { V1RoleSchema, fromV1Role, toV1Role } from './enums.ts';
import { V1PartSchema, fromV1Part, toV1Part } from './parts.ts';
import { definedOf, nonEmpty } from './proto-json.ts';

/** A 1.0 `Message`: no `kind`; `role` is `ROLE_USER` or `ROLE_AGENT`. */
export const V1MessageSchema = z.object({
  messageId: z.string().min(1),
  role: V1RoleSchema,
  parts: z.array(V1PartSchema).default([]),
  contextId: z.string().optional(),
  taskId: z.string().optional(),
  referenceTaskIds: z.array(z.string()).optional(),
  extensions: z.array(z.string()).optional(),
  metadata: MetadataSchema.optional(),
});
export type V1Message = z.infer<typeof V1MessageSchema>;

/** A message as 1.0 writes it. */
export function toV1Message(message: Message): V1Message {
  return {
    messageId: message.messageId,
    role: toV1Role(message.role),
    parts: message.parts.map(toV1Part),
    ...definedOf({
      contextId: nonEmpty(message.contextId),
      taskId: nonEmpty(message.taskId),
      referenceTaskIds: message.referenceTaskIds,
      extensions: message.extensions,
      metadata: message.metadata,
    }),
  };
}

/** A 1.0 message in our model. */
export function fromV1Message(message: V1Message): Message {
  return {
    kind: 'message',
    messageId: message.messageId,
    role: fromV1Role(message.role),
    parts: message.parts.map(fromV1Part),
    ...definedOf({
      contextId: nonEmpty(message.contextId),
      taskId: nonEmpty(message.taskId),
      referenceTaskIds: message.referenceTaskIds,
      extensions: message.extensions,
      metadata: message.metadata,
    }),
  };
}
