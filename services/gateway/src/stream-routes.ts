import type { StreamItem } from '@a2a-mesh/client';
import type { Express, Request, Response } from 'express';
import { EventsQuerySchema, StreamBodySchema, TaskPathSchema } from './api-schemas.ts';
import { EventStream } from './event-stream.ts';
import type { GatewayContext } from './gateway-context.ts';
import { GatewayError } from './gateway-error.ts';
import { openTaskEvents, started } from './open-task-events.ts';
import { parseCursor } from './parse-cursor.ts';
import { parseInput } from './parse-input.ts';
import { relayEvents } from './relay-events.ts';
import { contextOf } from './request-context.ts';
import { upstreamHeaders } from './trace-middleware.ts';
import { userMessage } from './user-message.ts';

/** Seconds a client told "too many streams" should wait: about one EventSource retry cycle. */
const streamsRetryAfterSeconds = 5;

/**
 * The streaming endpoints, in EventSource's SSE format: `GET /api/tasks/:taskId/events` follows
 * a task from a cursor (resumable, stateless), `POST /api/stream` sends a message and follows its
 * task over the same request (for `fetch()` clients). Errors before the first event are JSON
 * answers; the upstream request is aborted when the browser leaves, and the task goes on.
 */
export function registerStreamRoutes(app: Express, context: GatewayContext): void {
  app.get('/api/tasks/:taskId/events', ...context.guard({ queryToken: true }), async (request, response) => {
    const { taskId } = parseInput(TaskPathSchema, request.params, 'path');
    const query = parseInput(EventsQuerySchema, request.query, 'query');
    const cursor = parseCursor(request.get('last-event-id'), query.after);
    const signal = holdStreamSlot(context, response);
    const client = await context.link.client();
    const opened = await openTaskEvents(client, taskId, cursor, { signal, headers: upstreamHeaders(response) });
    if (opened.kind === 'ended') {
      // 204 tells an EventSource to stop reconnecting: this task has nothing more to send.
      response.status(204).end();
      return;
    }
    if (cursor.after > 0) context.metrics.resumed(opened.replayed);
    contextOf(response).logger.debug({ taskId, after: cursor.after, replayed: opened.replayed }, 'events stream open');
    await relay(context, request, response, opened.events, signal);
  });

  app.post('/api/stream', ...context.guard(), context.jsonBody, async (request, response) => {
    const body = parseInput(StreamBodySchema, request.body, 'body');
    const signal = holdStreamSlot(context, response);
    const client = await context.link.client();
    const message = userMessage(body.text, { contextId: body.contextId, taskId: body.taskId });
    const events = await started(client.streamMessage({ message }, { signal, headers: upstreamHeaders(response) }));
    await relay(context, request, response, events, signal);
  });
}

/**
 * Takes one of the client's stream slots until the response closes, or answers 429. Returns the
 * signal that aborts the upstream request when the browser goes away.
 */
function holdStreamSlot(context: GatewayContext, response: Response): AbortSignal {
  const { client } = contextOf(response);
  const release = context.streamLimit.acquire(client);
  if (!release) {
    throw new GatewayError(
      429,
      'too-many-streams',
      `Too many open streams: a client may hold ${context.streamLimit.max} at once; close one (EventSource.close()) first`,
      streamsRetryAfterSeconds,
    );
  }
  const controller = new AbortController();
  response.once('close', () => {
    release();
    controller.abort();
  });
  return controller.signal;
}

async function relay(
  context: GatewayContext,
  request: Request,
  response: Response,
  events: AsyncIterable<StreamItem>,
  signal: AbortSignal,
): Promise<void> {
  if (context.isStopping()) throw new GatewayError(503, 'not-ready', 'The gateway is shutting down', 1);
  const stream = await EventStream.open(request, response, context.options.sse);
  context.streams.add(response);
  context.metrics.streamOpened();
  response.once('close', () => {
    context.streams.delete(response);
    context.metrics.streamClosed();
  });
  await relayEvents(events, stream, { logger: contextOf(response).logger, metrics: context.metrics, signal });
}
