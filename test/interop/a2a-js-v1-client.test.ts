/**
 * Interop: the reference client of A2A 1.0 (`@a2a-js/sdk` 1.3.0, its default `ClientFactory`,
 * no compatibility switch) against our server. It must find the 1.0 interface in our card, and
 * everything it does must work the way its code expects: 1.0 method names, `StreamResponse`
 * events, `TASK_STATE_*`, errors as its error classes, and the 1.0 stream rules (a task stream
 * starts with the Task and closes at a terminal state; `SubscribeToTask` starts with the Task
 * snapshot, and a terminal task is -32004).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Role, TaskState } from '@a2a-js/sdk-v1';
import type { StreamResponse } from '@a2a-js/sdk-v1';
import { ClientFactory, DefaultAgentCardResolver } from '@a2a-js/sdk-v1/client';
import { TaskNotCancelableError, TaskNotFoundError, UnsupportedOperationError } from '@a2a-js/sdk-v1/errors';
import type { Client } from '@a2a-js/sdk-v1/client';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer } from '@a2a-mesh/server';
import { createEchoExecutor, echoCard } from '@a2a-mesh/example-agent';
import { Gate } from './support/gate.ts';

const servers: AgentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(executor: AgentExecutor = createEchoExecutor({ stepDelayMs: 3 })): Promise<string> {
  const server = createAgentServer({ card: echoCard, executor });
  servers.push(server);
  return server.listen();
}

/** Their client, made the way their README shows: `new ClientFactory().createFromUrl(url)`. */
async function connect(url: string): Promise<Client> {
  return new ClientFactory().createFromUrl(url);
}

/** Their message type: every ProtoJSON field spelled out, as their types require. */
function userMessage(text: string, taskId = '') {
  return {
    messageId: crypto.randomUUID(),
    contextId: '',
    taskId,
    role: Role.ROLE_USER,
    parts: [{ content: { $case: 'text' as const, value: text }, metadata: undefined, filename: '', mediaType: '' }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

const request = (text: string, taskId?: string) => ({
  tenant: '',
  message: userMessage(text, taskId),
  configuration: undefined,
  metadata: undefined,
});

async function collect(events: AsyncIterable<StreamResponse>): Promise<StreamResponse[]> {
  const collected: StreamResponse[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** One readable line per event. */
function describeEvent(event: StreamResponse): string {
  const payload = event.payload;
  switch (payload?.$case) {
    case 'task':
      return `task ${TaskState[payload.value.status?.state ?? 0]}`;
    case 'message':
      return 'message';
    case 'statusUpdate':
      return `status ${TaskState[payload.value.status?.state ?? 0]}`;
    case 'artifactUpdate':
      return `artifact ${payload.value.append ? 'append ' : ''}${payload.value.lastChunk ? 'last ' : ''}${textOf(payload.value.artifact?.parts ?? [])}`;
    default:
      return 'nothing';
  }
}

function textOf(parts: Array<{ content?: { $case: string; value: unknown } }>): string {
  return parts.map((part) => (part.content?.$case === 'text' ? String(part.content.value) : '')).join('');
}

/** Parks the task after one working update until the gate opens. */
function gated(gate: Gate): AgentExecutor {
  return {
    async execute(_context, publisher, signal) {
      await publisher.status('working', 'Waiting at the gate');
      await gate.pass(signal);
      await publisher.artifact({ artifactId: 'late', parts: [{ kind: 'text', text: 'through' }] }, { lastChunk: true });
    },
  };
}

describe('their card resolution and transport choice', () => {
  it('reads our 1.0 card (asked with A2A-Version: 1.0) and picks the 1.0 JSON-RPC interface', async () => {
    const url = await serve();
    const card = await new DefaultAgentCardResolver().resolve(url);
    expect(card.supportedInterfaces).toEqual([
      { url: `${url}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '1.0' },
      { url: `${url}/a2a`, protocolBinding: 'JSONRPC', protocolVersion: '0.3' },
    ]);
    expect(card.capabilities?.streaming).toBe(true);
    const client = await connect(url);
    expect(client.protocolVersion).toBe('1.0');
  });
});

describe('their 1.0 client against our server', () => {
  it('streams: the Task first, working updates, the chunked artifact, completed, then the stream closes', async () => {
    const client = await connect(await serve());
    const events = await collect(client.sendMessageStream(request('hello interop mesh')));
    expect(events.map(describeEvent)).toEqual([
      'task TASK_STATE_SUBMITTED',
      'status TASK_STATE_WORKING',
      'status TASK_STATE_WORKING',
      'status TASK_STATE_WORKING',
      'artifact hello',
      'artifact append  interop',
      'artifact append last  mesh',
      'status TASK_STATE_COMPLETED',
    ]);
    const task = events[0]!.payload!.value as { id: string; contextId: string; history: Array<{ role: Role }> };
    expect(task.history.map((message) => message.role)).toEqual([Role.ROLE_USER]);
    for (const event of events.slice(1))
      expect(event.payload?.value).toMatchObject({ taskId: task.id, contextId: task.contextId });
  });

  it('sendMessage blocks until the task ends and returns it; getTask honours historyLength', async () => {
    const client = await connect(await serve());
    const result = await client.sendMessage(request('one two'));
    expect('status' in result && result.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    const task = result as {
      id: string;
      artifacts: Array<{ parts: Array<{ content?: { $case: string; value: unknown } }> }>;
    };
    expect(task.artifacts.map((artifact) => textOf(artifact.parts))).toEqual(['one two']);
    const full = await client.getTask({ tenant: '', id: task.id, historyLength: undefined });
    expect(full.history.map((message) => message.role)).toEqual([Role.ROLE_USER, ...Array(4).fill(Role.ROLE_AGENT)]);
    const latest = await client.getTask({ tenant: '', id: task.id, historyLength: 1 });
    expect(latest.history.map((message) => textOf(message.parts))).toEqual(['Echoed 2 words.']);
  });

  it('cancels a running task, and gets TaskNotCancelableError the second time', async () => {
    const gate = new Gate();
    const client = await connect(await serve(gated(gate)));
    const stream = client.sendMessageStream(request('park'));
    const first = await stream.next();
    expect(describeEvent(first.value as StreamResponse)).toBe('task TASK_STATE_SUBMITTED');
    const taskId = (first.value as StreamResponse).payload!.value as { id: string };
    await gate.reached;
    const canceled = await client.cancelTask({ tenant: '', id: taskId.id, metadata: undefined });
    expect(canceled.status?.state).toBe(TaskState.TASK_STATE_CANCELED);
    const rest = await collect({ [Symbol.asyncIterator]: () => stream });
    expect(rest.map(describeEvent).at(-1)).toBe('status TASK_STATE_CANCELED');
    await expect(client.cancelTask({ tenant: '', id: taskId.id, metadata: undefined })).rejects.toBeInstanceOf(
      TaskNotCancelableError,
    );
  });

  it('lists tasks newest first, a page at a time, with their totals', async () => {
    const client = await connect(await serve());
    const ids: string[] = [];
    for (const text of ['first', 'second', 'third'])
      ids.push(((await client.sendMessage(request(text))) as { id: string }).id);
    const page = {
      tenant: '',
      contextId: '',
      status: TaskState.TASK_STATE_UNSPECIFIED,
      pageToken: '',
      historyLength: 0,
    };
    const first = await client.listTasks({
      ...page,
      pageSize: 2,
      statusTimestampAfter: undefined,
      includeArtifacts: undefined,
    });
    expect(first.tasks.map((task) => task.id)).toEqual([ids[2], ids[1]]);
    expect([first.pageSize, first.totalSize, first.nextPageToken !== '']).toEqual([2, 3, true]);
    expect(first.tasks[0]?.history).toEqual([]);
    const second = await client.listTasks({
      ...page,
      pageSize: 2,
      pageToken: first.nextPageToken,
      statusTimestampAfter: undefined,
      includeArtifacts: true,
    });
    expect(second.tasks.map((task) => task.id)).toEqual([ids[0]]);
    expect(second.nextPageToken).toBe('');
    expect(second.tasks[0]?.artifacts.map((artifact) => textOf(artifact.parts))).toEqual(['first']);
    const completed = await client.listTasks({
      ...page,
      status: TaskState.TASK_STATE_COMPLETED,
      pageSize: undefined,
      statusTimestampAfter: undefined,
      includeArtifacts: undefined,
    });
    expect([completed.totalSize, completed.pageSize]).toEqual([3, 50]);
  });

  it('subscribes: the Task snapshot first, then live events, closing at the terminal state', async () => {
    const gate = new Gate();
    const client = await connect(await serve(gated(gate)));
    const stream = client.sendMessageStream(request('park'));
    const taskId = ((await stream.next()).value as StreamResponse).payload!.value as { id: string };
    await gate.reached;
    const subscription = client.resubscribeTask({ tenant: '', id: taskId.id });
    const snapshot = await subscription.next();
    expect(describeEvent(snapshot.value as StreamResponse)).toBe('task TASK_STATE_WORKING');
    gate.open();
    const rest = await collect({ [Symbol.asyncIterator]: () => subscription });
    expect(rest.map(describeEvent)).toEqual(['artifact last through', 'status TASK_STATE_COMPLETED']);
    await collect({ [Symbol.asyncIterator]: () => stream });
  });

  it('is refused a subscription to a finished task (-32004) and to an unknown one (-32001)', async () => {
    const client = await connect(await serve());
    const task = (await client.sendMessage(request('done'))) as { id: string };
    await expect(collect(client.resubscribeTask({ tenant: '', id: task.id }))).rejects.toBeInstanceOf(
      UnsupportedOperationError,
    );
    await expect(collect(client.resubscribeTask({ tenant: '', id: 'no-such-task' }))).rejects.toBeInstanceOf(
      TaskNotFoundError,
    );
    await expect(client.getTask({ tenant: '', id: 'no-such-task', historyLength: undefined })).rejects.toBeInstanceOf(
      TaskNotFoundError,
    );
  });

  it('is refused a message to a finished task (-32004), and continues an input-required one', async () => {
    const client = await connect(await serve());
    const done = (await client.sendMessage(request('done'))) as { id: string };
    await expect(client.sendMessage(request('more', done.id))).rejects.toBeInstanceOf(UnsupportedOperationError);
    // The echo agent asks for text when it gets none.
    const asking = await collect(client.sendMessageStream(request('')));
    expect(asking.map(describeEvent).at(-1)).toBe('status TASK_STATE_INPUT_REQUIRED');
    const taskId = (asking[0]!.payload!.value as { id: string }).id;
    const continued = await collect(client.sendMessageStream(request('now text', taskId)));
    expect(continued.map(describeEvent)[0]).toBe('task TASK_STATE_INPUT_REQUIRED');
    expect(continued.map(describeEvent).at(-1)).toBe('status TASK_STATE_COMPLETED');
  });
});
