import type { StreamRequest, StreamResult } from '../sse/sse-stream-reader.ts';

/** How a client worker reads its streams. */
export interface ReadCommandOptions {
  timestamps?: boolean;
  captureFirstData?: boolean;
  timeoutMs?: number;
  /** Keep the streams open after their first event until told to close them (idle streams). */
  hold?: boolean;
  /**
   * At most this many streams of the worker waiting for their first event at once; the next one
   * starts when one has it (or failed). Default: all at once.
   */
  maxOpening?: number;
}

/** Commands the benchmark sends a client worker. */
export type ClientCommand =
  | { id: number; cmd: 'read'; requests: StreamRequest[]; options: ReadCommandOptions }
  | { id: number; cmd: 'close'; target: number };

/** What a worker did for one `read` command, and what it cost it. */
export interface ReadReport {
  results: StreamResult[];
  /** CPU time (user + system) the worker spent during the command, in microseconds. */
  cpuMicros: number;
  wallMs: number;
}

/** What a client worker sends back. */
export type ClientMessage =
  { type: 'started' } | { type: 'ready'; id: number } | { type: 'done'; id: number; report: ReadReport };
