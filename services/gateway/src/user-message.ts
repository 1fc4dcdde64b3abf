import { randomUUID } from 'node:crypto';
import type { Message } from '@a2a-mesh/protocol';

/** A user's text as an A2A message, on a conversation or a waiting task when given. */
export function userMessage(
  text: string,
  on: { contextId?: string | undefined; taskId?: string | undefined } = {},
): Message {
  return {
    kind: 'message',
    messageId: randomUUID(),
    role: 'user',
    parts: [{ kind: 'text', text }],
    ...(on.contextId === undefined ? {} : { contextId: on.contextId }),
    ...(on.taskId === undefined ? {} : { taskId: on.taskId }),
  };
}
