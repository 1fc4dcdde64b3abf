import type { IncomingMessage, ServerResponse } from 'node:http';
import express from 'express';
import type { ErrorRequestHandler, Request, Response } from 'express';
import {
  A2AError,
  ErrorCode,
  extensionsHeader,
  legacyExtensionsHeader,
  negotiateProtocolVersion,
  protocolVersionHeader,
  requestedExtensions,
  resumableStreamExtension,
  toV1AgentCard,
} from '@a2a-mesh/protocol';
import type { AgentCard, V1AgentInterface } from '@a2a-mesh/protocol';
import type { JsonRpcDispatcher } from './json-rpc-dispatcher.ts';
import type { Logger } from './logger.ts';
import type { ServerMetrics } from './server-metrics.ts';
import { writeEntryStream, writeStreamError } from './sse-stream.ts';
import type { SseOptions } from './sse-stream.ts';
import { traceIdOf } from './trace-context.ts';

/** Adds a service's own routes (for example `GET /agents`) next to the A2A ones. */
export type ExtraRoutes = (app: express.Express) => void;

/** What the express edge needs. */
export interface ExpressAppOptions {
  dispatcher: JsonRpcDispatcher;
  card: () => AgentCard;
  /**
   * The interfaces the card announces the 1.0 way (first = preferred). With them, the card is
   * served in two variants, chosen by the `A2A-Version` header as a2a-js does: `1.0` gets a 1.0
   * card; no header (or 0.3) gets the 0.3 card with `supportedInterfaces` added.
   */
  supportedInterfaces?: () => V1AgentInterface[];
  /** The path of the JSON-RPC endpoint (the path of the card's `url`). */
  rpcPath: string;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  sse: SseOptions;
  logger: Logger;
  /** Called with every open SSE response, so that shutdown can close them. */
  onStream?: (response: ServerResponse) => void;
  /** Served at `GET /metrics` in the Prometheus text format. */
  metrics?: ServerMetrics;
  /** Readiness for `GET /readyz`: true, or why not (then 503). Liveness is `GET /healthz`. */
  ready?: () => Promise<true | string>;
  routes?: ExtraRoutes;
}

/** Card responses may be cached briefly: cards change rarely, and clients poll them. */
const cardCacheControl = 'public, max-age=60';

/**
 * The HTTP edge: the agent card at the well-known paths, JSON-RPC at `rpcPath`, SSE for
 * streaming methods, and JSON (never HTML) for every error, including bodies too large to read.
 */
export function createExpressApp(options: ExpressAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');

  const sendCard = (request: Request, response: Response): void => {
    const interfaces = options.supportedInterfaces?.();
    const card = options.card();
    response.set('Cache-Control', cardCacheControl);
    if (!interfaces) {
      response.json(card);
      return;
    }
    // The body depends on the header: shared caches must key on it.
    response.vary(protocolVersionHeader);
    const v1 = negotiateProtocolVersion(request.get(protocolVersionHeader)) === '1.0';
    response.json(v1 ? toV1AgentCard(card, interfaces) : { ...card, supportedInterfaces: interfaces });
  };
  // `agent.json` is where A2A ≤ 0.2.6 clients look.
  app.get(['/.well-known/agent-card.json', '/.well-known/agent.json'], sendCard);

  app.get('/healthz', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  app.get('/readyz', async (_request, response) => {
    const ready = options.ready ? await options.ready().catch((error: unknown) => String(error)) : true;
    response
      .status(ready === true ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json(ready === true ? { status: 'ready' } : { status: 'not ready', reason: ready });
  });
  const metrics = options.metrics;
  if (metrics) {
    app.get('/metrics', async (_request, response) => {
      response.type('text/plain; version=0.0.4').send(await metrics.render());
    });
  }

  app.post(
    options.rpcPath,
    express.json({ limit: options.bodyLimitBytes, type: () => true, strict: false }),
    async (request: Request, response: Response) => {
      const controller = new AbortController();
      response.once('close', () => controller.abort());
      const header = request.get('last-event-id');
      const version = request.get(protocolVersionHeader);
      const extensions = requestedExtensions(request.get(extensionsHeader) ?? request.get(legacyExtensionsHeader));
      const traceId = traceIdOf(request.get('traceparent'));
      response.set('X-Trace-Id', traceId);
      // The only extension we have is always on; saying so tells the client it was understood.
      if (extensions.includes(resumableStreamExtension.uri))
        response.set(extensionsHeader, resumableStreamExtension.uri);
      const result = await options.dispatcher.dispatch(request.body as unknown, {
        signal: controller.signal,
        logger: options.logger,
        traceId,
        ...(header === undefined ? {} : { lastEventId: header }),
        ...(version === undefined ? {} : { protocolVersion: version }),
        extensions,
      });
      // The parsed body is done with; a stream may stay open for hours.
      request.body = undefined;
      const raw = [request as IncomingMessage, response as ServerResponse] as const;
      switch (result.kind) {
        case 'json':
          response.json(result.response);
          return;
        case 'stream':
          options.onStream?.(response);
          await writeEntryStream(...raw, result.id, result.entries, options.sse, options.logger, result.encode);
          return;
        case 'stream-error':
          await writeStreamError(...raw, result.response, options.sse);
          return;
      }
    },
  );

  options.routes?.(app);

  app.all(options.rpcPath, (_request, response) => {
    response
      .status(405)
      .set('Allow', 'POST')
      .json(errorBody(A2AError.of(ErrorCode.InvalidRequest, 'the JSON-RPC endpoint takes POST requests')));
  });
  app.use((request, response) => {
    response.status(404).json({ error: `no route for ${request.method} ${request.path}` });
  });
  app.use(bodyErrors(options));
  return app;
}

/** Maps body-parser failures to JSON-RPC errors; anything else becomes -32603. */
function bodyErrors(options: ExpressAppOptions): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _request, response, next) => {
    if (response.headersSent) return next(error);
    switch (error.type) {
      case 'entity.parse.failed':
        response.json(errorBody(A2AError.of(ErrorCode.ParseError, 'the request body is not valid JSON')));
        return;
      case 'entity.too.large':
        response
          .status(413)
          .json(
            errorBody(
              A2AError.of(
                ErrorCode.InvalidRequest,
                `the request body exceeds the limit of ${options.bodyLimitBytes} bytes`,
              ),
            ),
          );
        return;
      case 'encoding.unsupported':
      case 'charset.unsupported':
        response.status(415).json(errorBody(A2AError.of(ErrorCode.InvalidRequest, 'unsupported body encoding')));
        return;
      default:
        options.logger.error({ err: error }, 'request failed');
        response.status(error.status ?? 500).json(errorBody(A2AError.of(ErrorCode.InternalError)));
    }
  };
}

function errorBody(error: A2AError): { jsonrpc: '2.0'; id: null; error: ReturnType<A2AError['toJSON']> } {
  return { jsonrpc: '2.0', id: null, error: error.toJSON() };
}
