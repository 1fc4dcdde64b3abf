import { z } from 'zod';
import { MetadataSchema, PartSchema } from './parts.ts';

/** Who wrote a message. */
export const RoleSchema = z.enum(['user', 'agent']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * One turn of communication. Our schema is stricter than the official one in one place: a
 * message must carry at least one part (the conformance kit treats an empty message as an error).
 */
export const MessageSchema = z.object({
  kind: z.literal('message'),
  messageId: z.string().min(1),
  role: RoleSchema,
  parts: z.array(PartSchema).min(1),
  taskId: z.string().optional(),
  contextId: z.string().optional(),
  referenceTaskIds: z.array(z.string()).optional(),
  extensions: z.array(z.string()).optional(),
  metadata: MetadataSchema.optional(),
});
export type Message = z.infer<typeof MessageSchema>;
