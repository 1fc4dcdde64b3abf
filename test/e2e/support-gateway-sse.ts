/**
 * A test-only reader of the gateway's SSE responses, byte-faithful (it keeps comments and
 * `retry:`, which a real EventSource hides) and able to mimic EventSource's reconnect rules.
 */

/** One SSE block: the fields of one event, or a block of comments only (a heartbeat). */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
  retry?: number;
  comments: string[];
}

/** An open SSE response, or a non-SSE answer (status and body) when the request was refused. */
export interface SseResponse {
  status: number;
  headers: Headers;
  /** The frames as they arrive; ends when the server closes the response or the connection breaks. */
  frames: AsyncGenerator<SseFrame, void, undefined>;
  /** Aborts the request, as a browser closing the tab would. */
  abort(): void;
}

/** Opens `url` with the given headers (GET, or POST with a JSON body). */
export async function openSse(
  url: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
): Promise<SseResponse> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      accept: 'text/event-stream',
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: controller.signal,
  });
  return {
    status: response.status,
    headers: response.headers,
    frames: readFrames(response.body, controller.signal),
    abort: () => controller.abort(),
  };
}

/** Parses SSE blocks from a body; a transport failure just ends the frames (like a drop). */
async function* readFrames(
  body: ReadableStream<Uint8Array> | null,
  signal: AbortSignal,
): AsyncGenerator<SseFrame, void, undefined> {
  if (!body) return;
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = body.getReader();
  try {
    while (true) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        return; // cut or aborted
      }
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        yield parseBlock(block);
      }
    }
  } finally {
    if (!signal.aborted) await reader.cancel().catch(() => undefined);
  }
}

function parseBlock(block: string): SseFrame {
  const frame: SseFrame = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      frame.comments.push(line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') frame.id = value;
    else if (field === 'event') frame.event = value;
    else if (field === 'retry') frame.retry = Number(value);
    else if (field === 'data') frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
  }
  return frame;
}

/** One delivered event, with the connection (0, 1, …) that brought it. */
export interface DeliveredEvent {
  id: number;
  event: string;
  data: unknown;
  connection: number;
}

/** Options of {@link readLikeEventSource}. */
export interface EventSourceOptions {
  /** Extra headers on every connection (an API key, say). */
  headers?: Record<string, string>;
  /**
   * Called with every event; it may drop the connection (`drop()`: the client side aborts) or do
   * anything the test needs at that point, such as cutting a proxy.
   */
  onEvent?: (event: DeliveredEvent, drop: () => void) => void | Promise<void>;
  /** Called after a connection ended and before the next one opens (restart a server here). */
  beforeReconnect?: (connection: number) => void | Promise<void>;
  /** Stop after this many connections (a test guard against a reconnect loop). Default 20. */
  maxConnections?: number;
}

/** What {@link readLikeEventSource} saw. */
export interface EventSourceResult {
  events: DeliveredEvent[];
  /** Status of the connection that ended it all: 204 when the server said "nothing more". */
  finalStatus: number;
  connections: number;
}

/**
 * Follows `url` the way a browser's EventSource does: remembers the last `id:`, and whenever the
 * response ends (cleanly or not) opens it again with `Last-Event-ID`, until the server answers
 * something other than 200 (a 204 is EventSource's cue to stop). Reconnects at once instead of
 * after the `retry:` delay: tests synchronize on events, never on time.
 */
export async function readLikeEventSource(url: string, options: EventSourceOptions = {}): Promise<EventSourceResult> {
  const events: DeliveredEvent[] = [];
  let lastEventId: string | undefined;
  const max = options.maxConnections ?? 20;
  for (let connection = 0; connection < max; connection += 1) {
    if (connection > 0) await options.beforeReconnect?.(connection);
    const response = await openSse(url, {
      headers: { ...options.headers, ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) },
    });
    if (response.status !== 200) {
      await response.frames.return();
      return { events, finalStatus: response.status, connections: connection + 1 };
    }
    for await (const frame of response.frames) {
      if (frame.id !== undefined) lastEventId = frame.id;
      if (frame.data === undefined) continue;
      const event: DeliveredEvent = {
        id: Number(frame.id),
        event: frame.event ?? 'message',
        data: JSON.parse(frame.data),
        connection,
      };
      events.push(event);
      await options.onEvent?.(event, response.abort);
    }
  }
  throw new Error(`still reconnecting after ${max} connections; last id ${lastEventId}`);
}

/** `[from, …, to]`. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
