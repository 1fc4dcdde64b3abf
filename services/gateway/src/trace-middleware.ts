import type { RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Logger } from '@a2a-mesh/server';
import { traceIdOf, traceparentFor } from '@a2a-mesh/server';
import { contextOf, setContext } from './request-context.ts';

/**
 * Gives every request a trace id (from its `traceparent` header, or a fresh one), a logger bound
 * to it, and an `X-Trace-Id` response header, so a user's bug report leads to the log lines of
 * the gateway, the orchestrator and the agents behind it. Logs one line per answered request
 * (its path without the query, which may hold an access token).
 */
export function traceMiddleware(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const traceId = traceIdOf(request.get('traceparent'));
    response.set('X-Trace-Id', traceId);
    // IPv6 clients get one address per /56, or one client could rotate through its 2^72 addresses.
    const client = `ip:${ipKeyGenerator(request.ip ?? request.socket.remoteAddress ?? 'unknown')}`;
    const bound = logger.child({ traceId });
    setContext(response, { traceId, logger: bound, client, credential: 'none' });
    const started = performance.now();
    response.once('close', () => {
      const durationMs = Math.round(performance.now() - started);
      bound.info({ method: request.method, path: request.path, status: response.statusCode, durationMs }, 'request');
    });
    next();
  };
}

/** Headers for a call to the orchestrator on behalf of this request: the trace, in a new span. */
export function upstreamHeaders(response: Response): Record<string, string> {
  return { traceparent: traceparentFor(contextOf(response).traceId) };
}
