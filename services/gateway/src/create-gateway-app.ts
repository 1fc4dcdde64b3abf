import type { ServerResponse } from 'node:http';
import express from 'express';
import type { Express } from 'express';
import { ApiKeys, identifyClient, requireApiKey } from './api-keys.ts';
import { corsPolicy } from './cors-policy.ts';
import { errorMiddleware } from './error-middleware.ts';
import type { GatewayContext } from './gateway-context.ts';
import { GatewayError, sendError } from './gateway-error.ts';
import type { GatewayMetrics } from './gateway-metrics.ts';
import type { ResolvedGatewayOptions } from './gateway-options.ts';
import { jsonBody } from './json-body.ts';
import type { OrchestratorLink } from './orchestrator-link.ts';
import { registerOpsRoutes } from './ops-routes.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { StreamLimit } from './stream-limit.ts';
import { registerStreamRoutes } from './stream-routes.ts';
import { registerTaskRoutes } from './task-routes.ts';
import { traceMiddleware } from './trace-middleware.ts';

/** What {@link createGatewayApp} is built from. */
export interface GatewayAppParts {
  options: ResolvedGatewayOptions;
  link: OrchestratorLink;
  metrics: GatewayMetrics;
  streams: Set<ServerResponse>;
  isStopping(): boolean;
}

/**
 * The gateway's express app, in the order a request meets it: trace id, request metrics, CORS,
 * then the routes (each API route guarded by identify → rate limit → key check), the UI's static
 * files, a JSON 404, and the JSON error handler.
 */
export function createGatewayApp(parts: GatewayAppParts): Express {
  const { options, metrics } = parts;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);

  const keys = new ApiKeys(options.apiKeys);
  const limiter = createRateLimiter(options.rateLimit.limit, options.rateLimit.windowMs);
  const context: GatewayContext = {
    ...parts,
    streamLimit: new StreamLimit(options.maxStreamsPerClient),
    guard: (identify = {}) => [identifyClient(keys, identify), limiter, requireApiKey(keys, identify)],
    jsonBody: jsonBody(options.bodyLimitBytes),
  };

  app.use(traceMiddleware(options.logger));
  app.use(metrics.requestCounter());
  app.use(corsPolicy(options.corsOrigins));
  app.use('/api', (_request, response, next) => {
    if (!parts.isStopping()) return next();
    sendError(response, new GatewayError(503, 'not-ready', 'The gateway is shutting down; try again', 1));
  });

  registerOpsRoutes(app, context);
  registerTaskRoutes(app, context);
  registerStreamRoutes(app, context);
  app.use(express.static(options.publicDir));

  app.use((request, response) => {
    sendError(response, new GatewayError(404, 'not-found', `No route for ${request.method} ${request.path}`));
  });
  app.use(errorMiddleware());
  return app;
}
