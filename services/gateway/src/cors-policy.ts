import type { Request, RequestHandler } from 'express';
import { GatewayError, sendError } from './gateway-error.ts';

const allowedMethods = 'GET, POST, OPTIONS';
const allowedHeaders = 'Authorization, X-API-Key, Content-Type, Last-Event-ID, traceparent';
const exposedHeaders = 'X-Trace-Id, Retry-After, Location';

/**
 * CORS with an allow-list. A request without `Origin`, or from the gateway's own origin, passes
 * untouched (same-origin is always allowed: the UI is served from here). A cross-origin request
 * passes only when its origin is listed (`*` lists every origin); any other gets 403, so a page
 * elsewhere cannot drive the API even with a simple request that skips the preflight. Preflights
 * of allowed origins are answered here with 204.
 *
 * No `Access-Control-Allow-Credentials`: the API authenticates with keys in headers, not cookies.
 */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const any = origins.includes('*');
  const listed = new Set(origins.map(normalizeOrigin));
  return (request, response, next) => {
    const origin = request.get('origin');
    response.vary('Origin');
    if (origin === undefined || isSameOrigin(origin, request)) return next();
    if (!any && !listed.has(normalizeOrigin(origin))) {
      sendError(
        response,
        new GatewayError(
          403,
          'origin-not-allowed',
          `Origin ${origin} is not allowed: add it to GATEWAY_CORS_ORIGINS (comma-separated) to let its pages call the API`,
        ),
      );
      return;
    }
    response.set('Access-Control-Allow-Origin', origin);
    response.set('Access-Control-Expose-Headers', exposedHeaders);
    if (request.method === 'OPTIONS' && request.get('access-control-request-method') !== undefined) {
      response.set('Access-Control-Allow-Methods', allowedMethods);
      response.set('Access-Control-Allow-Headers', allowedHeaders);
      response.set('Access-Control-Max-Age', '600');
      response.status(204).end();
      return;
    }
    next();
  };
}

/** The page's origin names this very host (a browser sends `Origin` on same-origin POSTs too). */
function isSameOrigin(origin: string, request: Request): boolean {
  const host = request.get('host');
  if (host === undefined) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

/** `https://Example.com:443/` and `https://example.com` are one origin. */
function normalizeOrigin(origin: string): string {
  if (origin === '*') return origin;
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
