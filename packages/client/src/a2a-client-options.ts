import type { AgentCard, ProtocolVersion } from '@a2a-mesh/protocol';
import type { Dispatcher } from 'undici';
import type { Logger } from './logger.ts';
import type { RetryPolicy } from './retry-policy.ts';

/**
 * Extra HTTP headers for every request (for example `Authorization`). A function is called
 * before each request, reconnections included, so a long stream can pick up a refreshed token.
 */
export type HeaderSource = Record<string, string> | (() => Record<string, string> | Promise<Record<string, string>>);

/** Time limits of one HTTP exchange, in milliseconds; `0` disables a limit. */
export interface Timeouts {
  /**
   * Establishing the TCP (and TLS) connection. Default 10 s. It belongs to the connection pool,
   * so it applies only when the client creates its own pool (no `dispatcher` option).
   */
  connect?: number;
  /**
   * From sending the request to receiving the response headers. Default 5 min, because a
   * blocking `message/send` answers only once the task is done.
   */
  headers?: number;
  /**
   * Longest silence between two chunks of a response body. Default 60 s: our server sends an SSE
   * heartbeat comment every 15 s, and each heartbeat restarts this clock, so a healthy stream
   * never trips it while a dead connection (no FIN ever arrives) is noticed and resumed.
   * undici checks this limit on a coarse timer, so it may fire up to about a second late.
   */
  bodyIdle?: number;
}

/** What a reconnection hook learns; see {@link A2AClientOptions.onReconnect}. */
export interface ReconnectInfo {
  /** The task whose stream is being resumed. */
  taskId: string;
  /** 1 for the first reconnection after a failure; it starts over once events flow again. */
  attempt: number;
  /** The cursor the reconnection carries; absent when the server sends no sequence numbers. */
  lastEventId: number | undefined;
  /** Why the previous connection ended. */
  error: unknown;
}

/** Options of an {@link A2AClient}; every field is optional. */
export interface A2AClientOptions {
  /** Extra headers on every request; see {@link HeaderSource}. */
  headers?: HeaderSource;
  /**
   * The undici dispatcher (an `Agent`, `Pool`, or `MockAgent`) to send requests through. By
   * default every client shares one keep-alive `Agent`, so connections to an agent are reused.
   */
  dispatcher?: Dispatcher;
  /** Time limits; see {@link Timeouts}. */
  timeouts?: Timeouts;
  /** Reconnection budget and backoff of streams; defaults in `defaultRetryPolicy`. */
  retry?: Partial<RetryPolicy>;
  /** Where the client logs reconnections and dropped duplicates. Default: nowhere. */
  logger?: Logger;
  /** Called before each reconnection of a dropped stream, so a UI can show "reconnecting". */
  onReconnect?: (info: ReconnectInfo) => void;
  /** The card the endpoint was taken from, kept on the client for callers to inspect. */
  card?: AgentCard;
  /**
   * The A2A version to speak: `'1.0'` or `'0.3'`. Results and stream items come out in the same
   * (0.3-shaped) types either way, and streams resume the same way. Default: with
   * `A2AClient.fromCardUrl`, the first version the card announces for JSON-RPC (our agents prefer
   * 1.0); otherwise 0.3.
   */
  protocolVersion?: ProtocolVersion;
}

/** Per-call options of the request/response methods. */
export interface CallOptions {
  /** Aborting it cancels the request. */
  signal?: AbortSignal;
  /** Headers for this call only, applied over the client's. */
  headers?: Record<string, string>;
}

/** Per-call options of the streaming methods. */
export interface StreamOptions extends CallOptions {
  /** Reconnection budget for this stream, over the client's. */
  retry?: Partial<RetryPolicy>;
}
