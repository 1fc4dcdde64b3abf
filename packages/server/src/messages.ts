import { randomUUID } from 'node:crypto';
import type { Message, Part } from '@a2a-mesh/protocol';

/** What an agent may say: plain text, ready-made parts, or a whole message. */
export type MessageContent = string | Part[] | Message;

/** Builds an agent message from text or parts; a ready-made message passes through. */
export function toAgentMessage(content: MessageContent, taskId: string, contextId: string): Message {
  if (typeof content !== 'string' && !Array.isArray(content)) return { ...content, taskId, contextId };
  const parts: Part[] = typeof content === 'string' ? [{ kind: 'text', text: content }] : content;
  return { kind: 'message', messageId: randomUUID(), role: 'agent', parts, taskId, contextId };
}

/** The text of a message's text parts, joined by newlines. */
export function textOf(message: Pick<Message, 'parts'> | undefined): string {
  if (!message) return '';
  return message.parts
    .filter((part) => part.kind === 'text')
    .map((part) => part.text)
    .join('\n');
}
