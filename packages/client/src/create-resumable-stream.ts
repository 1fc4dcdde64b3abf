import { setTimeout as sleep } from 'node:timers/promises';
import { A2AError, ErrorCode, isTerminalState, resumableStreamExtension } from '@a2a-mesh/protocol';
import type { MessageSendParams, StreamEvent, Task } from '@a2a-mesh/protocol';
import { A2AClientError } from './a2a-client-error.ts';
import type { ReconnectInfo } from './a2a-client-options.ts';
import { classifyFailure } from './classify-failure.ts';
import type { JsonRpcTransport } from './json-rpc-transport.ts';
import type { Logger } from './logger.ts';
import { readStreamItems } from './read-stream-items.ts';
import type { StreamItem } from './read-stream-items.ts';
import { backoffDelay } from './retry-policy.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { wireDialect } from './wire-dialect.ts';
import type { WireDialect } from './wire-dialect.ts';

/** Where a resumable stream starts: a new message, or an existing task from a cursor. */
export type StreamStart =
  | { method: 'message/stream'; params: MessageSendParams }
  | { method: 'tasks/resubscribe'; taskId: string; lastEventId?: number | undefined };

/** Everything {@link createResumableStream} needs besides where to start. */
export interface ResumableStreamOptions {
  transport: JsonRpcTransport;
  retry: RetryPolicy;
  logger: Logger;
  onReconnect?: ((info: ReconnectInfo) => void) | undefined;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
  /** The A2A version spoken on the wire; default 0.3. Items come out in our model either way. */
  dialect?: WireDialect | undefined;
  /**
   * Reads a task (`tasks/get`). A 1.0 server answers a resubscribe to a finished task with -32004
   * instead of its snapshot; with this, the stream then ends with the task as `tasks/get` returns
   * it, as it would against a 0.3 server.
   */
  getTask?: ((taskId: string, signal: AbortSignal | undefined) => Promise<Task>) | undefined;
  /** Source of jitter; tests may pin it. */
  random?: () => number;
}

interface Attempt {
  method: StreamStart['method'];
  params: unknown;
  protocolHeaders?: Record<string, string>;
}

/**
 * Streams a task's events across dropped connections, as one gap-free, duplicate-free sequence.
 *
 * When a connection ends before the stream is complete (see `isStreamComplete`), it reconnects
 * with `tasks/resubscribe` carrying the last sequence number seen, both as the `Last-Event-ID`
 * header and as `params.metadata["a2a-mesh/lastEventId"]`, after a backoff with full jitter. Any
 * event numbered at or below that cursor is dropped, in case a server replays too much. The
 * budget of attempts starts over whenever an event gets through.
 *
 * A `message/stream` request is sent again only if it provably never reached the server; once
 * it may have, a drop before the first event (which names the task) is an error, since a second
 * request would start a second task. Protocol errors and malformed responses end the stream
 * without a retry.
 *
 * Against a server that sends no sequence numbers, a reconnection resubscribes without a cursor:
 * the server answers with a Task snapshot and then live events, so events emitted while
 * disconnected may be missing and gap-freedom cannot be guaranteed.
 */
export async function* createResumableStream(
  start: StreamStart,
  options: ResumableStreamOptions,
): AsyncGenerator<StreamItem, void, undefined> {
  const { transport, retry, logger, signal } = options;
  const dialect = options.dialect ?? wireDialect('0.3');
  let taskId = start.method === 'tasks/resubscribe' ? start.taskId : undefined;
  let lastEventId = start.method === 'tasks/resubscribe' ? start.lastEventId : undefined;
  let next: Attempt =
    start.method === 'message/stream'
      ? { method: start.method, params: start.params }
      : resubscribe(start.taskId, lastEventId);
  let attempt = 0;

  while (true) {
    let failure: unknown;
    try {
      const wire = dialect.stream(next.method, next.params);
      const messages = await transport.openStream(wire.method, wire.params, {
        signal,
        headers: options.headers,
        protocolHeaders: { ...dialect.headers, ...next.protocolHeaders },
      });
      for await (const item of readStreamItems(messages, next.method, logger, dialect.event)) {
        if (item.id !== undefined && lastEventId !== undefined && item.id <= lastEventId) {
          // A cursor at the end of an ended (or waiting) task is answered with the task's snapshot,
          // whose id is that same cursor: it is news (the outcome), not a repeat, and it ends the stream.
          const snapshotAtCursor = item.id === lastEventId && item.event.kind === 'task';
          if (!(snapshotAtCursor && dialect.isComplete(item.event, true))) {
            logger.debug({ taskId, id: item.id, lastEventId }, 'dropping an event already delivered');
            continue;
          }
        }
        taskId ??= taskIdOf(item.event);
        if (item.id !== undefined) lastEventId = item.id;
        attempt = 0;
        warnIfTruncated(item.event, logger);
        yield item;
        if (dialect.isComplete(item.event, next.method === 'tasks/resubscribe')) return;
      }
      failure = new A2AClientError('stream-interrupted', `The ${next.method} stream ended before its final event`);
    } catch (error) {
      signal?.throwIfAborted();
      failure = error;
    }
    const ended = taskId !== undefined && (await endedTask(failure, next.method, taskId, options));
    if (ended) {
      yield { event: ended };
      return;
    }

    const kind = classifyFailure(failure);
    if (kind === 'fatal') throw failure;
    if (taskId === undefined && kind !== 'never-sent') {
      throw new A2AClientError(
        'stream-interrupted',
        `The ${next.method} stream failed before its first event; the request may have reached the agent and ` +
          `started a task, so it is not sent again (${(failure as Error).message})`,
        { cause: failure },
      );
    }
    attempt += 1;
    if (attempt > retry.attempts) {
      if (taskId === undefined) throw failure;
      throw new A2AClientError(
        'resume-exhausted',
        `Gave up resuming the stream of task ${taskId} after ${retry.attempts} attempts; ` +
          (lastEventId === undefined
            ? 'call tasks/resubscribe to read it again'
            : `call tasks/resubscribe after event ${lastEventId} to continue`) +
          ` (${(failure as Error).message})`,
        { cause: failure, taskId, lastEventId },
      );
    }
    if (taskId !== undefined) {
      if (lastEventId === undefined) {
        logger.warn(
          { taskId },
          'the server sends no sequence numbers: resuming from a snapshot, events may be missing',
        );
      }
      next = resubscribe(taskId, lastEventId);
      notify(options, { taskId, attempt, lastEventId, error: failure });
    }
    const delay = backoffDelay(attempt, retry, options.random);
    logger.info({ taskId, attempt, lastEventId, delay, error: (failure as Error).message }, 'reconnecting stream');
    try {
      await sleep(delay, undefined, { signal });
    } catch (error) {
      signal?.throwIfAborted();
      throw error;
    }
  }
}

/** A `tasks/resubscribe` request, with the cursor in both places our server accepts it. */
function resubscribe(taskId: string, lastEventId: number | undefined): Attempt {
  if (lastEventId === undefined) return { method: 'tasks/resubscribe', params: { id: taskId } };
  return {
    method: 'tasks/resubscribe',
    params: { id: taskId, metadata: { [resumableStreamExtension.lastEventIdKey]: lastEventId } },
    protocolHeaders: { 'last-event-id': String(lastEventId) },
  };
}

/**
 * The task, when `failure` is a 1.0 server's -32004 to a resubscribe because the task already
 * ended (1.0 §3.1.6); undefined otherwise, and always when `getTask` is not given.
 */
async function endedTask(
  failure: unknown,
  method: StreamStart['method'],
  taskId: string,
  options: ResumableStreamOptions,
): Promise<Task | undefined> {
  const isRefusal = failure instanceof A2AError && failure.code === ErrorCode.UnsupportedOperation;
  if (method !== 'tasks/resubscribe' || !isRefusal || !options.getTask) return undefined;
  const task = await options.getTask(taskId, options.signal);
  return isTerminalState(task.status.state) ? task : undefined;
}

function taskIdOf(event: StreamEvent): string | undefined {
  switch (event.kind) {
    case 'task':
      return event.id;
    case 'message':
      return event.taskId;
    case 'status-update':
    case 'artifact-update':
      return event.taskId;
  }
}

function warnIfTruncated(event: StreamEvent, logger: Logger): void {
  if (event.kind === 'task' && event.metadata?.[resumableStreamExtension.truncatedKey] === true) {
    logger.warn({ taskId: event.id }, 'the cursor was older than the retained log: events were replaced by a snapshot');
  }
}

function notify(options: ResumableStreamOptions, info: ReconnectInfo): void {
  try {
    options.onReconnect?.(info);
  } catch (error) {
    // A failing UI hook must not take the stream down with it.
    options.logger.error({ taskId: info.taskId, error: (error as Error).message }, 'onReconnect hook threw');
  }
}
