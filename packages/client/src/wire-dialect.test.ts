/**
 * The client speaking A2A 1.0 to a stand-in agent: what goes on the wire (1.0 names, params and
 * headers) and what callers get back (the same 0.3-shaped types as over 0.3).
 */
import { A2AError, ErrorCode, toV1StreamResponse, toV1Task } from '@a2a-mesh/protocol';
import type { StreamEvent } from '@a2a-mesh/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from './a2a-client.ts';
import { A2AClientError } from './a2a-client-error.ts';
import type { StreamItem } from './read-stream-items.ts';
import {
  agentCard,
  openEventStream,
  sendError,
  sendJson,
  sendResult,
  startTestAgent,
  statusUpdate,
  task,
  userMessage,
} from './testing/test-agent.ts';
import type { RecordedRequest, Route, TestAgent } from './testing/test-agent.ts';

let agent: TestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

async function v1Client(route: Route): Promise<A2AClient> {
  agent = await startTestAgent(route);
  return new A2AClient(agent.endpoint, { protocolVersion: '1.0' });
}

async function collect(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

/** Writes one 1.0 stream event: the StreamResponse wrapper of `event`. */
function writeV1Event(response: Parameters<Route>[1], request: RecordedRequest, event: StreamEvent, id?: number): void {
  const frame = JSON.stringify({ jsonrpc: '2.0', id: request.body?.id ?? null, result: toV1StreamResponse(event) });
  response.write(`${id === undefined ? '' : `id: ${id}\n`}data: ${frame}\n\n`);
}

describe('A2AClient speaking 1.0', () => {
  it('sends 1.0 names and params with A2A-Version and our extension, and reads 1.0 results into our types', async () => {
    const client = await v1Client((request, response) => {
      const params = request.body?.params;
      switch (request.body?.method) {
        case 'SendMessage':
          return sendResult(response, request, { task: toV1Task(task('t-1', 'completed')) });
        case 'GetTask':
          return sendResult(response, request, toV1Task(task(params.id, 'input-required')));
        case 'CancelTask':
          return sendResult(response, request, toV1Task(task(params.id, 'canceled')));
        case 'ListTasks':
          return sendResult(response, request, {
            tasks: [toV1Task(task('t-9', 'working'))],
            nextPageToken: '',
            pageSize: 5,
            totalSize: 1,
          });
        case 'ListTaskPushNotificationConfigs':
          return sendResult(response, request, {
            configs: [{ taskId: params.taskId, id: 'c', url: 'https://hook.test' }],
          });
        case 'DeleteTaskPushNotificationConfig':
          return sendResult(response, request, {});
        default:
          return sendError(response, request, -32601, 'Method not found');
      }
    });
    const message = userMessage('hi');
    expect(await client.sendMessage({ message, configuration: { blocking: false } })).toEqual(task('t-1', 'completed'));
    expect(await client.getTask('t-2', { historyLength: 0 })).toEqual(task('t-2', 'input-required'));
    expect(await client.cancelTask('t-3')).toEqual(task('t-3', 'canceled'));
    expect(await client.listTasks({ state: 'working', pageSize: 5 })).toEqual({
      tasks: [task('t-9', 'working')],
      pageSize: 5,
      totalSize: 1,
    });
    expect(await client.listTaskPushNotificationConfigs('t-4')).toEqual([
      { taskId: 't-4', pushNotificationConfig: { id: 'c', url: 'https://hook.test' } },
    ]);
    await client.deleteTaskPushNotificationConfig('t-4', 'c');
    expect(agent!.requests.map((request) => [request.body?.method, request.body?.params])).toEqual([
      [
        'SendMessage',
        {
          message: { messageId: message.messageId, role: 'ROLE_USER', parts: [{ text: 'hi' }] },
          configuration: { returnImmediately: true },
        },
      ],
      ['GetTask', { id: 't-2', historyLength: 0 }],
      ['CancelTask', { id: 't-3' }],
      ['ListTasks', { status: 'TASK_STATE_WORKING', pageSize: 5 }],
      ['ListTaskPushNotificationConfigs', { taskId: 't-4' }],
      ['DeleteTaskPushNotificationConfig', { taskId: 't-4', id: 'c' }],
    ]);
    for (const request of agent!.requests) {
      expect(request.headers['a2a-version']).toBe('1.0');
      expect(request.headers['a2a-extensions']).toBe('https://a2a-mesh.dev/extensions/resumable-stream/v1');
    }
  });

  it('throws the agent’s error with the wire’s code and 1.0 details', async () => {
    const data = [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'TASK_NOT_FOUND', domain: 'a2a-protocol.org' },
    ];
    const client = await v1Client((request, response) => sendError(response, request, -32001, 'Task not found', data));
    const error = await client.getTask('nope').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(A2AError);
    expect(error).toMatchObject({ code: ErrorCode.TaskNotFound, data });
  });

  it('streams 1.0 events as our items, and resumes with SubscribeToTask and the cursor', async () => {
    const events: StreamEvent[] = [
      task('t-1', 'submitted'),
      statusUpdate('t-1', 'working', false, 'one'),
      statusUpdate('t-1', 'completed', true, 'done'),
    ];
    const client = await v1Client((request, response) => {
      openEventStream(response);
      if (request.body?.method === 'SendStreamingMessage') {
        writeV1Event(response, request, events[0]!, 1);
        writeV1Event(response, request, events[1]!, 2);
        response.write('', () => response.socket?.destroy()); // dropped before the end
        return;
      }
      writeV1Event(response, request, events[2]!, 3);
      response.end();
    });
    const items = await collect(client.streamMessage({ message: userMessage('go') }, { retry: { initialDelay: 1 } }));
    expect(items).toEqual(events.map((event, index) => ({ id: index + 1, event })));
    const resume = agent!.requests[1]!;
    expect(resume.body).toMatchObject({
      method: 'SubscribeToTask',
      params: { id: 't-1', metadata: { 'a2a-mesh/lastEventId': 2 } },
    });
    expect(resume.headers['last-event-id']).toBe('2');
  });

  it('ends a resubscribe to a task that ended with the task, where a 1.0 server answers -32004', async () => {
    const client = await v1Client((request, response) => {
      if (request.body?.method === 'SubscribeToTask')
        return sendError(response, request, -32004, 'This operation is not supported');
      return sendResult(response, request, toV1Task(task('t-1', 'completed')));
    });
    expect(await collect(client.resubscribe('t-1'))).toEqual([{ event: task('t-1', 'completed') }]);
    expect(agent!.requests.map((request) => request.body?.method)).toEqual(['SubscribeToTask', 'GetTask']);
  });

  it('says listTasks needs 1.0 when it speaks 0.3, sending nothing', async () => {
    agent = await startTestAgent((_request, response) => sendJson(response, {}));
    const client = new A2AClient(agent.endpoint);
    const error = await client.listTasks().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(A2AClientError);
    expect(error).toMatchObject({
      code: 'invalid-params',
      message: expect.stringContaining('ListTasks is an A2A 1.0 method'),
    });
    expect(agent.requests).toHaveLength(0);
  });

  it('picks 1.0 from a card that prefers it, and 0.3 when asked', async () => {
    agent = await startTestAgent((request, response) => {
      if (request.method === 'GET') {
        return sendJson(response, {
          ...agentCard(`${agent!.origin}/legacy`),
          supportedInterfaces: [
            { url: `${agent!.origin}/v1`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
            { url: `${agent!.origin}/legacy`, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
          ],
        });
      }
    });
    const preferred = await A2AClient.fromCardUrl(agent.origin);
    expect([preferred.protocolVersion, preferred.endpoint.pathname]).toEqual(['1.0', '/v1']);
    const legacy = await A2AClient.fromCardUrl(agent.origin, { protocolVersion: '0.3' });
    expect([legacy.protocolVersion, legacy.endpoint.pathname]).toEqual(['0.3', '/legacy']);
    expect(legacy.card?.name).toBe('Test agent');
  });
});
