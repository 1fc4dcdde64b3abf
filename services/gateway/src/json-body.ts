import express from 'express';
import type { RequestHandler } from 'express';
import { GatewayError } from './gateway-error.ts';

/**
 * Reads a JSON request body of at most `limitBytes`. A body of another media type is a 415,
 * whatever it holds: a form post must not be read as JSON by accident. A request without a body
 * passes with `request.body` undefined, for the schema to name what is missing. Malformed JSON
 * and oversized bodies become errors `errorMiddleware` answers as JSON (never express's HTML).
 */
export function jsonBody(limitBytes: number): RequestHandler {
  const parse = express.json({ limit: limitBytes, type: () => true });
  return (request, response, next) => {
    const hasBody = request.get('transfer-encoding') !== undefined || Number(request.get('content-length') ?? 0) > 0;
    if (!hasBody) return next();
    if (!request.is(['application/json', 'application/*+json'])) {
      const type = request.get('content-type');
      next(
        new GatewayError(
          415,
          'unsupported-media-type',
          `The request body must be JSON (Content-Type: application/json), received ${type ? `"${type}"` : 'no Content-Type'}`,
        ),
      );
      return;
    }
    parse(request, response, next);
  };
}
