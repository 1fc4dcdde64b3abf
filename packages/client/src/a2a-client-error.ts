/**
 * What went wrong on our side of the wire, as opposed to an {@link A2AError} the agent sent.
 *
 * - `invalid-card`: the agent card is not JSON or failed validation.
 * - `invalid-params`: the caller's params failed validation; nothing was sent.
 * - `malformed-response`: the agent answered with something that is not the JSON-RPC or SSE we
 *   expect (not JSON, wrong shape, wrong content type).
 * - `http-error`: a non-2xx HTTP status without a JSON-RPC error body.
 * - `request-failed`: the HTTP exchange failed (connection refused or reset, timeout); `cause`
 *   holds the network error.
 * - `stream-interrupted`: a stream ended before it was complete and could not be resumed.
 * - `resume-exhausted`: a stream dropped and every reconnection attempt of the budget failed.
 *
 * @see {@link A2AClientError}
 */
export type A2AClientErrorCode =
  | 'invalid-card'
  | 'invalid-params'
  | 'malformed-response'
  | 'http-error'
  | 'request-failed'
  | 'stream-interrupted'
  | 'resume-exhausted';

/** Context attached to an {@link A2AClientError}: enough to act on it or resume later. */
export interface A2AClientErrorDetails {
  /** The underlying failure. */
  cause?: unknown;
  /** The HTTP status, for `http-error`. */
  statusCode?: number;
  /** The task whose stream failed, when it was known. */
  taskId?: string;
  /** The last sequence number the caller received; pass it to `resubscribe` to continue. */
  lastEventId?: number;
}

/**
 * A local client error with a string `code`. It is never serialized onto the wire; protocol
 * errors from the agent are thrown as `A2AError` with the wire's numeric code instead.
 */
export class A2AClientError extends Error {
  override readonly name = 'A2AClientError';
  /** The HTTP status, for `http-error`. */
  readonly statusCode: number | undefined;
  /** The task whose stream failed, when it was known. */
  readonly taskId: string | undefined;
  /** The last sequence number the caller received, when the server sends sequence numbers. */
  readonly lastEventId: number | undefined;

  constructor(
    readonly code: A2AClientErrorCode,
    message: string,
    details: A2AClientErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.statusCode = details.statusCode;
    this.taskId = details.taskId;
    this.lastEventId = details.lastEventId;
  }
}
