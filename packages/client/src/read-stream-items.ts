import { StreamEventSchema } from '@a2a-mesh/protocol';
import type { StreamEvent } from '@a2a-mesh/protocol';
import type { z } from 'zod';
import { A2AClientError } from './a2a-client-error.ts';
import type { Logger } from './logger.ts';
import { parseJsonRpcResult } from './parse-json-rpc-result.ts';
import type { ServerSentEvent } from './read-server-sent-events.ts';

/** One event of an A2A stream, validated, with its position in the task's event log. */
export interface StreamItem {
  /**
   * The per-task sequence number the server sent as the SSE `id:`. Absent when the server sends
   * none (servers without the resumable-stream extension) or sends ids that are not numbers.
   */
  id?: number;
  /** The Task, Message, status update or artifact update. */
  event: StreamEvent;
}

/**
 * Turns the SSE messages of one connection into validated stream items, each `result` read with
 * `schema` (default: the 0.3 event union; a 1.0 dialect passes one that converts as it reads).
 *
 * Errors are told apart so the caller can decide whether to resume:
 * - an `event: error` frame, or a JSON-RPC error in a plain `data:` frame (the Python SDK's way),
 *   is thrown as the agent's `A2AError`;
 * - a frame that is not a JSON-RPC response carrying a valid event is thrown as
 *   `malformed-response`;
 * - a failure of the connection itself is thrown as `stream-interrupted`, with the cause.
 *
 * Frames with an empty `data:` and frames of other event types are skipped: neither is part of
 * the A2A binding, and some proxies inject them as keep-alives.
 */
export async function* readStreamItems(
  messages: AsyncIterable<ServerSentEvent>,
  method: string,
  logger: Logger,
  schema: z.ZodType<StreamEvent> = StreamEventSchema,
): AsyncGenerator<StreamItem, void, undefined> {
  const iterator = messages[Symbol.asyncIterator]();
  try {
    while (true) {
      const next = await nextMessage(iterator, method);
      if (next.done) return;
      const message = next.value;
      if (message.event !== undefined && message.event !== 'message' && message.event !== 'error') {
        logger.debug({ method, event: message.event }, 'skipping an SSE event of an unknown type');
        continue;
      }
      if (message.data.trim() === '') continue;
      const payload = parseData(method, message.data);
      if (message.event === 'error' && !hasErrorMember(payload)) {
        throw new A2AClientError(
          'malformed-response',
          `Malformed response to ${method}: an error frame without a JSON-RPC error`,
        );
      }
      const event = parseJsonRpcResult(payload, { method, schema });
      const id = parseSequenceNumber(message.id);
      yield id === undefined ? { event } : { id, event };
    }
  } finally {
    // Closes the response body (and so the connection) when the consumer stops early.
    await iterator.return?.();
  }
}

async function nextMessage(
  iterator: AsyncIterator<ServerSentEvent>,
  method: string,
): Promise<IteratorResult<ServerSentEvent>> {
  try {
    return await iterator.next();
  } catch (error) {
    if (error instanceof A2AClientError) throw error;
    throw new A2AClientError('stream-interrupted', `The ${method} stream broke: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function parseData(method: string, data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    const shown = data.length > 200 ? `${data.slice(0, 200)}…` : data;
    throw new A2AClientError(
      'malformed-response',
      `Malformed response to ${method}: an SSE data frame is not JSON: ${shown}`,
    );
  }
}

function hasErrorMember(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'error' in payload;
}

/** A decimal sequence number, or `undefined` for ids that are absent or of another scheme. */
export function parseSequenceNumber(id: string | undefined): number | undefined {
  if (id === undefined || !/^\d{1,15}$/.test(id)) return undefined;
  return Number(id);
}
