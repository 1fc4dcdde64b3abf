import { z } from 'zod';
import { MetadataSchema, PartSchema } from './parts.ts';

/** Who wrote a message. */
export const RoleSchema = z.enum(['user', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

/** One turn of communication. */
export const MessageSchema = z.object({
  kind: z.literal('message'),
  messageId: z.string().min(1),
  role: RoleSchema,
  parts: z.array(PartSchema),
  taskId: z.string().optional(),
  contextId: z.string().optional(),
  referenceTaskIds: z.array(z.string()).optional(),
  extensions: z.array(z.string()).optional(),
  metadata: MetadataSchema.optional(),
});
export type Message = z.infer<typeof MessageSchema>;

/**
 * A message a client sends to start or continue a task: stricter than the official schema in
 * that it must carry at least one part (the conformance kit treats an empty message as an
 * error). What agents send back is read with the lenient {@link MessageSchema}.
 */
export const OutgoingMessageSchema = MessageSchema.extend({ parts: z.array(PartSchema).min(1) });
