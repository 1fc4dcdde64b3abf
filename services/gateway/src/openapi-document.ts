import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import {
  AgentsResponseSchema,
  CreateTaskBodySchema,
  ErrorResponseSchema,
  EventSchema,
  EventsQuerySchema,
  GetTaskQuerySchema,
  ReplyBodySchema,
  StreamBodySchema,
  TaskPathSchema,
  TaskResponseSchema,
} from './api-schemas.ts';

/** What each error status means on this API; a route lists the ones it can answer. */
const errorMeanings: Record<number, string> = {
  400: 'A field is invalid; the message names it and says what was expected.',
  401: 'API keys are configured and the request carries none, or an unknown one.',
  403: 'The page calling the API is on an origin that is not allowed (GATEWAY_CORS_ORIGINS).',
  404: 'The orchestrator does not know this task (never created, or forgotten after its retention).',
  409: 'The task cannot take this: it has already ended, or is not waiting for input.',
  413: 'The request body is larger than the limit (64 KiB by default).',
  415: 'The request body is not JSON.',
  429: 'Too many requests, or too many open streams, for this client; see Retry-After.',
  502: 'The orchestrator could not be reached, or answered something invalid.',
};

const streamDescription =
  'Server-Sent Events in the format EventSource reads: a `retry:` hint, comment heartbeats, and per event ' +
  '`id: <the task sequence number>`, `event: <kind>` (task, status-update, artifact-update, message) and ' +
  '`data: <the A2A event JSON>` on one line. Closes after the final event. A failure after the stream began ' +
  'is an `event: error` frame whose data is the error body, without an id.';

const json = (schema: z.ZodType, description: string): ResponseConfig => ({
  description,
  content: { 'application/json': { schema } },
});

const sse: ResponseConfig = {
  description: streamDescription,
  content: { 'text/event-stream': { schema: EventSchema } },
};

const errors = (...statuses: number[]): Record<number, ResponseConfig> =>
  Object.fromEntries(statuses.map((status) => [status, json(ErrorResponseSchema, errorMeanings[status] ?? '')]));

const keyed: Array<Record<string, string[]>> = [{ bearer: [] }, { apiKey: [] }];

const routes: RouteConfig[] = [
  {
    method: 'post',
    path: '/api/tasks',
    summary: 'Start a task on the orchestrator (A2A message/send, non-blocking)',
    security: keyed,
    request: { body: { content: { 'application/json': { schema: CreateTaskBodySchema } } } },
    responses: {
      201: json(TaskResponseSchema, 'The task, as just created.'),
      ...errors(400, 401, 403, 413, 415, 429, 502),
    },
  },
  {
    method: 'get',
    path: '/api/tasks/{taskId}',
    summary: 'Read a task (A2A tasks/get)',
    security: keyed,
    request: { params: TaskPathSchema, query: GetTaskQuerySchema },
    responses: { 200: json(TaskResponseSchema, 'The task as it stands.'), ...errors(400, 401, 403, 404, 429, 502) },
  },
  {
    method: 'post',
    path: '/api/tasks/{taskId}/messages',
    summary: 'Answer a task that waits for input (A2A message/send on the task, non-blocking)',
    security: keyed,
    request: { params: TaskPathSchema, body: { content: { 'application/json': { schema: ReplyBodySchema } } } },
    responses: {
      202: json(TaskResponseSchema, 'The task, now working on the answer.'),
      ...errors(400, 401, 403, 404, 409, 413, 415, 429, 502),
    },
  },
  {
    method: 'post',
    path: '/api/tasks/{taskId}/cancel',
    summary: 'Cancel a task (A2A tasks/cancel); closing a browser never does',
    security: keyed,
    request: { params: TaskPathSchema },
    responses: { 200: json(TaskResponseSchema, 'The task, canceled.'), ...errors(401, 403, 404, 409, 429, 502) },
  },
  {
    method: 'get',
    path: '/api/tasks/{taskId}/events',
    summary: "Follow a task's events from a cursor (for EventSource; resumable)",
    description:
      'Replays exactly the events after the cursor, then goes live (A2A tasks/resubscribe with that cursor). ' +
      'The cursor is the `Last-Event-ID` header (sent by a reconnecting EventSource) or `?after=`; none means ' +
      'from the first event.',
    security: [...keyed, { accessToken: [] }],
    request: {
      params: TaskPathSchema,
      query: EventsQuerySchema,
      headers: z.object({
        'last-event-id': z.string().optional().meta({ description: 'The last event id received; wins over ?after=.' }),
      }),
    },
    responses: {
      200: sse,
      204: { description: 'The cursor is at or past the final event of a task that has ended: nothing more to send.' },
      ...errors(400, 401, 403, 404, 429, 502),
    },
  },
  {
    method: 'post',
    path: '/api/stream',
    summary: "Send a message and stream its task's events over the same request (for fetch(); A2A message/stream)",
    security: keyed,
    request: { body: { content: { 'application/json': { schema: StreamBodySchema } } } },
    responses: { 200: sse, ...errors(400, 401, 403, 404, 409, 413, 415, 429, 502) },
  },
  {
    method: 'get',
    path: '/api/agents',
    summary: 'The orchestrator and the agents it knows',
    security: keyed,
    responses: {
      200: json(AgentsResponseSchema, 'The mesh as the orchestrator sees it.'),
      ...errors(401, 403, 429, 502),
    },
  },
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers',
    responses: { 200: json(z.object({ status: z.literal('ok') }), 'Alive.') },
  },
  {
    method: 'get',
    path: '/readyz',
    summary: "Readiness: the orchestrator's card answers",
    responses: {
      200: json(z.object({ status: z.literal('ready'), orchestrator: z.string() }), 'Ready.'),
      503: json(ErrorResponseSchema, 'Not ready: the orchestrator does not answer, or the gateway is stopping.'),
    },
  },
  {
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics (text exposition format)',
    responses: { 200: { description: 'Metrics.', content: { 'text/plain': { schema: z.string() } } } },
  },
];

/**
 * The gateway's OpenAPI 3.1 document, generated from the same zod schemas that validate the
 * requests, so the description cannot drift from the behaviour. Served at `GET /api/openapi.json`.
 */
export function createOpenApiDocument(): ReturnType<OpenApiGeneratorV31['generateDocument']> {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  registry.registerComponent('securitySchemes', 'apiKey', { type: 'apiKey', in: 'header', name: 'X-API-Key' });
  registry.registerComponent('securitySchemes', 'accessToken', { type: 'apiKey', in: 'query', name: 'access_token' });
  for (const route of routes) registry.registerPath(route);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'a2a-mesh gateway',
      version: '0.1.0',
      description:
        'Start tasks on the mesh orchestrator, follow their events as resumable Server-Sent Events, and see ' +
        'which agents are up. Authentication is on when the gateway has API keys (GATEWAY_API_KEYS).',
    },
  });
}
