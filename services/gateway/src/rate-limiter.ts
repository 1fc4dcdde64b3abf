import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { GatewayError, sendError } from './gateway-error.ts';
import { contextOf } from './request-context.ts';

/**
 * At most `limit` API requests per client per `windowMs` (a fixed window, kept in memory: one
 * gateway's view; replicas each count their own). Clients are told apart as `identifyClient`
 * decided: by API key when they presented a valid one, else by address. Over the limit: 429,
 * `Retry-After`, and a JSON error; the `RateLimit` headers tell a well-behaved client in advance.
 */
export function createRateLimiter(limit: number, windowMs: number): RequestHandler {
  return rateLimit({
    windowMs,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (_request, response) => contextOf(response).client,
    handler: (_request, response) => {
      const wait = response.getHeader('Retry-After');
      sendError(
        response,
        new GatewayError(
          429,
          'rate-limited',
          `Too many requests: a client may make ${limit} API requests per ${seconds(windowMs)} s` +
            (wait === undefined ? '' : `; try again in ${String(wait)} s`),
        ),
      );
    },
  });
}

function seconds(milliseconds: number): string {
  return String(Math.max(1, Math.round(milliseconds / 1000)));
}
