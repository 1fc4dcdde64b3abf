/**
 * A2A 1.0 on the wire of our server, read with plain `fetch`: version negotiation on the shared
 * endpoint, the two card variants, 1.0 stream rules (1.0 §3.1.2, §3.1.6) and ListTasks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, resumableStreamExtension } from '@a2a-mesh/protocol';
import type { AgentExecutor } from './agent-executor.ts';
import { createAgentServer } from './agent-server.ts';
import type { AgentServer, AgentServerOptions } from './agent-server.ts';

const card: AgentServerOptions['card'] = {
  name: 'v1 test agent',
  description: 'answers in both versions',
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'say', name: 'Say', description: 'Says things', tags: ['test'] }],
};

/** Works, writes a two-chunk artifact, and completes; or asks for input when told to. */
const worker: AgentExecutor = {
  async execute(context, publisher) {
    await publisher.status('working', 'working on it');
    const text = context.message.parts[0]?.kind === 'text' ? context.message.parts[0].text : '';
    if (text === 'ask') {
      await publisher.status('input-required', 'which one?');
      return;
    }
    await publisher.artifact({ artifactId: 'a', parts: [{ kind: 'text', text: 'one ' }] }, { lastChunk: false });
    await publisher.artifact(
      { artifactId: 'a', parts: [{ kind: 'text', text: 'two' }] },
      { append: true, lastChunk: true },
    );
  },
};

const servers: AgentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Partial<AgentServerOptions> = {}): Promise<string> {
  const server = createAgentServer({ card, executor: worker, ...options });
  servers.push(server);
  return server.listen();
}

const v1 = { 'a2a-version': '1.0' };

async function rpc(url: string, method: string, params: unknown, headers: Record<string, string> = v1) {
  const response = await fetch(`${url}/a2a`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: 7, method, params }),
  });
  return response;
}

async function call(url: string, method: string, params: unknown, headers?: Record<string, string>) {
  return (await (await rpc(url, method, params, headers)).json()) as {
    result?: Record<string, unknown>;
    error?: { code: number; message: string; data?: unknown };
  };
}

/** The SSE frames of a stream: id and parsed data. */
async function frames(response: Response): Promise<Array<{ id?: string; data: Record<string, unknown> }>> {
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  return (await response.text())
    .split('\n\n')
    .filter((frame) => frame.includes('data:'))
    .map((frame) => ({
      ...(/^id:(\d+)$/m.exec(frame) ? { id: /^id:(\d+)$/m.exec(frame)![1] } : {}),
      data: JSON.parse(/^data:(.*)$/m.exec(frame)![1]!) as Record<string, unknown>,
    }));
}

const message = (text: string, extra: Record<string, unknown> = {}) => ({
  message: { messageId: crypto.randomUUID(), role: 'ROLE_USER', parts: [{ text }], ...extra },
});

const info = (reason: string) => [
  { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: 'a2a-protocol.org' },
];

describe('version negotiation on the shared endpoint', () => {
  it('answers an A2A-Version it does not speak with -32009, listing the versions it does (JSONRPC-SSE-002, §3.2.6)', async () => {
    const url = await start();
    for (const method of ['tasks/get', 'GetTask']) {
      const { error } = await call(url, method, { id: 'x' }, { 'a2a-version': '2.0' });
      expect(error?.code).toBe(-32009);
      expect(error?.message).toBe('Version not supported: A2A-Version "2.0"; this agent speaks 1.0, 0.3');
      expect(error?.data).toEqual([
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'VERSION_NOT_SUPPORTED',
          domain: 'a2a-protocol.org',
          metadata: { requestedVersion: '2.0', supportedVersions: '1.0,0.3' },
        },
      ]);
    }
  });

  it('leaves 0.3 untouched: no header, or 0.3, gets 0.3 answers and 0.3 errors', async () => {
    const url = await start();
    for (const headers of [{}, { 'a2a-version': '0.3' }] as Array<Record<string, string>>) {
      const sent = await call(
        url,
        'message/send',
        { message: { kind: 'message', messageId: 'm', role: 'user', parts: [{ kind: 'text', text: 'hi' }] } },
        headers,
      );
      expect(sent.result).toMatchObject({ kind: 'task', status: { state: 'completed' } });
      const missing = await call(url, 'tasks/get', { id: 'nope' }, headers);
      expect(missing.error).toEqual({ code: ErrorCode.TaskNotFound, message: 'Task not found: nope' });
    }
  });

  it('serves 1.0 method names with or without the header (the names tell the dialect)', async () => {
    const url = await start();
    for (const headers of [v1, {}]) {
      const sent = await call(url, 'SendMessage', message('hi'), headers);
      expect(sent.result).toMatchObject({ task: { status: { state: 'TASK_STATE_COMPLETED' } } });
    }
  });

  it('names an unknown method -32601 in the dialect of the header', async () => {
    const url = await start();
    expect((await call(url, 'Nope', {})).error).toEqual({
      code: -32601,
      message: 'Method not found: "Nope" is not an A2A 0.3 or 1.0 method',
    });
    expect((await call(url, 'Nope', {}, {})).error?.code).toBe(-32601);
  });
});

describe('the card, in two variants', () => {
  it('serves 0.3 clients the 0.3 card with the 1.0 interfaces beside it, 1.0 preferred', async () => {
    const url = await start();
    const response = await fetch(`${url}/.well-known/agent-card.json`);
    expect(response.headers.get('vary')).toContain('A2A-Version');
    const served = (await response.json()) as Record<string, unknown>;
    expect(served).toMatchObject({ protocolVersion: '0.3.0', url: `${url}/a2a`, preferredTransport: 'JSONRPC' });
    expect(served.supportedInterfaces).toEqual([
      { url: `${url}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url: `${url}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ]);
  });

  it('serves a 1.0 card to A2A-Version: 1.0', async () => {
    const url = await start({ card: { ...card, supportsAuthenticatedExtendedCard: true } });
    const served = (await (await fetch(`${url}/.well-known/agent-card.json`, { headers: v1 })).json()) as Record<
      string,
      unknown
    >;
    for (const field of ['url', 'protocolVersion', 'preferredTransport', 'supportsAuthenticatedExtendedCard']) {
      expect(served, field).not.toHaveProperty(field);
    }
    expect(served).toMatchObject({
      name: 'v1 test agent',
      supportedInterfaces: [
        { url: `${url}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
        { url: `${url}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
      ],
      capabilities: {
        streaming: true,
        extendedAgentCard: true,
        extensions: [{ uri: resumableStreamExtension.uri, required: false }],
      },
    });
  });
});

describe('1.0 streams', () => {
  it('start with the Task, carry StreamResponse wrappers with SSE ids, and close at the terminal state (CORE-STREAM, JSONRPC-SSE-001, §3.1.2)', async () => {
    const url = await start();
    const events = await frames(await rpc(url, 'SendStreamingMessage', message('go')));
    expect(events.map((event) => event.id)).toEqual(['1', '2', '3', '4', '5']);
    for (const { data } of events) expect(data).toMatchObject({ jsonrpc: '2.0', id: 7 });
    const results = events.map(({ data }) => data.result as Record<string, Record<string, unknown>>);
    expect(results.map((result) => Object.keys(result))).toEqual([
      ['task'],
      ['statusUpdate'],
      ['artifactUpdate'],
      ['artifactUpdate'],
      ['statusUpdate'],
    ]);
    expect(results[0]!.task).toMatchObject({
      status: { state: 'TASK_STATE_SUBMITTED' },
      history: [{ role: 'ROLE_USER', parts: [{ text: 'go' }] }],
    });
    expect(results[2]!.artifactUpdate).toMatchObject({ lastChunk: false, artifact: { parts: [{ text: 'one ' }] } });
    expect(results[4]!.statusUpdate).toMatchObject({ status: { state: 'TASK_STATE_COMPLETED' } });
    const text = JSON.stringify(results);
    expect(text).not.toContain('"kind"');
    expect(text).not.toContain('"final"');
  });

  it('close at an interrupted state too, and continue the task with the Task snapshot first', async () => {
    const url = await start();
    const first = (await frames(await rpc(url, 'SendStreamingMessage', message('ask')))).map(
      ({ data }) => data.result as Record<string, { status: { state: string }; id: string }>,
    );
    expect(first.at(-1)?.statusUpdate?.status.state).toBe('TASK_STATE_INPUT_REQUIRED');
    const taskId = first[0]!.task!.id;
    const next = await frames(await rpc(url, 'SendStreamingMessage', message('go', { taskId })));
    const results = next.map(({ data }) => data.result as Record<string, { status: { state: string } }>);
    expect(Object.keys(results[0]!)).toEqual(['task']);
    expect(results.at(-1)?.statusUpdate?.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('SubscribeToTask: the Task snapshot first, then live events to the end (STREAM-SUB-001/002, §3.1.6)', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const url = await start({
      executor: {
        async execute(_context, publisher) {
          await publisher.status('working', 'waiting');
          await gate;
        },
      },
    });
    const sent = await call(url, 'SendMessage', { ...message('wait'), configuration: { returnImmediately: true } });
    const taskId = (sent.result!.task as { id: string }).id;
    const subscription = rpc(url, 'SubscribeToTask', { id: taskId });
    const response = await subscription;
    release();
    const results = (await frames(response)).map(
      ({ data }) => data.result as Record<string, { status: { state: string } }>,
    );
    expect(Object.keys(results[0]!)).toEqual(['task']);
    expect(results.at(-1)?.statusUpdate?.status.state).toBe('TASK_STATE_COMPLETED');
  });

  it('SubscribeToTask: -32004 for a terminal task and -32001 for an unknown one, as plain JSON-RPC errors (STREAM-SUB-003/004)', async () => {
    const url = await start();
    const sent = await call(url, 'SendMessage', message('done'));
    const taskId = (sent.result!.task as { id: string }).id;
    const terminal = await rpc(url, 'SubscribeToTask', { id: taskId });
    expect(terminal.headers.get('content-type')).toContain('application/json');
    const refused = (await terminal.json()) as { error: { code: number; message: string; data: unknown } };
    expect(refused.error.code).toBe(ErrorCode.UnsupportedOperation);
    expect(refused.error.message).toContain('is already completed');
    expect(refused.error.data).toEqual(info('UNSUPPORTED_OPERATION'));
    const unknown = await call(url, 'SubscribeToTask', { id: 'nope' });
    expect(unknown.error).toMatchObject({ code: ErrorCode.TaskNotFound, data: info('TASK_NOT_FOUND') });
  });

  it('keep our resume extension: a cursor replays what was missed, even of a finished task', async () => {
    const url = await start();
    const sent = await call(url, 'SendMessage', message('done'));
    const taskId = (sent.result!.task as { id: string }).id;
    const byHeader = await frames(await rpc(url, 'SubscribeToTask', { id: taskId }, { ...v1, 'last-event-id': '2' }));
    expect(byHeader.map((event) => event.id)).toEqual(['3', '4', '5']);
    const byMetadata = await frames(
      await rpc(url, 'SubscribeToTask', { id: taskId, metadata: { [resumableStreamExtension.lastEventIdKey]: 4 } }),
    );
    expect(byMetadata.map((event) => event.id)).toEqual(['5']);
    expect(Object.keys(byMetadata[0]!.data.result as object)).toEqual(['statusUpdate']);
  });

  it('keep our resume extension: a client that asks for it gets a finished task’s snapshot, under its sequence number', async () => {
    const url = await start();
    const sent = await call(url, 'SendMessage', message('done'));
    const taskId = (sent.result!.task as { id: string }).id;
    const response = await rpc(
      url,
      'SubscribeToTask',
      { id: taskId },
      { ...v1, 'a2a-extensions': resumableStreamExtension.uri },
    );
    expect(response.headers.get('a2a-extensions')).toBe(resumableStreamExtension.uri);
    const events = await frames(response);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: '5',
      data: { result: { task: { status: { state: 'TASK_STATE_COMPLETED' } } } },
    });
  });

  it('SubscribeToTask needs capabilities.streaming (§3.3.4)', async () => {
    const url = await start({ card: { ...card, capabilities: { streaming: false } } });
    const { error } = await call(url, 'SubscribeToTask', { id: 'x' });
    expect(error?.code).toBe(ErrorCode.UnsupportedOperation);
  });
});

describe('1.0 unary methods', () => {
  it('SendMessage answers { task }, GetTask and CancelTask the task, in 1.0 shapes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const url = await start({
      executor: {
        async execute(_context, publisher, signal) {
          await publisher.status('working', 'waiting');
          await Promise.race([gate, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
        },
      },
    });
    const sent = await call(url, 'SendMessage', { ...message('wait'), configuration: { returnImmediately: true } });
    const task = sent.result!.task as { id: string; status: { state: string } };
    expect(task.status.state).toMatch(/^TASK_STATE_(SUBMITTED|WORKING)$/);
    const got = await call(url, 'GetTask', { id: task.id, historyLength: 1 });
    expect(got.result).toMatchObject({ id: task.id, history: [{ role: 'ROLE_AGENT' }] });
    expect((got.result!.history as unknown[]).length).toBe(1);
    const canceled = await call(url, 'CancelTask', { id: task.id });
    expect(canceled.result).toMatchObject({ id: task.id, status: { state: 'TASK_STATE_CANCELED' } });
    const again = await call(url, 'CancelTask', { id: task.id });
    expect(again.error).toMatchObject({ code: ErrorCode.TaskNotCancelable, data: info('TASK_NOT_CANCELABLE') });
    release();
  });

  it('refuses a message to a terminal task with -32004 (CORE-SEND-002), and names the 1.0 field of bad params', async () => {
    const url = await start();
    const sent = await call(url, 'SendMessage', message('done'));
    const taskId = (sent.result!.task as { id: string }).id;
    const refused = await call(url, 'SendMessage', message('more', { taskId }));
    expect(refused.error).toMatchObject({ code: ErrorCode.UnsupportedOperation, data: info('UNSUPPORTED_OPERATION') });
    const bad = await call(url, 'SendMessage', { message: { messageId: 'm', role: 'user', parts: [] } });
    expect(bad.error?.code).toBe(ErrorCode.InvalidParams);
    expect(bad.error?.message).toContain('params.message.role');
    expect(bad.error?.data).toEqual(info('INVALID_PARAMS'));
    const empty = await call(url, 'SendMessage', { message: { messageId: 'm', role: 'ROLE_USER', parts: [] } });
    expect(empty.error?.message).toContain('params.message.parts');
  });

  it('ListTasks pages newest first, with totals, filters and without artifacts unless asked (§3.1.4)', async () => {
    const url = await start();
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push(((await call(url, 'SendMessage', message(text))).result!.task as { id: string }).id);
    }
    const first = await call(url, 'ListTasks', { pageSize: 2 });
    expect(first.result).toMatchObject({ pageSize: 2, totalSize: 3 });
    const firstTasks = first.result!.tasks as Array<{ id: string; artifacts?: unknown }>;
    expect(firstTasks.map((task) => task.id)).toEqual([ids[2], ids[1]]);
    expect(firstTasks[0]).not.toHaveProperty('artifacts');
    const second = await call(url, 'ListTasks', {
      pageSize: 2,
      pageToken: first.result!.nextPageToken,
      includeArtifacts: true,
    });
    expect(second.result).toMatchObject({
      nextPageToken: '',
      totalSize: 3,
      tasks: [{ id: ids[0], artifacts: [{ artifactId: 'a' }] }],
    });
    const byState = await call(url, 'ListTasks', { status: 'TASK_STATE_WORKING' });
    expect(byState.result).toMatchObject({ tasks: [], totalSize: 0, pageSize: 50 });
    const tooBig = await call(url, 'ListTasks', { pageSize: 101 });
    expect(tooBig.error?.code).toBe(ErrorCode.InvalidParams);
    expect(tooBig.error?.message).toContain('params.pageSize');
  });

  it('answers -32003 to every push-config method and serves the extended card the 1.0 way', async () => {
    const url = await start({
      card: { ...card, supportsAuthenticatedExtendedCard: true },
      extendedCard: { ...card, name: 'v1 test agent, extended' },
    });
    for (const [method, params] of [
      ['CreateTaskPushNotificationConfig', { taskId: 't', url: 'https://x.test/hook' }],
      ['GetTaskPushNotificationConfig', { taskId: 't', id: 'c' }],
      ['ListTaskPushNotificationConfigs', { taskId: 't' }],
      ['DeleteTaskPushNotificationConfig', { taskId: 't', id: 'c' }],
    ] as const) {
      const { error } = await call(url, method, params);
      expect(error, method).toMatchObject({
        code: ErrorCode.PushNotificationNotSupported,
        data: info('PUSH_NOTIFICATION_NOT_SUPPORTED'),
      });
    }
    const extended = await call(url, 'GetExtendedAgentCard', {});
    expect(extended.result).toMatchObject({
      name: 'v1 test agent, extended',
      supportedInterfaces: [{ protocolVersion: '1.0' }, { protocolVersion: '0.3' }],
    });
    expect(extended.result).not.toHaveProperty('url');
  });
});
