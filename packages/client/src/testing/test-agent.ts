import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { AgentCard, StreamEvent, Task, TaskState } from '@a2a-mesh/protocol';

/**
 * A tiny stand-in for an A2A server, for the client's tests: a `node:http` server on 127.0.0.1
 * port 0 that records every request and lets each test answer as the wire contract says (or,
 * on purpose, as it does not).
 */

/** A request the test agent received, with its JSON-RPC body decoded. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The decoded JSON body (`undefined` for GET). */
  // Tests read whatever params the client sent, deliberately unchecked: asserting them is the test.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: { jsonrpc: string; id: string | number; method: string; params?: any } | undefined;
  /** Resolves when the TCP connection this request came on closes. */
  connectionClosed: Promise<void>;
}

/** Answers one request; an unanswered route gets a 404. */
export type Route = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

/** A running test agent. */
export interface TestAgent {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The JSON-RPC endpoint, `<origin>/rpc`. */
  endpoint: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a test agent; call `close()` in `afterEach`. */
export async function startTestAgent(route: Route): Promise<TestAgent> {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: RecordedRequest = {
      method: incoming.method ?? 'GET',
      path: incoming.url ?? '/',
      headers: incoming.headers,
      body: text ? JSON.parse(text) : undefined,
      connectionClosed: new Promise((resolve) => incoming.socket.once('close', () => resolve())),
    };
    requests.push(recorded);
    await route(recorded, response);
    if (!response.headersSent && !response.destroyed) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    endpoint: `${origin}/rpc`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers with a JSON-RPC success response. */
export function sendResult(response: ServerResponse, request: RecordedRequest, result: unknown): void {
  sendJson(response, { jsonrpc: '2.0', id: request.body?.id ?? null, result });
}

/** Answers with a JSON-RPC error response (HTTP 200, as JSON-RPC over HTTP does). */
export function sendError(
  response: ServerResponse,
  request: RecordedRequest,
  code: number,
  message: string,
  data?: unknown,
): void {
  const error = data === undefined ? { code, message } : { code, message, data };
  sendJson(response, { jsonrpc: '2.0', id: request.body?.id ?? null, error });
}

/** Answers with any JSON body. */
export function sendJson(response: ServerResponse, body: unknown, statusCode = 200): void {
  response.writeHead(statusCode, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** Starts an SSE response the way our server does: headers, then a `retry:` line. */
export function openEventStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.write('retry: 1000\n\n');
}

/** Writes one stream event as `id: <seq>` (when given) and a one-line JSON-RPC success response. */
export function writeEvent(response: ServerResponse, request: RecordedRequest, event: StreamEvent, id?: number): void {
  const frame = JSON.stringify({ jsonrpc: '2.0', id: request.body?.id ?? null, result: event });
  response.write(`${id === undefined ? '' : `id: ${id}\n`}data: ${frame}\n\n`);
}

/** A card whose endpoint is `endpoint`. */
export function agentCard(endpoint: string, overrides: Partial<AgentCard> = {}): AgentCard {
  return {
    protocolVersion: '0.3.0',
    name: 'Test agent',
    description: 'Answers the client tests.',
    url: endpoint,
    version: '1.0.0',
    capabilities: { streaming: true },
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [{ id: 'echo', name: 'Echo', description: 'Echoes.', tags: ['test'] }],
    ...overrides,
  };
}

/** A task snapshot. */
export function task(id: string, state: TaskState, metadata?: Record<string, unknown>): Task {
  return { kind: 'task', id, contextId: 'context-1', status: { state }, ...(metadata ? { metadata } : {}) };
}

/** A status update, with an agent message when `text` is given. */
export function statusUpdate(taskId: string, state: TaskState, final: boolean, text?: string): StreamEvent {
  const message =
    text === undefined
      ? undefined
      : {
          kind: 'message' as const,
          messageId: `m-${state}`,
          role: 'agent' as const,
          parts: [{ kind: 'text' as const, text }],
        };
  return {
    kind: 'status-update',
    taskId,
    contextId: 'context-1',
    status: message ? { state, message } : { state },
    final,
  };
}

/** An artifact chunk. */
export function artifactUpdate(taskId: string, artifactId: string, text: string, append = false): StreamEvent {
  return {
    kind: 'artifact-update',
    taskId,
    contextId: 'context-1',
    artifact: { artifactId, name: artifactId, parts: [{ kind: 'text', text }] },
    append,
  };
}

/**
 * The events of a task numbered 1..`count`: the Task, `count - 2` working updates, then a final
 * completed update. Event `n` of the list has sequence number `n + 1`.
 */
export function taskEvents(taskId: string, count: number): StreamEvent[] {
  const events: StreamEvent[] = [task(taskId, 'submitted')];
  for (let index = 2; index < count; index += 1) events.push(statusUpdate(taskId, 'working', false, `step ${index}`));
  events.push(statusUpdate(taskId, 'completed', true));
  return events;
}

/** A user message with one text part. */
export function userMessage(text: string) {
  return {
    kind: 'message' as const,
    messageId: `user-${text}`,
    role: 'user' as const,
    parts: [{ kind: 'text' as const, text }],
  };
}

/** A loopback port nobody listens on: bound once by us, then released. */
export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
