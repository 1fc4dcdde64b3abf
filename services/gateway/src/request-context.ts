import type { Response } from 'express';
import type { Logger } from '@a2a-mesh/server';

/** What the gateway knows about the request being answered, kept on `response.locals`. */
export interface RequestContext {
  /** The W3C trace id: the caller's `traceparent` one, or a fresh one. Returned as `X-Trace-Id`. */
  traceId: string;
  /** The gateway's logger, bound to the trace id. */
  logger: Logger;
  /**
   * Who is asking, for the rate limit and the stream limit: a digest of the API key when a valid
   * one was presented, else the client's IP address.
   */
  client: string;
  /** What `identifyClient` made of the credentials the request carried. */
  credential: 'none' | 'valid' | 'invalid';
}

const key = 'gateway';

/** The context `traceMiddleware` attached to this response. */
export function contextOf(response: Response): RequestContext {
  return response.locals[key] as RequestContext;
}

/** Attaches `context` to `response`; see {@link contextOf}. */
export function setContext(response: Response, context: RequestContext): void {
  response.locals[key] = context;
}
