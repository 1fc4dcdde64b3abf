/**
 * Interop: our client speaking A2A 1.0 to the reference 1.0 server (`@a2a-js/sdk` 1.3.0
 * `DefaultRequestHandler` behind its express `jsonRpcHandler` and `agentCardHandler`). By default
 * that server speaks 1.0 only and serves a 1.0 card (no top-level `url`): our client must read
 * the card, pick its interface, and give its callers the same types, stream items and resume
 * behaviour as over 0.3. With the server's `legacyCompat` on, the card lists both versions and our
 * client must prefer 1.0, or speak 0.3 when told to.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it } from 'vitest';
import { Role, TaskState } from '@a2a-js/sdk-v1';
import type { AgentCard as TheirCard, Message as TheirMessage, Part as TheirPart } from '@a2a-js/sdk-v1';
import { AgentEvent, DefaultRequestHandler, InMemoryTaskStore } from '@a2a-js/sdk-v1/server';
import type { AgentExecutor, ExecutionEventBus } from '@a2a-js/sdk-v1/server';
import { UserBuilder, agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk-v1/server/express';
import { A2AClient } from '@a2a-mesh/client';
import type { ReconnectInfo, StreamItem } from '@a2a-mesh/client';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { Message, StreamEvent } from '@a2a-mesh/protocol';
import { startCutProxy } from '../support/cut-proxy.ts';
import type { CutProxy } from '../support/cut-proxy.ts';
import { Gate } from './support/gate.ts';

/** The whole surface of express we use: an app to mount their routers on. */
type ExpressApp = RequestListener & { use: (...handlers: unknown[]) => unknown };
const express = createRequire(import.meta.url)('express') as () => ExpressApp;

interface TheirAgent {
  readonly url: string;
  /** The `method` of every JSON-RPC request and the `A2A-Version` it carried, in order. */
  readonly requests: ReadonlyArray<{ method: string; version: string | undefined }>;
  close(): Promise<void>;
}

const running: Array<TheirAgent | CutProxy> = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((started) => started.close()));
});

const textPart = (text: string): TheirPart => ({
  content: { $case: 'text', value: text },
  metadata: undefined,
  filename: '',
  mediaType: '',
});

function agentMessage(taskId: string, contextId: string, text: string): TheirMessage {
  return {
    messageId: crypto.randomUUID(),
    contextId,
    taskId,
    role: Role.ROLE_AGENT,
    parts: [textPart(text)],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}

function status(taskId: string, contextId: string, state: TaskState, text: string) {
  return AgentEvent.statusUpdate({
    taskId,
    contextId,
    status: { state, message: agentMessage(taskId, contextId, text), timestamp: new Date().toISOString() },
    metadata: undefined,
  });
}

function chunk(taskId: string, contextId: string, text: string, append: boolean, lastChunk: boolean) {
  return AgentEvent.artifactUpdate({
    taskId,
    contextId,
    artifact: {
      artifactId: 'answer',
      name: 'answer',
      description: '',
      parts: [textPart(text)],
      metadata: undefined,
      extensions: [],
    },
    append,
    lastChunk,
    metadata: undefined,
  });
}

/**
 * A reference-SDK 1.0 executor the way its samples publish: the Task, a working update, the
 * answer in two chunks, then completed. It parks at `gate` (when given) after the working update.
 * Cancelling publishes `canceled` and finishes the bus, as the SDK's contract asks.
 */
function scriptedExecutor(gate?: Gate): AgentExecutor {
  const contexts = new Map<string, string>();
  return {
    async execute(requestContext, bus: ExecutionEventBus) {
      const { taskId, contextId, userMessage } = requestContext;
      contexts.set(taskId, contextId);
      bus.publish(
        AgentEvent.task({
          id: taskId,
          contextId,
          status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: new Date().toISOString() },
          artifacts: [],
          history: [userMessage],
          metadata: undefined,
        }),
      );
      bus.publish(status(taskId, contextId, TaskState.TASK_STATE_WORKING, 'Thinking'));
      if (gate) {
        await gate.pass();
        if (!contexts.has(taskId)) return;
      }
      bus.publish(chunk(taskId, contextId, 'The quick ', false, false));
      bus.publish(chunk(taskId, contextId, 'brown fox.', true, true));
      bus.publish(status(taskId, contextId, TaskState.TASK_STATE_COMPLETED, 'Done.'));
      bus.finished();
    },
    async cancelTask(taskId, bus) {
      const contextId = contexts.get(taskId) ?? taskId;
      contexts.delete(taskId);
      bus.publish(status(taskId, contextId, TaskState.TASK_STATE_CANCELED, 'Canceled.'));
      bus.finished();
    },
  };
}

/** Their server on 127.0.0.1 port 0: the card at the well-known path, JSON-RPC at `/a2a`. */
async function startTheirAgent(executor: AgentExecutor, options: { legacyCompat?: boolean } = {}): Promise<TheirAgent> {
  const card: TheirCard = {
    name: 'a2a-js 1.0 reference agent',
    description: 'An @a2a-js/sdk 1.3.0 agent, for interop tests.',
    supportedInterfaces: [],
    provider: undefined,
    version: '1.0.0',
    capabilities: { streaming: true, pushNotifications: false, extensions: [], extendedAgentCard: false },
    securitySchemes: {},
    securityRequirements: [],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'script',
        name: 'Script',
        description: 'Plays a scripted task.',
        tags: ['test'],
        examples: [],
        inputModes: [],
        outputModes: [],
        securityRequirements: [],
      },
    ],
    signatures: [],
  };
  const handler = new DefaultRequestHandler(card, new InMemoryTaskStore(), executor);
  const requests: Array<{ method: string; version: string | undefined }> = [];
  const app = express();
  app.use((request: IncomingMessage, _response: unknown, next: () => void) => {
    if (request.method === 'POST') {
      let body = '';
      request.on('data', (data: Buffer) => (body += data.toString('utf8')));
      request.on('end', () => {
        const version = request.headers['a2a-version'];
        requests.push({
          method: (JSON.parse(body) as { method: string }).method,
          version: version as string | undefined,
        });
      });
    }
    next();
  });
  const legacyCompat = { enabled: options.legacyCompat ?? false };
  app.use('/.well-known/agent-card.json', agentCardHandler({ agentCardProvider: handler, legacyCompat }));
  app.use('/a2a', jsonRpcHandler({ requestHandler: handler, userBuilder: UserBuilder.noAuthentication, legacyCompat }));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The handler reads the same object: the interfaces are known once the port is.
  card.supportedInterfaces.push({ url: `${url}/a2a`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' });
  if (options.legacyCompat) {
    card.supportedInterfaces.push({
      url: `${url}/a2a`,
      protocolBinding: 'JSONRPC',
      tenant: '',
      protocolVersion: '0.3',
    });
  }
  const agent: TheirAgent = {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  running.push(agent);
  return agent;
}

function userMessage(text: string): Message {
  return { kind: 'message', messageId: crypto.randomUUID(), role: 'user', parts: [{ kind: 'text', text }] };
}

async function collect(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

const textOf = (parts: Message['parts']) => parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');

/** A readable line per event, in our model. */
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

const script = [
  'task submitted',
  'status working: Thinking',
  'artifact answer: The quick ',
  'artifact answer append last: brown fox.',
  'status completed final: Done.',
];

describe('our client against the reference 1.0 server', () => {
  it('reads its 1.0 card and speaks 1.0 at the interface it names', async () => {
    const agent = await startTheirAgent(scriptedExecutor());
    const client = await A2AClient.fromCardUrl(agent.url);
    expect(client.protocolVersion).toBe('1.0');
    expect(client.endpoint.href).toBe(`${agent.url}/a2a`);
    expect(client.card).toMatchObject({
      name: 'a2a-js 1.0 reference agent',
      url: `${agent.url}/a2a`,
      protocolVersion: '1.0',
      capabilities: { streaming: true },
      skills: [{ id: 'script', tags: ['test'] }],
    });
  });

  it('streams every event in order, in our types, ending at the final one', async () => {
    const agent = await startTheirAgent(scriptedExecutor());
    const client = await A2AClient.fromCardUrl(agent.url);
    const items = await collect(client.streamMessage({ message: userMessage('tell me') }));
    expect(items.map((item) => describeEvent(item.event))).toEqual(script);
    expect(items.every((item) => item.id === undefined)).toBe(true);
    expect(agent.requests.at(-1)).toEqual({ method: 'SendStreamingMessage', version: '1.0' });
  });

  it('sends, gets with historyLength, lists, and throws their errors with the wire code', async () => {
    const agent = await startTheirAgent(scriptedExecutor());
    const client = await A2AClient.fromCardUrl(agent.url);
    const result = await client.sendMessage({ message: userMessage('one') });
    expect(result).toMatchObject({ kind: 'task', status: { state: 'completed' } });
    const taskId = result.kind === 'task' ? result.id : '';
    expect(result.kind === 'task' && result.artifacts?.map((artifact) => textOf(artifact.parts))).toEqual([
      'The quick brown fox.',
    ]);
    const latest = await client.getTask(taskId, { historyLength: 1 });
    expect(latest.history?.map((message) => textOf(message.parts))).toEqual(['Done.']);
    await client.sendMessage({ message: userMessage('two') });
    const page = await client.listTasks({ pageSize: 1 });
    expect(page).toMatchObject({ pageSize: 1, totalSize: 2 });
    expect(page.nextPageToken).toBeTypeOf('string');
    const rest = await client.listTasks({ pageSize: 1, pageToken: page.nextPageToken! });
    expect(rest.tasks.map((task) => task.id)).not.toEqual(page.tasks.map((task) => task.id));
    const error = await client.getTask('no-such-task').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(A2AError);
    expect((error as A2AError).code).toBe(ErrorCode.TaskNotFound);
    expect(agent.requests.map((request) => request.method)).toEqual([
      'SendMessage',
      'GetTask',
      'SendMessage',
      'ListTasks',
      'ListTasks',
      'GetTask',
    ]);
  });

  it('cancels a running task, and resubscribes: the snapshot first, then live events', async () => {
    const gate = new Gate();
    const agent = await startTheirAgent(scriptedExecutor(gate));
    const client = await A2AClient.fromCardUrl(agent.url);
    const stream = client.streamMessage({ message: userMessage('park') });
    const first = await stream.next();
    const taskId = first.value && first.value.event.kind === 'task' ? first.value.event.id : '';
    await gate.reached;
    const subscription = client.resubscribe(taskId);
    const snapshot = await subscription.next();
    expect(snapshot.value && describeEvent(snapshot.value.event)).toBe('task working');
    const canceled = await client.cancelTask(taskId);
    expect(canceled.status.state).toBe('canceled');
    const rest = await collect({ [Symbol.asyncIterator]: () => subscription });
    expect(rest.map((item) => describeEvent(item.event))).toEqual(['status canceled final: Canceled.']);
    await collect({ [Symbol.asyncIterator]: () => stream });
  });

  it('ends a resubscribe to a finished task with the task, though the server answers -32004', async () => {
    const agent = await startTheirAgent(scriptedExecutor());
    const client = await A2AClient.fromCardUrl(agent.url);
    const result = await client.sendMessage({ message: userMessage('done') });
    const taskId = result.kind === 'task' ? result.id : '';
    const items = await collect(client.resubscribe(taskId));
    expect(items.map((item) => describeEvent(item.event))).toEqual(['task completed']);
    expect(agent.requests.slice(-2).map((request) => request.method)).toEqual(['SubscribeToTask', 'GetTask']);
  });

  /**
   * The connection drops while the agent is parked; the reconnection hook lets it go on. The
   * reference server sends no SSE ids, so our client resubscribes without a cursor and gets the
   * Task snapshot, then the live events: the stream still ends at the final event, in order, with
   * no duplicates (what was published during the drop arrives folded into the snapshot).
   */
  it('rides out a dropped connection with SubscribeToTask and reaches the final event', async () => {
    const gate = new Gate();
    const agent = await startTheirAgent(scriptedExecutor(gate));
    const proxy = await startCutProxy(agent.url);
    running.push(proxy);
    const reconnects: ReconnectInfo[] = [];
    const client = new A2AClient(`${proxy.url}/a2a`, {
      protocolVersion: '1.0',
      retry: { initialDelay: 5, maxDelay: 20 },
      onReconnect: (info) => reconnects.push(info),
    });
    const delivered: string[] = [];
    for await (const item of client.streamMessage({ message: userMessage('tell me') })) {
      delivered.push(describeEvent(item.event));
      if (delivered.length === 2) {
        await gate.reached;
        proxy.cut();
      }
      if (delivered.length === 3) gate.open();
    }
    expect(delivered).toEqual([...script.slice(0, 2), 'task working', ...script.slice(2)]);
    expect(reconnects).toMatchObject([{ attempt: 1, lastEventId: undefined }]);
    expect(agent.requests.map((request) => request.method)).toEqual(['SendStreamingMessage', 'SubscribeToTask']);
  });
});

describe('our client against the reference server with its 0.3 compatibility on', () => {
  it('prefers the 1.0 interface its card lists, and speaks 0.3 when told to', async () => {
    const agent = await startTheirAgent(scriptedExecutor(), { legacyCompat: true });
    const preferred = await A2AClient.fromCardUrl(agent.url);
    expect(preferred.protocolVersion).toBe('1.0');
    expect(
      (await collect(preferred.streamMessage({ message: userMessage('v1') }))).map((item) => describeEvent(item.event)),
    ).toEqual(script);

    const legacy = await A2AClient.fromCardUrl(agent.url, { protocolVersion: '0.3' });
    expect(legacy.protocolVersion).toBe('0.3');
    expect(
      (await collect(legacy.streamMessage({ message: userMessage('v0.3') }))).map((item) => describeEvent(item.event)),
    ).toEqual(script);
    expect(agent.requests).toEqual([
      { method: 'SendStreamingMessage', version: '1.0' },
      { method: 'message/stream', version: undefined },
    ]);
  });
});
