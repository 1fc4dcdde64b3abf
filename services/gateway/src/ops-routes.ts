import type { Express } from 'express';
import type { GatewayContext } from './gateway-context.ts';
import { GatewayError, sendError } from './gateway-error.ts';
import { listAgents } from './list-agents.ts';
import { createOpenApiDocument } from './openapi-document.ts';
import { contextOf } from './request-context.ts';
import { upstreamHeaders } from './trace-middleware.ts';

/**
 * Liveness, readiness, metrics, the agents page and the API's own description. Probes and
 * metrics need no key (they are for the platform, and say nothing about tasks); the agents page
 * does.
 */
export function registerOpsRoutes(app: Express, context: GatewayContext): void {
  const { link, metrics } = context;

  app.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });

  app.get('/readyz', async (_request, response) => {
    if (context.isStopping()) {
      sendError(response, new GatewayError(503, 'not-ready', 'The gateway is shutting down', 1));
      return;
    }
    try {
      await link.card(upstreamHeaders(response));
      response.set('Cache-Control', 'no-store').json({ status: 'ready', orchestrator: link.url });
    } catch (error) {
      contextOf(response).logger.warn({ err: error }, 'not ready: the orchestrator card does not answer');
      sendError(
        response,
        new GatewayError(503, 'not-ready', `The orchestrator's card does not answer: ${(error as Error).message}`, 5),
      );
    }
  });

  app.get('/metrics', async (_request, response) => {
    response.type('text/plain; version=0.0.4').send(await metrics.render());
  });

  const document = createOpenApiDocument();
  app.get('/api/openapi.json', (_request, response) => {
    response.json(document);
  });

  app.get('/api/agents', ...context.guard(), async (_request, response) => {
    response.set('Cache-Control', 'no-store').json(await listAgents(link, upstreamHeaders(response)));
  });
}
