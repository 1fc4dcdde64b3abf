import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A stand-in for an OpenAI-compatible server, for tests: a real `node:http` server on 127.0.0.1
 * port 0 that answers as the public Chat Completions API does on the wire.
 *
 * - `POST /v1/chat/completions` with `"stream": true`: `text/event-stream`, one `data:` line per
 *   `chat.completion.chunk` (the first delta carries `role`, the next ones `content`, the last one
 *   an empty delta and `finish_reason: "stop"`), a usage-only chunk (`choices: []`) when the request
 *   asked for `stream_options.include_usage`, then `data: [DONE]`.
 * - The same without `stream`: one `chat.completion` JSON object.
 * - `GET /v1/models`: `{ object: "list", data: [{ id, object: "model", ... }] }`.
 * - An error is `{ error: { message, type, param, code } }` with its HTTP status, as the API sends.
 *
 * It records every request (the decoded JSON body included) and can be told to fail or be slow.
 */

/** How the fake answers; change it between or during tests with `behave`. */
export interface FakeOpenAiBehaviour {
  /** The assistant's answer: a string (split into word-sized tokens) or the exact tokens. */
  reply: string | readonly string[];
  /** Answer chat completions with this HTTP status and an OpenAI error body instead. */
  failWith?: number;
  /** Wait this long before sending the response headers. */
  delayMs?: number;
  /** Wait this long between streamed chunks. */
  chunkDelayMs?: number;
  /** The model ids `GET /v1/models` lists. */
  models: readonly string[];
}

/** A request the fake received. */
export interface FakeOpenAiRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The decoded JSON body; `undefined` for a request without one. */
  // Tests read whatever the client sent, deliberately unchecked: asserting it is the test.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** True once the client closed the connection before the response ended. */
  aborted: boolean;
}

/** A running fake; `close()` it in `afterEach`. */
export interface FakeOpenAi {
  /** The base URL an OpenAI client takes: `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  requests: FakeOpenAiRequest[];
  /** The chat completion requests only. */
  completions(): FakeOpenAiRequest[];
  behave(change: Partial<FakeOpenAiBehaviour>): void;
  close(): Promise<void>;
}

/** Starts a fake OpenAI-compatible server on loopback. */
export async function startFakeOpenAi(initial: Partial<FakeOpenAiBehaviour> = {}): Promise<FakeOpenAi> {
  let behaviour: FakeOpenAiBehaviour = { reply: 'Hello from the fake model.', models: ['fake-model'], ...initial };
  const requests: FakeOpenAiRequest[] = [];

  const server = createServer(async (incoming, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const recorded: FakeOpenAiRequest = {
      method: incoming.method ?? 'GET',
      path: incoming.url ?? '/',
      headers: incoming.headers,
      body: text ? JSON.parse(text) : undefined,
      aborted: false,
    };
    requests.push(recorded);
    response.on('close', () => (recorded.aborted = !response.writableFinished));
    const current = behaviour;
    try {
      if (current.delayMs) await sleep(current.delayMs);
      if (recorded.method === 'GET' && recorded.path === '/v1/models') return sendModels(response, current);
      if (recorded.method !== 'POST' || recorded.path !== '/v1/chat/completions') {
        return sendError(response, 404, `Unknown request URL: ${recorded.method} ${recorded.path}.`);
      }
      if (current.failWith) return sendError(response, current.failWith, 'The server had an error.');
      if (recorded.body?.stream === true) return await streamCompletion(response, recorded.body, current);
      return sendCompletion(response, recorded.body, current);
    } catch (error) {
      if (!response.headersSent) sendError(response, 500, String(error));
      else response.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    completions: () => requests.filter((request) => request.path === '/v1/chat/completions'),
    behave(change) {
      behaviour = { ...behaviour, ...change };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The reply as the tokens the fake streams: words with their leading space, as BPE tokens look. */
export function replyTokens(reply: string | readonly string[]): string[] {
  return typeof reply === 'string' ? (reply.match(/\s*\S+/g) ?? []) : [...reply];
}

interface CompletionRequest {
  model?: string;
  stream_options?: { include_usage?: boolean };
}

async function streamCompletion(
  response: ServerResponse,
  request: CompletionRequest,
  behaviour: FakeOpenAiBehaviour,
): Promise<void> {
  const id = `chatcmpl-${randomUUID()}`;
  const created = Math.floor(Date.now() / 1000);
  const model = request.model ?? 'fake-model';
  const usage = request.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      system_fingerprint: 'fp_fake',
      choices,
      ...(usage ? { usage: null } : {}),
      ...extra,
    });
  const choice = (delta: Record<string, unknown>, finishReason: string | null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });

  const tokens = replyTokens(behaviour.reply);
  const frames = [
    chunk([choice({ role: 'assistant', content: '', refusal: null }, null)]),
    ...tokens.map((token) => chunk([choice({ content: token }, null)])),
    chunk([choice({}, 'stop')]),
    ...(usage ? [chunk([], { usage: usageOf(tokens) })] : []),
    '[DONE]',
  ];
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': `req_${randomUUID()}`,
  });
  for (const frame of frames) {
    if (response.destroyed) return;
    response.write(`data: ${frame}\n\n`);
    if (behaviour.chunkDelayMs) await sleep(behaviour.chunkDelayMs);
  }
  response.end();
}

function sendCompletion(response: ServerResponse, request: CompletionRequest, behaviour: FakeOpenAiBehaviour): void {
  const tokens = replyTokens(behaviour.reply);
  sendJson(response, 200, {
    id: `chatcmpl-${randomUUID()}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.model ?? 'fake-model',
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: tokens.join(''), refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: usageOf(tokens),
  });
}

function sendModels(response: ServerResponse, behaviour: FakeOpenAiBehaviour): void {
  const created = Math.floor(Date.now() / 1000);
  sendJson(response, 200, {
    object: 'list',
    data: behaviour.models.map((id) => ({ id, object: 'model', created, owned_by: 'fake' })),
  });
}

function sendError(response: ServerResponse, status: number, message: string): void {
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(response, status, { error: { message, type, param: null, code: null } });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function usageOf(tokens: readonly string[]) {
  return { prompt_tokens: 10, completion_tokens: tokens.length, total_tokens: 10 + tokens.length };
}
