import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { monoMs } from '../clock.ts';
import { HttpChunkDecoder } from './http-chunk-decoder.ts';
import { SseLineScanner } from './sse-line-scanner.ts';
import type { ScanOptions } from './sse-line-scanner.ts';
import { TailKeeper } from './tail-keeper.ts';

/** One HTTP request that answers with an event stream. `{{uuid}}` in the body becomes a fresh UUID. */
export interface StreamRequest {
  readonly host: string;
  readonly port: number;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** What one stream delivered. Times are `monoMs()` milliseconds. */
export interface StreamResult {
  /** HTTP status; 0 when no answer arrived. */
  status: number;
  /** Why the stream failed: a non-200 answer, a cut connection, a time-out. */
  error?: string;
  /** True when the body ended properly (the terminating chunk, or the end of a close-delimited body). */
  complete: boolean;
  startedAt: number;
  firstDataAt?: number;
  lastDataAt?: number;
  endedAt: number;
  /** `data:` lines: events. */
  events: number;
  /** Bytes read from the socket, headers and chunk framing included. */
  bytes: number;
  lastId?: number;
  firstData?: string;
  /** The last event's JSON, when the stream ended with fewer events than expected (why it ended). */
  lastData?: string;
  latencies?: number[];
  /** Receipt times of heartbeat comments. */
  comments?: number[];
}

/** Options of {@link readStream}. */
export interface ReadStreamOptions extends ScanOptions {
  /** Called when the first event arrives. */
  onFirstData?: () => void;
  /** The stream fails after this long. */
  timeoutMs?: number;
  /** Aborting closes the connection; the result then has no error when it was already open. */
  signal?: AbortSignal;
}

const headEnd = Buffer.from('\r\n\r\n');
/**
 * One read buffer for every socket of the process: each read is scanned synchronously before the
 * next one, so nothing is allocated per read (Node's default allocates a Buffer per `data` event).
 */
const readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * Sends `request` over a fresh loopback connection and reads the SSE answer with the lean
 * scanner: no HTTP client library, no SSE parser, no JSON parsing per event. The load generator
 * must cost far less per event than any server it measures.
 */
export function readStream(request: StreamRequest, options: ReadStreamOptions = {}): Promise<StreamResult> {
  return new Promise((resolve) => {
    const scanner = new SseLineScanner(options);
    scanner.onFirstData = options.onFirstData;
    const decoder = new HttpChunkDecoder();
    const tail = new TailKeeper();
    const result: StreamResult = { status: 0, complete: false, startedAt: monoMs(), endedAt: 0, events: 0, bytes: 0 };
    let head: Buffer | undefined = Buffer.alloc(0);
    let chunked = false;
    let errorBody = '';
    let finished = false;
    const socket: Socket = connect({
      host: request.host,
      port: request.port,
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (length) => {
          onRead(readBuffer.subarray(0, length));
          return true;
        },
      },
    });
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => finish(`timed out after ${options.timeoutMs} ms`), options.timeoutMs);
    const onAbort = (): void => finish(undefined);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    function finish(error: string | undefined): void {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      Object.assign(result, {
        endedAt: monoMs(),
        events: scanner.events,
        ...(scanner.firstDataAt === undefined ? {} : { firstDataAt: scanner.firstDataAt }),
        ...(scanner.lastDataAt === undefined ? {} : { lastDataAt: scanner.lastDataAt }),
        ...(scanner.lastId === undefined ? {} : { lastId: scanner.lastId }),
        ...(scanner.firstData === undefined ? {} : { firstData: scanner.firstData }),
        lastData: tail.lastData(),
        ...(options.timestamps ? { latencies: scanner.latencies } : {}),
        ...(scanner.comments.length > 0 ? { comments: scanner.comments } : {}),
      });
      const failure =
        error ?? (result.status !== 200 && result.status !== 0 ? `HTTP ${result.status}: ${errorBody}` : undefined);
      if (failure !== undefined) result.error = failure;
      resolve(result);
    }

    socket.on('connect', () => socket.write(serialize(request)));
    function onRead(data: Buffer): void {
      const now = monoMs();
      result.bytes += data.length;
      let start = 0;
      if (head) {
        const joined: Buffer = head.length === 0 ? data : Buffer.concat([head, data]);
        const end = joined.indexOf(headEnd);
        if (end < 0) {
          head = Buffer.from(joined);
          return;
        }
        const text = joined.toString('latin1', 0, end);
        result.status = Number(text.slice(9, 12));
        chunked = /\r\ntransfer-encoding:\s*chunked/i.test(text);
        head = undefined;
        data = joined;
        start = end + headEnd.length;
      }
      if (result.status !== 200) {
        errorBody += data.toString('utf8', start).slice(0, 300 - errorBody.length);
        return;
      }
      if (!chunked) {
        scanner.scan(data, start, data.length, now);
        tail.push(data, start, data.length);
        return;
      }
      const ended = decoder.push(data, start, (buffer, from, to) => {
        scanner.scan(buffer, from, to, now);
        tail.push(buffer, from, to);
      });
      if (ended >= 0) {
        result.complete = true;
        finish(undefined);
      }
    }
    socket.on('end', () => {
      if (!chunked && result.status !== 0) result.complete = true;
      finish(result.complete || result.status !== 200 ? undefined : 'the connection closed mid-stream');
    });
    socket.on('error', (error) => finish(error.message));
    socket.on('close', () => finish(result.complete ? undefined : 'the connection closed mid-stream'));
  });
}

function serialize(request: StreamRequest): string {
  const body = request.body?.replaceAll('{{uuid}}', () => randomUUID());
  const lines = [
    `${request.method} ${request.path} HTTP/1.1`,
    `Host: ${request.host}:${request.port}`,
    'Accept: text/event-stream',
    'Connection: close',
    ...Object.entries(request.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
  ];
  if (body !== undefined) {
    lines.push('Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n${body ?? ''}`;
}
