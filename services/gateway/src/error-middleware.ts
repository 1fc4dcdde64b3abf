import type { ErrorRequestHandler } from 'express';
import { GatewayError, sendError } from './gateway-error.ts';
import { contextOf } from './request-context.ts';
import { upstreamError } from './upstream-error.ts';

/** What body-parser attaches to the errors it raises. */
interface BodyParserError {
  type?: string;
  limit?: number;
}

/**
 * The last middleware: every error becomes a JSON answer with the right status. Body-parser's
 * failures are named in plain words, the orchestrator's are mapped by `upstreamError`, and
 * anything else is a 500 that is logged with its stack and answered without it.
 */
export function errorMiddleware(): ErrorRequestHandler {
  return (error: unknown, _request, response, next) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    // The browser left before the answer (its stream's upstream request was aborted): no one to tell.
    if (response.closed || response.destroyed) return;
    const known = bodyParserError(error) ?? upstreamError(error);
    const { logger } = contextOf(response);
    if (known) {
      if (known.status >= 500) logger.warn({ code: known.code, err: error }, known.message);
      sendError(response, known);
      return;
    }
    logger.error({ err: error }, 'request failed');
    sendError(response, new GatewayError(500, 'internal-error', 'The gateway failed to answer; the trace id names it'));
  };
}

function bodyParserError(error: unknown): GatewayError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { type, limit } = error as BodyParserError;
  switch (type) {
    case 'entity.too.large':
      return new GatewayError(413, 'body-too-large', `The request body exceeds the limit of ${limit} bytes`);
    case 'entity.parse.failed':
      return new GatewayError(400, 'invalid-json', 'body: expected valid JSON, which this request body is not');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new GatewayError(415, 'unsupported-media-type', 'The request body must be JSON in UTF-8');
    default:
      return undefined;
  }
}
