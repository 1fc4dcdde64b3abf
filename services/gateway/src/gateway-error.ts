import type { Response } from 'express';
import type { ErrorResponse } from './api-schemas.ts';

/**
 * The string codes of the gateway's error answers. Each goes with one HTTP status; front ends
 * switch on the code, people read the message.
 */
export type GatewayErrorCode =
  | 'invalid-request'
  | 'invalid-json'
  | 'invalid-cursor'
  | 'unauthorized'
  | 'origin-not-allowed'
  | 'not-found'
  | 'task-not-found'
  | 'task-not-cancelable'
  | 'unsupported-operation'
  | 'body-too-large'
  | 'unsupported-media-type'
  | 'rate-limited'
  | 'too-many-streams'
  | 'orchestrator-unreachable'
  | 'invalid-upstream-answer'
  | 'not-ready'
  | 'internal-error';

/**
 * An error the gateway answers with: an HTTP status, a string code and a message that names the
 * field and what was expected, or says what went wrong. Sent as
 * `{ "error": { "code", "message" } }`; never carries a stack trace.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly status: number,
    readonly code: GatewayErrorCode,
    message: string,
    /** Seconds a client should wait before trying again (`Retry-After`), for 429 and 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  /** The JSON body of the answer. */
  toJSON(): ErrorResponse {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Answers `response` with `error`: status, `Retry-After` when it has one, JSON body. */
export function sendError(response: Response, error: GatewayError): void {
  if (error.retryAfterSeconds !== undefined) response.set('Retry-After', String(error.retryAfterSeconds));
  // RFC 9110 §11.6.1: a 401 names the scheme the client should use.
  if (error.status === 401) response.set('WWW-Authenticate', 'Bearer');
  response.status(error.status).set('Cache-Control', 'no-store').json(error.toJSON());
}
