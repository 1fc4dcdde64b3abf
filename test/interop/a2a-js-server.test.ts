/**
 * Interop: our client against the reference server (`@a2a-js/sdk` 0.3.14 `DefaultRequestHandler`
 * behind `A2AExpressApp`), whose agent publishes the way the SDK's README shows. It checks that
 * our client reads a server without our resumable-stream extension: no SSE ids, errors as
 * `event: error` frames, resubscribe that only taps live events.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { ReconnectInfo, StreamItem } from '@a2a-mesh/client';
import { A2AError, ErrorCode, StreamEventSchema } from '@a2a-mesh/protocol';
import type { Message, StreamEvent, TaskState } from '@a2a-mesh/protocol';
import { startCutProxy } from '../support/cut-proxy.ts';
import type { CutProxy } from '../support/cut-proxy.ts';
import { Gate } from './support/gate.ts';
import { createScriptedExecutor, script } from './support/scripted-executor.ts';
import type { ScriptedExecutorOptions } from './support/scripted-executor.ts';
import { startA2AJsAgent } from './support/start-a2a-js-agent.ts';
import type { A2AJsAgent } from './support/start-a2a-js-agent.ts';

const running: Array<A2AJsAgent | CutProxy> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(running.splice(0).map((started) => started.close()));
});

async function startAgent(options: ScriptedExecutorOptions = {}): Promise<A2AJsAgent> {
  const agent = await startA2AJsAgent(createScriptedExecutor(options));
  running.push(agent);
  return agent;
}

function userMessage(text: string): Message {
  return { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'text', text }] };
}

async function collect(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

const textOf = (parts: Message['parts']) => parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');

/** A readable line per event, to compare whole streams at once. */
function describeEvent(event: StreamEvent): string {
  switch (event.kind) {
    case 'task':
      return `task ${event.status.state}`;
    case 'message':
      return `message ${textOf(event.parts)}`;
    case 'status-update':
      return `status ${event.status.state}${event.final ? ' final' : ''}: ${textOf(event.status.message?.parts ?? [])}`;
    case 'artifact-update':
      return `artifact ${event.artifact.artifactId}${event.append ? ' append' : ''}${event.lastChunk ? ' last' : ''}: ${textOf(event.artifact.parts)}`;
  }
}

/** The whole script as `describeEvent` renders it. */
const scripted = [
  'task submitted',
  ...script.steps.map((step) => `status working: ${step}`),
  'artifact answer: The quick ',
  'artifact answer append: brown fox ',
  'artifact answer append last: jumps.',
  'status completed final: Done.',
];

describe('our client against the reference server', () => {
  it('fromCardUrl reads their card and talks to the endpoint it names', async () => {
    const agent = await startAgent();
    const client = await A2AClient.fromCardUrl(agent.url);
    expect(client.card).toEqual(agent.card);
    expect(client.endpoint.href).toBe(agent.card.url);
  });

  it('streamMessage yields every event in order, validated, and ends at the final one', async () => {
    const agent = await startAgent();
    const client = await A2AClient.fromCardUrl(agent.url);
    const message = userMessage('tell me about foxes');

    const items = await collect(client.streamMessage({ message }));

    expect(items.map((item) => describeEvent(item.event))).toEqual(scripted);
    // The reference server sends no SSE ids, so our client reports none.
    expect(items.every((item) => item.id === undefined)).toBe(true);
    for (const { event } of items) expect(StreamEventSchema.safeParse(event).error).toBeUndefined();
    const [first] = items;
    const taskId = first?.event.kind === 'task' ? first.event.id : undefined;
    expect(items.slice(1).every((item) => 'taskId' in item.event && item.event.taskId === taskId)).toBe(true);
  });

  it('sendMessage returns the completed task; getTask returns it with historyLength honoured', async () => {
    const agent = await startAgent();
    const client = await A2AClient.fromCardUrl(agent.url);
    const message = userMessage('tell me about foxes');

    const result = await client.sendMessage({ message });

    expect(result.kind).toBe('task');
    if (result.kind !== 'task') return;
    expect(result.status.state).toBe('completed');
    expect(result.artifacts?.map((artifact) => textOf(artifact.parts))).toEqual([script.chunks.join('')]);
    expect(result.history?.[0]?.messageId).toBe(message.messageId);

    const fetched = await client.getTask(result.id, { historyLength: 1 });
    expect(fetched).toMatchObject({ id: result.id, status: { state: 'completed' } });
    expect(fetched.history).toHaveLength(1);
    expect(textOf(fetched.history?.[0]?.parts ?? [])).toBe('Done.');
  });

  it('cancelTask cancels a running task, and the stream ends with the final canceled status', async () => {
    const agent = await startAgent({ waitForCancel: true });
    const client = await A2AClient.fromCardUrl(agent.url);
    const stream = client.streamMessage({ message: userMessage('wait for it') });
    const seen: StreamEvent[] = [];
    for (let next = await stream.next(); !next.done; next = await stream.next()) {
      seen.push(next.value.event);
      if (next.value.event.kind === 'status-update') break;
    }
    const taskId = seen[0]?.kind === 'task' ? seen[0].id : '';

    const canceled = await client.cancelTask(taskId);

    expect(canceled).toMatchObject({ kind: 'task', id: taskId, status: { state: 'canceled' } });
    const rest = await collect(stream);
    expect([...seen, ...rest.map((item) => item.event)].map(describeEvent)).toEqual([
      'task submitted',
      `status working: ${script.steps[0]}`,
      'status canceled final: Canceled at the client’s request.',
    ]);
    expect((await client.getTask(taskId)).status.state).toBe('canceled');
  });

  it('resubscribe on a completed task yields its snapshot and ends, without reconnecting', async () => {
    const agent = await startAgent();
    const reconnects: ReconnectInfo[] = [];
    const client = await A2AClient.fromCardUrl(agent.url, { onReconnect: (info) => reconnects.push(info) });
    const task = await client.sendMessage({ message: userMessage('quick one') });

    const items = await collect(client.resubscribe(task.kind === 'task' ? task.id : ''));

    expect(items.map((item) => describeEvent(item.event))).toEqual(['task completed']);
    expect(reconnects).toEqual([]);
  });

  it('a reply that is a Message, not a task, ends the stream and is what sendMessage returns', async () => {
    const agent = await startA2AJsAgent({
      async execute({ userMessage }, bus) {
        bus.publish({
          kind: 'message',
          role: 'agent',
          messageId: randomUUID(),
          contextId: userMessage.contextId ?? randomUUID(),
          parts: [{ kind: 'text', text: `You said: ${textOf(userMessage.parts)}` }],
        });
        bus.finished();
      },
      async cancelTask() {},
    });
    running.push(agent);
    const client = await A2AClient.fromCardUrl(agent.url);

    const items = await collect(client.streamMessage({ message: userMessage('hi') }));
    const result = await client.sendMessage({ message: userMessage('hello') });

    expect(items.map((item) => describeEvent(item.event))).toEqual(['message You said: hi']);
    expect(result).toMatchObject({
      kind: 'message',
      role: 'agent',
      parts: [{ kind: 'text', text: 'You said: hello' }],
    });
  });

  it.each([
    ['tasks/get', (client: A2AClient) => client.getTask('no-such-task')],
    ['tasks/cancel', (client: A2AClient) => client.cancelTask('no-such-task')],
    ['tasks/resubscribe', (client: A2AClient) => collect(client.resubscribe('no-such-task'))],
  ])('%s on an unknown task throws A2AError -32001', async (_method, call) => {
    // The reference server logs every failed stream to the console; keep the test output clean.
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const agent = await startAgent();
    const client = await A2AClient.fromCardUrl(agent.url);
    const error: unknown = await call(client).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(A2AError);
    expect((error as A2AError).code).toBe(ErrorCode.TaskNotFound);
  });
});

describe('our client resuming a reference-server stream through a dropped connection', () => {
  /**
   * The script parks before its first answer chunk (position 4) and again before the second (5).
   * The test cuts the connection while the agent is parked at the first gate; the reconnection
   * hook opens it, so chunk 1 is published while our client is disconnected. When the
   * resubscription's Task snapshot arrives, the test opens the second gate.
   *
   * What is guaranteed against a server without SSE ids, and asserted: no error reaches the
   * caller, the stream still ends at the final event, the reconnection carries no cursor, and the
   * events delivered are in the order the agent published them, without duplicates. What is NOT
   * guaranteed is gap-freedom: the reference server's resubscribe sends a Task snapshot and then
   * only live events, so chunk 1 reaches our client folded into the snapshot, never as an event.
   * Gap-free resumption needs our resumable-stream extension (SSE `id:` = per-task sequence
   * number, `tasks/resubscribe` with `Last-Event-ID`), which only our server implements.
   */
  it('resubscribes without a cursor and still reaches the final event, in order', async () => {
    const firstChunk = new Gate();
    const secondChunk = new Gate();
    const agent = await startAgent({ pauses: { 4: firstChunk, 5: secondChunk } });
    const proxy = await startCutProxy(agent.url);
    running.push(proxy);
    const reconnects: ReconnectInfo[] = [];
    const client = new A2AClient(`${proxy.url}/`, {
      retry: { initialDelay: 5, maxDelay: 20 },
      onReconnect: (info) => {
        reconnects.push(info);
        firstChunk.open();
      },
    });

    const delivered: StreamEvent[] = [];
    for await (const item of client.streamMessage({ message: userMessage('tell me about foxes') })) {
      expect(item.id).toBeUndefined();
      delivered.push(item.event);
      // The Task and every step are in: the agent is parked before the first chunk.
      if (delivered.length === 1 + script.steps.length) {
        await firstChunk.reached;
        proxy.cut();
      }
      if (item.event.kind === 'task' && delivered.length > 1) secondChunk.open();
    }

    const taskId = delivered[0]?.kind === 'task' ? delivered[0].id : '';
    expect(delivered.at(-1)).toMatchObject({ kind: 'status-update', final: true, status: { state: 'completed' } });
    expect(reconnects).toMatchObject([{ taskId, attempt: 1, lastEventId: undefined }]);
    expect(agent.resubscribes).toEqual([{ id: taskId }]);
    expect(agent.requestHeaders.some((headers) => 'last-event-id' in headers)).toBe(false);

    // In order and without duplicates: each update's position in the script only ever grows.
    const positions = delivered
      .filter((event) => event.kind !== 'task')
      .map((event) => scripted.indexOf(describeEvent(event)));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    const states = delivered.map((event) => stateOf(event)).filter((state) => state !== undefined);
    expect(states).toEqual([...states].sort((a, b) => stateOrder.indexOf(a) - stateOrder.indexOf(b)));

    // The snapshot after the reconnection carries what the drop hid from the event stream.
    const snapshot = delivered.slice(1).find((event) => event.kind === 'task');
    expect(snapshot).toMatchObject({ id: taskId, status: { state: 'working' } });
    expect(snapshot?.kind === 'task' && snapshot.artifacts?.map((artifact) => textOf(artifact.parts))).toEqual([
      script.chunks[0],
    ]);
    expect(delivered.map(describeEvent)).not.toContain(scripted[4]);
  });
});

const stateOrder: TaskState[] = ['submitted', 'working', 'completed'];

function stateOf(event: StreamEvent): TaskState | undefined {
  if (event.kind === 'task' || event.kind === 'status-update') return event.status.state;
  return undefined;
}
