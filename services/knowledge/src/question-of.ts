import type { Message } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';

/**
 * The question a message asks: its text parts, or, for callers that send structured requests
 * (an orchestrator), the `query` or `question` string of its first data part that has one.
 */
export function questionOf(message: Message): string {
  const text = textOf(message).trim();
  if (text !== '') return text;
  for (const part of message.parts) {
    if (part.kind !== 'data') continue;
    const value = part.data['query'] ?? part.data['question'];
    if (typeof value === 'string') return value.trim();
  }
  return '';
}
