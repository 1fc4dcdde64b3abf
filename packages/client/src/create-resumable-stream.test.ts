import type { ServerResponse } from 'node:http';
import { A2AError, resumableStreamExtension } from '@a2a-mesh/protocol';
import type { StreamEvent } from '@a2a-mesh/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from './a2a-client.ts';
import { A2AClientError } from './a2a-client-error.ts';
import type { A2AClientOptions, ReconnectInfo } from './a2a-client-options.ts';
import type { StreamItem } from './read-stream-items.ts';
import {
  freePort,
  openEventStream,
  sendError,
  startTestAgent,
  task,
  taskEvents,
  userMessage,
  writeEvent,
} from './testing/test-agent.ts';
import type { RecordedRequest, TestAgent } from './testing/test-agent.ts';

const taskId = 't-1';
const cursorKey = resumableStreamExtension.lastEventIdKey;
const fastRetry = { attempts: 3, initialDelay: 1, maxDelay: 5 };

let agent: TestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

/**
 * Answers the n-th streaming request (0-based) with `connections[n]`, passing the cursor the
 * request carried in its `Last-Event-ID` header (0 without one): a stand-in for our server's
 * per-task event log, scripted connection by connection.
 */
type Connection = (request: RecordedRequest, response: ServerResponse, cursor: number) => void;

async function startScriptedAgent(...connections: Connection[]): Promise<TestAgent> {
  let served = 0;
  agent = await startTestAgent((request, response) => {
    const connection = connections[served++];
    if (!connection) return sendError(response, request, -32603, 'Internal error: no script for this connection');
    connection(request, response, Number(request.headers['last-event-id'] ?? 0));
  });
  return agent;
}

/** Streams the log's events numbered `from`..`to`, then ends as told. */
function serve(
  events: StreamEvent[],
  range: { from?: number; to?: number },
  end: 'drop' | 'close' | 'hang' | 'complete',
): Connection {
  return (request, response, cursor) => {
    openEventStream(response);
    const from = range.from ?? cursor + 1;
    const to = range.to ?? events.length;
    for (let id = from; id <= to; id += 1) {
      writeEvent(response, request, events[id - 1] as StreamEvent, id);
      response.write(': heartbeat\n\n');
    }
    if (end === 'drop') response.write('', () => response.socket?.destroy());
    if (end === 'close' || end === 'complete') response.end();
  };
}

async function collect(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

function client(options: A2AClientOptions = {}): A2AClient {
  return new A2AClient(agent?.endpoint ?? '', { retry: fastRetry, ...options });
}

const ids = (items: StreamItem[]) => items.map((item) => item.id);

describe('streams', () => {
  it('yields every event of a message/stream, validated, with its sequence number', async () => {
    const events = taskEvents(taskId, 5);
    const server = await startScriptedAgent(serve(events, {}, 'complete'));
    const items = await collect(client().streamMessage({ message: userMessage('go') }));
    expect(items).toEqual(events.map((event, index) => ({ id: index + 1, event })));
    expect(server.requests[0]?.body?.method).toBe('message/stream');
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream');
  });

  it('resumes a dropped stream from the last event, so the caller sees 1..N exactly once', async () => {
    const events = taskEvents(taskId, 8);
    const server = await startScriptedAgent(serve(events, { to: 3 }, 'drop'), serve(events, {}, 'complete'));
    const reconnects: ReconnectInfo[] = [];
    const items = await collect(
      client({ onReconnect: (info) => reconnects.push(info) }).streamMessage({ message: userMessage('go') }),
    );

    expect(ids(items)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(items.map((item) => item.event)).toEqual(events);
    const resubscribe = server.requests[1];
    expect(resubscribe?.body?.method).toBe('tasks/resubscribe');
    expect(resubscribe?.headers['last-event-id']).toBe('3');
    expect(resubscribe?.body?.params).toEqual({ id: taskId, metadata: { [cursorKey]: 3 } });
    expect(reconnects).toEqual([{ taskId, attempt: 1, lastEventId: 3, error: expect.any(A2AClientError) }]);
  });

  it('resumes a stream the server ended cleanly before the final event', async () => {
    const events = taskEvents(taskId, 4);
    await startScriptedAgent(serve(events, { to: 2 }, 'close'), serve(events, {}, 'complete'));
    expect(ids(await collect(client().streamMessage({ message: userMessage('go') })))).toEqual([1, 2, 3, 4]);
  });

  it('starts the retry budget over after progress', async () => {
    const events = taskEvents(taskId, 9);
    const server = await startScriptedAgent(
      serve(events, { to: 2 }, 'drop'),
      serve(events, { to: 5 }, 'drop'),
      serve(events, { to: 7 }, 'drop'),
      serve(events, {}, 'complete'),
    );
    const stream = client({ retry: { attempts: 1, initialDelay: 1, maxDelay: 1 } }).streamMessage({
      message: userMessage('go'),
    });
    expect(ids(await collect(stream))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(server.requests.map((request) => request.headers['last-event-id'])).toEqual([undefined, '2', '5', '7']);
  });

  it('drops an event the server sends again after a reconnection', async () => {
    const events = taskEvents(taskId, 6);
    await startScriptedAgent(serve(events, { to: 4 }, 'drop'), serve(events, { from: 3 }, 'complete'));
    expect(ids(await collect(client().streamMessage({ message: userMessage('go') })))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('gives up after the retry budget with the task id and the last event id', async () => {
    const events = taskEvents(taskId, 6);
    const unavailable: Connection = (_request, response) => void response.writeHead(503).end('restarting');
    const server = await startScriptedAgent(
      serve(events, { to: 2 }, 'drop'),
      unavailable,
      unavailable,
      unavailable,
      unavailable,
    );
    const seen: StreamItem[] = [];
    const error = await (async () => {
      for await (const item of client().streamMessage({ message: userMessage('go') })) seen.push(item);
    })().catch((caught: unknown) => caught);

    expect(ids(seen)).toEqual([1, 2]);
    expect(error).toBeInstanceOf(A2AClientError);
    expect(error).toMatchObject({ code: 'resume-exhausted', taskId, lastEventId: 2 });
    expect((error as Error).message).toContain(taskId);
    expect(server.requests).toHaveLength(1 + fastRetry.attempts);
  });

  it('ends iteration and closes the connection when the signal aborts', async () => {
    const events = taskEvents(taskId, 6);
    const server = await startScriptedAgent(serve(events, { to: 2 }, 'hang'));
    const controller = new AbortController();
    const seen: StreamItem[] = [];
    const error = await (async () => {
      for await (const item of client().streamMessage({ message: userMessage('go') }, { signal: controller.signal })) {
        seen.push(item);
        if (item.id === 2) controller.abort();
      }
    })().catch((caught: unknown) => caught);

    expect(ids(seen)).toEqual([1, 2]);
    expect((error as Error).name).toBe('AbortError');
    await server.requests[0]?.connectionClosed;
    expect(server.requests).toHaveLength(1);
  });

  it('closes the connection when the caller breaks out of the loop', async () => {
    const events = taskEvents(taskId, 6);
    const server = await startScriptedAgent(serve(events, { to: 3 }, 'hang'));
    for await (const item of client().streamMessage({ message: userMessage('go') })) {
      if (item.id === 2) break;
    }
    await server.requests[0]?.connectionClosed;
    expect(server.requests).toHaveLength(1);
  });

  it('throws an `event: error` frame as an A2AError without resuming', async () => {
    const server = await startScriptedAgent((request, response) => {
      openEventStream(response);
      writeEvent(response, request, task(taskId, 'submitted'), 1);
      const error = {
        jsonrpc: '2.0',
        id: request.body?.id,
        error: { code: -32603, message: 'Internal error: agent crashed' },
      };
      response.end(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
    });
    const seen: StreamItem[] = [];
    const error = await (async () => {
      for await (const item of client().streamMessage({ message: userMessage('go') })) seen.push(item);
    })().catch((caught: unknown) => caught);
    expect(ids(seen)).toEqual([1]);
    expect(error).toBeInstanceOf(A2AError);
    expect(error).toMatchObject({ code: -32603, message: 'Internal error: agent crashed' });
    expect(server.requests).toHaveLength(1);
  });

  it('throws a JSON-RPC error in a plain data frame, and one sent as plain JSON, as A2AErrors', async () => {
    await startScriptedAgent(
      (request, response) => {
        openEventStream(response);
        response.end(
          `data: ${JSON.stringify({ jsonrpc: '2.0', id: request.body?.id, error: { code: -32001, message: 'Task not found' } })}\r\n\r\n`,
        );
      },
      (request, response) => sendError(response, request, -32602, 'Invalid parameters: message.parts'),
    );
    await expect(collect(client().resubscribe('gone'))).rejects.toMatchObject({ name: 'A2AError', code: -32001 });
    await expect(collect(client().streamMessage({ message: userMessage('go') }))).rejects.toMatchObject({
      name: 'A2AError',
      code: -32602,
    });
  });

  it('does not resend message/stream when the connection drops before the first event', async () => {
    const server = await startScriptedAgent((_request, response) => {
      openEventStream(response);
      response.write('', () => response.socket?.destroy());
    });
    const error = await collect(client().streamMessage({ message: userMessage('go') })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'A2AClientError', code: 'stream-interrupted' });
    expect((error as Error).message).toMatch(/not sent again/);
    expect(server.requests).toHaveLength(1);
  });

  it('ends with malformed-response, without resuming, on a frame that is not a valid event', async () => {
    const server = await startScriptedAgent((request, response) => {
      openEventStream(response);
      response.end(
        `id: 1\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: request.body?.id, result: { kind: 'task', id: taskId } })}\n\n`,
      );
    });
    const error = await collect(client().streamMessage({ message: userMessage('go') })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'malformed-response' });
    expect((error as Error).message).toMatch(/result\.contextId/);
    expect(server.requests).toHaveLength(1);
  });

  it('resumes from a snapshot when the server sends no sequence numbers', async () => {
    const [, working, completed] = [task(taskId, 'submitted'), ...taskEvents(taskId, 3).slice(1)] as StreamEvent[];
    const server = await startScriptedAgent(
      (request, response) => {
        // A foreign server: no ids, CRLF line ends.
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const frame = (event: StreamEvent) =>
          `data: ${JSON.stringify({ jsonrpc: '2.0', id: request.body?.id, result: event })}\r\n\r\n`;
        response.write(frame(task(taskId, 'submitted')) + frame(working as StreamEvent), () =>
          response.socket?.destroy(),
        );
      },
      (request, response) => {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const frame = (event: StreamEvent) =>
          `data: ${JSON.stringify({ jsonrpc: '2.0', id: request.body?.id, result: event })}\r\n\r\n`;
        response.end(frame(task(taskId, 'working')) + frame(completed as StreamEvent));
      },
    );
    const items = await collect(client().streamMessage({ message: userMessage('go') }));
    expect(items.map((item) => [item.id, item.event.kind])).toEqual([
      [undefined, 'task'],
      [undefined, 'status-update'],
      [undefined, 'task'],
      [undefined, 'status-update'],
    ]);
    expect(server.requests[1]?.headers['last-event-id']).toBeUndefined();
    expect(server.requests[1]?.body?.params).toEqual({ id: taskId });
  });

  it('resubscribes from a cursor given by the caller', async () => {
    const events = taskEvents(taskId, 5);
    const server = await startScriptedAgent(serve(events, {}, 'complete'));
    const items = await collect(client().resubscribe(taskId, { lastEventId: 2 }));
    expect(ids(items)).toEqual([3, 4, 5]);
    expect(server.requests[0]?.headers['last-event-id']).toBe('2');
    expect(server.requests[0]?.body?.params).toEqual({ id: taskId, metadata: { [cursorKey]: 2 } });
  });

  it('ends a resubscription at a snapshot of a finished task', async () => {
    await startScriptedAgent((request, response) => {
      openEventStream(response);
      writeEvent(response, request, task(taskId, 'input-required'), 4);
      // The connection stays open: the snapshot alone tells the client the stream is complete.
    });
    expect(await collect(client().resubscribe(taskId))).toEqual([{ id: 4, event: task(taskId, 'input-required') }]);
  });

  it('retries message/stream while the connection is refused, then reports the failure', async () => {
    const retries: unknown[] = [];
    const refused = new A2AClient(`http://127.0.0.1:${await freePort()}/rpc`, {
      retry: { attempts: 2, initialDelay: 1, maxDelay: 1 },
      logger: { debug() {}, info: (context) => void retries.push(context), warn() {}, error() {} },
    });
    const error = await collect(refused.streamMessage({ message: userMessage('go') })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ code: 'request-failed' });
    expect(retries).toHaveLength(2);
  });

  it('keeps a quiet stream alive while heartbeats arrive, and resumes one that goes silent', async () => {
    const events = taskEvents(taskId, 4);
    const server = await startScriptedAgent(
      (request, response) => {
        openEventStream(response);
        writeEvent(response, request, events[0] as StreamEvent, 1);
        // Heartbeats only for longer than the idle limit can last (undici checks it on a timer
        // of about half a second), then one event, then silence.
        const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), 50);
        setTimeout(() => {
          clearInterval(heartbeat);
          writeEvent(response, request, events[1] as StreamEvent, 2);
        }, 1_500);
      },
      serve(events, {}, 'complete'),
    );
    const items = await collect(client({ timeouts: { bodyIdle: 100 } }).streamMessage({ message: userMessage('go') }));
    expect(ids(items)).toEqual([1, 2, 3, 4]);
    expect(server.requests.map((request) => request.headers['last-event-id'])).toEqual([undefined, '2']);
  });
});
