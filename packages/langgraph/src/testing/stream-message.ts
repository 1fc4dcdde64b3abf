import { randomUUID } from 'node:crypto';
import { StreamEventSchema } from '@a2a-mesh/protocol';
import type { MessageSendParams, StreamEvent } from '@a2a-mesh/protocol';

/** One event of a `message/stream` response, with its SSE id (the task's sequence number). */
export interface StreamedEvent {
  seq: number;
  event: StreamEvent;
}

/** `message/stream` params carrying `text`, continuing `taskId` when given. */
export function userMessage(text: string, taskId?: string): MessageSendParams {
  return {
    message: {
      kind: 'message',
      messageId: randomUUID(),
      role: 'user',
      parts: [{ kind: 'text', text }],
      ...(taskId ? { taskId } : {}),
    },
  };
}

/**
 * POSTs `message/stream` to the agent at `url` and yields each event as it arrives, validated
 * against the protocol schema. Frames are `id:<seq>\ndata:<JSON-RPC response>\n\n`; comment
 * lines (heartbeats) and `retry:` are skipped. Ends when the server ends the response.
 */
export async function* streamMessage(url: string, params: MessageSendParams): AsyncGenerator<StreamedEvent> {
  const response = await fetch(`${url}/a2a`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: randomUUID(), method: 'message/stream', params }),
  });
  if (!response.ok || !response.body) throw new Error(`message/stream answered HTTP ${response.status}`);
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const bytes of response.body) {
    buffered += decoder.decode(bytes as Uint8Array, { stream: true });
    let end: number;
    while ((end = buffered.indexOf('\n\n')) >= 0) {
      const frame = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const event = parseFrame(frame);
      if (event) yield event;
    }
  }
}

/** Reads the whole stream. */
export async function collect(events: AsyncIterable<StreamedEvent>): Promise<StreamedEvent[]> {
  const all: StreamedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

function parseFrame(frame: string): StreamedEvent | undefined {
  let id: string | undefined;
  let data: string | undefined;
  for (const line of frame.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const field = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'data') data = value;
  }
  if (data === undefined) return undefined;
  const response = JSON.parse(data) as { result?: unknown; error?: { message: string } };
  if (response.error) throw new Error(`message/stream failed: ${response.error.message}`);
  if (id === undefined) throw new Error(`an event without an id: ${data}`);
  return { seq: Number(id), event: StreamEventSchema.parse(response.result) };
}
