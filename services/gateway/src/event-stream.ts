import type { IncomingMessage, ServerResponse } from 'node:http';
import { createSession } from 'better-sse';
import type { Session } from 'better-sse';
import type { StreamItem } from '@a2a-mesh/client';
import type { GatewayError } from './gateway-error.ts';

/** How the gateway's SSE responses behave. */
export interface EventStreamOptions {
  /** Comment heartbeat interval: keeps proxies from closing a quiet stream. Default 15 s. */
  heartbeatMs: number;
  /** The `retry:` hint: how long an EventSource waits before it reconnects. Default 2 s. */
  retryMs: number;
  /**
   * A browser whose socket stays full this long is disconnected (default 30 s): it reconnects
   * with its Last-Event-ID and misses nothing, while the gateway holds no backlog for it.
   */
  slowReaderTimeoutMs: number;
}

/** Defaults of {@link EventStreamOptions}. */
export const defaultEventStreamOptions: Readonly<EventStreamOptions> = {
  heartbeatMs: 15_000,
  retryMs: 2_000,
  slowReaderTimeoutMs: 30_000,
};

/** JSON.stringify never emits a raw newline, so each event is one `data:` line as it stands. */
const identity = (value: unknown): string => value as string;

/**
 * One SSE response to a browser, in the format `EventSource` reads: a `retry:` hint, comment
 * heartbeats, and per event `id: <the task's sequence number>`, `event: <kind>` and
 * `data: <the A2A event JSON>`. The one place the gateway writes SSE framing.
 */
export class EventStream {
  readonly #session: Session;
  readonly #response: ServerResponse;
  readonly #options: EventStreamOptions;
  #corked = false;

  private constructor(session: Session, response: ServerResponse, options: EventStreamOptions) {
    this.#session = session;
    this.#response = response;
    this.#options = options;
  }

  /** Sends the headers and the `retry:` hint, and starts the heartbeat. */
  static async open(
    request: IncomingMessage,
    response: ServerResponse,
    options: EventStreamOptions,
  ): Promise<EventStream> {
    const session = await createSession(request, response, {
      retry: options.retryMs,
      keepAlive: options.heartbeatMs,
      serializer: identity,
      sanitizer: identity,
      // The cursor is the gateway's to read and validate (parseCursor), not better-sse's.
      trustClientEventId: false,
      headers: { 'Cache-Control': 'no-cache', 'X-Accel-Buffering': 'no', Connection: 'keep-alive' },
    });
    return new EventStream(session, response, options);
  }

  /** Whether the browser is still there. */
  get isOpen(): boolean {
    return this.#session.isConnected && !this.#response.destroyed;
  }

  /**
   * Writes one event, then waits while the socket is full. False when the browser has gone, or
   * was too slow and has been disconnected (nothing more should be sent).
   */
  async send(item: StreamItem): Promise<boolean> {
    if (!this.isOpen) return false;
    // Corked until the end of this turn of the event loop: the events of one upstream chunk leave
    // in one write. No `id:` line when the upstream sent none: an empty id would reset the
    // browser's cursor.
    if (!this.#corked) {
      this.#corked = true;
      this.#response.cork();
      setImmediate(this.#flush);
    }
    const id = item.id === undefined ? '' : `id:${item.id}\n`;
    this.#response.write(`${id}event:${item.event.kind}\ndata:${JSON.stringify(item.event)}\n\n`);
    return this.#drained();
  }

  /**
   * Sends an `error` event with the gateway's error body (no `id:`, so the browser's cursor
   * stays), for failures after the stream began that reconnecting will not cure.
   */
  async sendError(error: GatewayError): Promise<void> {
    if (!this.isOpen) return;
    await this.#session.batch((buffer) => {
      buffer.event('error').data(JSON.stringify(error.toJSON())).dispatch();
    });
  }

  /** Ends the response; an EventSource reconnects unless its page closes it. */
  close(): void {
    // Uncorked before the end, while the response still owns the socket.
    this.#flush();
    if (!this.#response.writableEnded) this.#response.end();
  }

  readonly #flush = (): void => {
    if (!this.#corked) return;
    this.#corked = false;
    this.#response.uncork();
  };

  async #drained(): Promise<boolean> {
    const response = this.#response;
    if (!response.writableNeedDrain) return this.isOpen;
    const drained = await new Promise<boolean>((resolve) => {
      const finish = (value: boolean): void => {
        clearTimeout(timer);
        response.off('drain', onDrain);
        response.off('close', onDrain);
        resolve(value);
      };
      const onDrain = (): void => finish(true);
      const timer = setTimeout(() => finish(false), this.#options.slowReaderTimeoutMs);
      response.once('drain', onDrain);
      response.once('close', onDrain);
    });
    // Too slow: let it go and resume from its cursor rather than buffer for it here.
    if (!drained) response.destroy();
    return drained && this.isOpen;
  }
}
