import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSession } from 'better-sse';
import type { Session } from 'better-sse';
import type { JsonRpcId, JsonRpcResponse } from '@a2a-mesh/protocol';
import type { Logger } from './logger.ts';
import type { ServerMetrics } from './server-metrics.ts';
import type { EntryStream } from './request-handler.ts';
import { CursorExpiredError } from './task-store.ts';
import type { LogEntry } from './task-store.ts';
import type { StreamPacer, SubscriberPosition } from './stream-pacer.ts';

/** How SSE responses behave. */
export interface SseOptions {
  /** Comment heartbeat interval: keeps proxies and load balancers from closing idle streams. */
  heartbeatMs: number;
  /** The `retry:` hint: how long an EventSource waits before it reconnects. */
  retryMs: number;
  /**
   * A subscriber whose socket stays full while its task's log runs this many events ahead of
   * what it was sent is disconnected; it resumes from its cursor. Nothing leaves the log.
   */
  maxLagEvents: number;
  /** A subscriber whose socket stays full this long is disconnected, whatever its lag. */
  slowReaderTimeoutMs: number;
  /** How often a blocked subscriber's lag is checked. */
  lagCheckMs: number;
  /** The last sequence number of a task's log, to measure a subscriber's lag. */
  head(taskId: string): Promise<number | undefined>;
  metrics?: ServerMetrics;
  /** Told where each subscriber stands, so that the agents of their tasks can be paced to them. */
  pacer?: StreamPacer;
}

/** Defaults: 15 s heartbeat, 2 s retry, 5,000 events or 30 s of lag. */
export const defaultSseOptions = {
  heartbeatMs: 15_000,
  retryMs: 2_000,
  maxLagEvents: 5_000,
  slowReaderTimeoutMs: 30_000,
  lagCheckMs: 1_000,
} as const;

/**
 * Frames are written with one `data:` line each (a known A2A client keeps only the last one),
 * so the JSON must never contain a raw newline — JSON.stringify guarantees that — and better-sse's
 * line sanitizing can be skipped.
 */
const identity = (value: unknown): string => value as string;

async function openSession(request: IncomingMessage, response: ServerResponse, options: SseOptions): Promise<Session> {
  return createSession(request, response, {
    retry: options.retryMs,
    keepAlive: options.heartbeatMs,
    serializer: identity,
    sanitizer: identity,
    // The cursor is read by the dispatcher, which also validates it.
    trustClientEventId: false,
    headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' },
  });
}

/** The 0.3 form of an entry's event: serialized once, when it was logged. */
const legacyJson = (entry: LogEntry): string => entry.json;

/**
 * Streams a subscriber's log entries as SSE: `id:` is the per-task sequence number, `data:` the
 * JSON-RPC response carrying the event, as `encode` writes it (default: the 0.3 form). Ends the
 * response after the final entry; stops reading when the client goes away. Never throws.
 */
export async function writeEntryStream(
  request: IncomingMessage,
  response: ServerResponse,
  id: JsonRpcId,
  entries: EntryStream,
  options: SseOptions,
  logger: Logger,
  encode: (entry: LogEntry) => string = legacyJson,
): Promise<void> {
  const prefix = `{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":`;
  const session = await openSession(request, response, options);
  const metrics = options.metrics;
  metrics?.streamOpened();
  response.once('close', () => metrics?.streamClosed());
  let lastSeq = 0;
  let taskId: string | undefined;
  // Frames are written into a corked socket and flushed once per turn of the event loop: events
  // logged in the same turn (a relay parsing one upstream chunk, a producer that yields between
  // events) leave in one syscall, which is most of what an event costs. The added latency is the
  // rest of the current turn.
  const pacer = options.pacer;
  let position: SubscriberPosition | undefined;
  let corked = false;
  const flush = (): void => {
    if (!corked) return;
    corked = false;
    response.uncork();
  };
  try {
    for await (const batch of entries) {
      if (!session.isConnected) return;
      // Frames are built here rather than through better-sse's event buffer: this is the
      // hottest loop of the server. No `event:` line: `message` is the SSE default, and the bytes
      // add up at 10⁵ events.
      let frames = '';
      for (const entry of batch) frames += `id:${entry.seq}\ndata:${prefix}${encode(entry)}}\n\n`;
      if (!corked) {
        corked = true;
        response.cork();
        setImmediate(flush);
      }
      response.write(frames);
      metrics?.eventsSent(batch.length);
      const last = batch[batch.length - 1]!;
      lastSeq = last.seq;
      taskId ??= last.event.kind === 'task' ? last.event.id : 'taskId' in last.event ? last.event.taskId : undefined;
      if (pacer && taskId !== undefined) {
        if (position) pacer.moved(taskId, position, lastSeq);
        else position = pacer.attach(taskId, lastSeq);
      }
      if (response.writableNeedDrain && !(await drained(response, taskId, lastSeq, options))) {
        logger.warn({ taskId, lastSeq }, 'slow subscriber disconnected; it can resume from its cursor');
        metrics?.slowSubscriberDisconnected();
        response.destroy();
        return;
      }
    }
  } catch (error) {
    if (error instanceof CursorExpiredError) logger.warn({ taskId, lastSeq }, error.message);
    else logger.error({ err: error, taskId, lastSeq }, 'stream failed');
  } finally {
    if (position && taskId !== undefined) pacer?.detach(taskId, position);
    // Uncorked before the end, while the response still owns the socket.
    flush();
    if (!response.writableEnded) response.end();
  }
}

/** Sends one JSON-RPC error as an SSE `error` event, then closes the stream. */
export async function writeStreamError(
  request: IncomingMessage,
  response: ServerResponse,
  error: JsonRpcResponse,
  options: SseOptions,
): Promise<void> {
  const session = await openSession(request, response, options);
  // No `id:` line: an empty id would reset the client's resume cursor.
  if (session.isConnected)
    await session.batch((buffer) => {
      buffer.event('error').data(JSON.stringify(error)).dispatch();
    });
  response.end();
}

/**
 * Waits for the socket to drain. False when the subscriber is too slow: its lag passed the
 * limit, or its socket stayed full too long. Memory per subscriber stays bounded either way:
 * nothing more is written to a full socket.
 */
function drained(
  response: ServerResponse,
  taskId: string | undefined,
  lastSeq: number,
  options: SseOptions,
): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const finish = (ok: boolean): void => {
      clearInterval(timer);
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(ok);
    };
    const onDrain = (): void => finish(true);
    const onClose = (): void => finish(true);
    const timer = setInterval(() => {
      if (Date.now() - started > options.slowReaderTimeoutMs) return finish(false);
      if (taskId === undefined) return;
      void options.head(taskId).then((head) => {
        if (head !== undefined && head - lastSeq > options.maxLagEvents) finish(false);
      });
    }, options.lagCheckMs);
    response.once('drain', onDrain);
    response.once('close', onClose);
  });
}
