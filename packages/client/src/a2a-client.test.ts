import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from './a2a-client.ts';
import { A2AClientError } from './a2a-client-error.ts';
import {
  agentCard,
  freePort,
  sendError,
  sendJson,
  sendResult,
  startTestAgent,
  task,
  userMessage,
} from './testing/test-agent.ts';
import type { RecordedRequest, Route, TestAgent } from './testing/test-agent.ts';

let agent: TestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

const pushConfig = { taskId: 't-1', pushNotificationConfig: { id: 'hook-1', url: 'https://hooks.test/a2a' } };

/** Answers each method with a fixed, valid result, as our server would. */
function resultFor(request: RecordedRequest): unknown {
  switch (request.body?.method) {
    case 'message/send':
      return task('t-1', 'completed');
    case 'tasks/get':
    case 'tasks/cancel':
      return task(request.body.params.id, request.body.method === 'tasks/cancel' ? 'canceled' : 'working');
    case 'tasks/pushNotificationConfig/set':
    case 'tasks/pushNotificationConfig/get':
      return pushConfig;
    case 'tasks/pushNotificationConfig/list':
      return [pushConfig];
    case 'tasks/pushNotificationConfig/delete':
      return null;
    case 'agent/getAuthenticatedExtendedCard':
      return agentCard('http://127.0.0.1:1/rpc', { name: 'Extended' });
    default:
      return undefined;
  }
}

async function happyClient(): Promise<{ client: A2AClient; server: TestAgent }> {
  agent = await startTestAgent((request, response) => sendResult(response, request, resultFor(request)));
  return { client: new A2AClient(agent.endpoint, { headers: { authorization: 'Bearer secret' } }), server: agent };
}

/** A client of an agent that answers every call with `answer`. */
async function clientAnswering(answer: Route): Promise<A2AClient> {
  agent = await startTestAgent(answer);
  return new A2AClient(agent.endpoint);
}

describe('A2AClient request/response methods', () => {
  it('sends each method as a JSON-RPC request and returns the validated result', async () => {
    const { client, server } = await happyClient();
    expect(await client.sendMessage({ message: userMessage('hi') })).toMatchObject({ kind: 'task', id: 't-1' });
    expect((await client.getTask('t-2', { historyLength: 3 })).status.state).toBe('working');
    expect((await client.cancelTask('t-3')).status.state).toBe('canceled');
    expect(await client.setTaskPushNotificationConfig(pushConfig)).toEqual(pushConfig);
    expect(await client.getTaskPushNotificationConfig('t-1', { pushNotificationConfigId: 'hook-1' })).toEqual(
      pushConfig,
    );
    expect(await client.listTaskPushNotificationConfigs('t-1')).toEqual([pushConfig]);
    expect(await client.deleteTaskPushNotificationConfig('t-1', 'hook-1')).toBeUndefined();
    expect((await client.getAuthenticatedExtendedCard()).name).toBe('Extended');
    expect((await client.call('tasks/get', { id: 't-4' })).id).toBe('t-4');

    expect(server.requests.map((request) => [request.body?.method, request.body?.params])).toEqual([
      ['message/send', { message: userMessage('hi') }],
      ['tasks/get', { id: 't-2', historyLength: 3 }],
      ['tasks/cancel', { id: 't-3' }],
      ['tasks/pushNotificationConfig/set', pushConfig],
      ['tasks/pushNotificationConfig/get', { id: 't-1', pushNotificationConfigId: 'hook-1' }],
      ['tasks/pushNotificationConfig/list', { id: 't-1' }],
      ['tasks/pushNotificationConfig/delete', { id: 't-1', pushNotificationConfigId: 'hook-1' }],
      ['agent/getAuthenticatedExtendedCard', undefined],
      ['tasks/get', { id: 't-4' }],
    ]);
    for (const request of server.requests) {
      expect(request.body?.jsonrpc).toBe('2.0');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers.authorization).toBe('Bearer secret');
    }
    expect(new Set(server.requests.map((request) => request.body?.id)).size).toBe(server.requests.length);
  });

  it('lets per-call headers override the client headers, and calls a header function per request', async () => {
    let calls = 0;
    agent = await startTestAgent((request, response) => sendResult(response, request, resultFor(request)));
    const client = new A2AClient(agent.endpoint, {
      headers: () => ({ authorization: `Bearer ${++calls}`, 'x-team': 'a' }),
    });
    await client.getTask('t-1');
    await client.getTask('t-1', { headers: { 'X-Team': 'b' } });
    expect(agent.requests.map((request) => [request.headers.authorization, request.headers['x-team']])).toEqual([
      ['Bearer 1', 'a'],
      ['Bearer 2', 'b'],
    ]);
  });

  it.each([
    ['message/send', (client: A2AClient) => client.sendMessage({ message: userMessage('hi') })],
    ['tasks/get', (client: A2AClient) => client.getTask('missing')],
    ['tasks/cancel', (client: A2AClient) => client.cancelTask('missing')],
    ['tasks/pushNotificationConfig/set', (client: A2AClient) => client.setTaskPushNotificationConfig(pushConfig)],
    ['tasks/pushNotificationConfig/get', (client: A2AClient) => client.getTaskPushNotificationConfig('missing')],
    ['tasks/pushNotificationConfig/list', (client: A2AClient) => client.listTaskPushNotificationConfigs('missing')],
    [
      'tasks/pushNotificationConfig/delete',
      (client: A2AClient) => client.deleteTaskPushNotificationConfig('missing', 'x'),
    ],
    ['agent/getAuthenticatedExtendedCard', (client: A2AClient) => client.getAuthenticatedExtendedCard()],
  ])('%s: throws the JSON-RPC error as an A2AError with the wire code, message and data', async (_method, invoke) => {
    const client = await clientAnswering((request, response) =>
      sendError(response, request, ErrorCode.TaskNotFound, 'Task not found: missing', { taskId: 'missing' }),
    );
    const error = await invoke(client).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(A2AError);
    expect(error).toMatchObject({ code: -32001, message: 'Task not found: missing', data: { taskId: 'missing' } });
  });

  it('reads the JSON-RPC error body of a 413', async () => {
    const client = await clientAnswering((request, response) =>
      sendJson(
        response,
        {
          jsonrpc: '2.0',
          id: request.body?.id,
          error: { code: -32600, message: 'Request payload validation error: body too large' },
        },
        413,
      ),
    );
    await expect(client.sendMessage({ message: userMessage('big') })).rejects.toMatchObject({
      name: 'A2AError',
      code: -32600,
    });
  });

  it('reports a non-2xx status without a JSON-RPC body as http-error', async () => {
    const client = await clientAnswering((_request, response) => void response.writeHead(401).end('Unauthorized'));
    await expect(client.getTask('t-1')).rejects.toMatchObject({
      name: 'A2AClientError',
      code: 'http-error',
      statusCode: 401,
    });
  });

  it('validates params before sending anything', async () => {
    const { client, server } = await happyClient();
    const error = await client
      .sendMessage({ message: { ...userMessage('x'), parts: [] } })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'invalid-params' });
    expect((error as Error).message).toContain('params.message.parts');
    expect(server.requests).toHaveLength(0);
  });
});

describe('A2AClient with malformed responses', () => {
  it.each<[string, Route, RegExp]>([
    [
      'a body that is not JSON',
      (_request, response) =>
        void response.writeHead(200, { 'content-type': 'text/html' }).end('<html>proxy login</html>'),
      /not JSON \(text\/html\)/,
    ],
    [
      'a body that is not a JSON-RPC response',
      (_request, response) => sendJson(response, { hello: 'world' }),
      /neither `result` nor `error`/,
    ],
    [
      'a result of the wrong shape',
      (request, response) =>
        sendResult(response, request, { kind: 'task', id: 't-1', contextId: 'c', status: { state: 'sleeping' } }),
      /result\.status\.state/,
    ],
    [
      'an error member of the wrong shape',
      (request, response) =>
        sendJson(response, { jsonrpc: '2.0', id: request.body?.id, error: { message: 'no code' } }),
      /error\.code/,
    ],
    [
      'the answer to another request',
      (_request, response) =>
        sendJson(response, { jsonrpc: '2.0', id: 'someone-else', result: task('t-1', 'working') }),
      /not the request id/,
    ],
  ])('turns %s into a malformed-response error', async (_case, answer, message) => {
    const client = await clientAnswering(answer);
    const error = await client.getTask('t-1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(A2AClientError);
    expect(error).toMatchObject({ code: 'malformed-response' });
    expect((error as Error).message).toMatch(message);
  });
});

describe('A2AClient connection failures', () => {
  it('retries a request refused at connect, which provably never reached the agent', async () => {
    const port = await freePort();
    let attempts = 0;
    const client = new A2AClient(`http://127.0.0.1:${port}/rpc`, {
      retry: { attempts: 2, initialDelay: 1, maxDelay: 1 },
      logger: { debug() {}, info: () => void (attempts += 1), warn() {}, error() {} },
    });
    const error = await client.getTask('t-1').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'request-failed' });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(attempts).toBe(2);
  });

  it('does not resend a request whose connection broke after it was sent', async () => {
    const client = await clientAnswering((_request, response) => void response.socket?.destroy());
    await expect(client.sendMessage({ message: userMessage('once') })).rejects.toMatchObject({
      code: 'request-failed',
    });
    expect(agent?.requests).toHaveLength(1);
  });
});
