/**
 * Interop: the reference client (`@a2a-js/sdk` 0.3.14) against our server. Each case runs with
 * both of its clients, the legacy `A2AClient` and the `ClientFactory` one, and checks what their
 * code sees: the events in the order A2A 0.3 §7.2 describes, shaped as their types declare, and
 * protocol errors as their error classes.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Message, MessageSendParams, Task, TaskArtifactUpdateEvent, TaskStatusUpdateEvent } from '@a2a-js/sdk';
import {
  A2AClient,
  ClientFactory,
  ClientFactoryOptions,
  DefaultAgentCardResolver,
  JsonRpcTransport,
  JsonRpcTransportFactory,
  TaskNotCancelableError,
  TaskNotFoundError,
} from '@a2a-js/sdk/client';
import { StreamEventSchema } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer, AgentServerOptions } from '@a2a-mesh/server';
import { createEchoExecutor, echoCard } from '@a2a-mesh/example-agent';
import { Gate } from './support/gate.ts';
import { theirShapeProblems } from './support/their-shape.ts';
import type { TheirStreamEvent } from './support/their-shape.ts';

const servers: AgentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Our server on loopback port 0; resolves with its base URL. */
async function serve(executor: AgentExecutor, options: Partial<AgentServerOptions> = {}): Promise<string> {
  const server = createAgentServer({ card: echoCard, executor, ...options });
  servers.push(server);
  return server.listen();
}

const serveEcho = () => serve(createEchoExecutor({ stepDelayMs: 3 }));

/**
 * Parks the task at a gate after one `working` update, so that cancel and resubscribe happen
 * while it runs; once opened it sends a two-chunk artifact and one more step, and returning
 * completes the task.
 */
function gatedExecutor(gate: Gate): AgentExecutor {
  return {
    async execute(_context, publisher, signal) {
      await publisher.status('working', 'Waiting at the gate');
      await gate.pass(signal);
      await publisher.artifact({ artifactId: 'late', parts: [{ kind: 'text', text: 'after ' }] }, { lastChunk: false });
      await publisher.artifact(
        { artifactId: 'late', parts: [{ kind: 'text', text: 'the gate' }] },
        { append: true, lastChunk: true },
      );
      await publisher.status('working', 'Wrapping up');
    },
  };
}

function userMessage(text: string): Message {
  return { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'text', text }] };
}

/** Their legacy client answers JSON-RPC responses; unwrap one, failing loudly on an error. */
function unwrap<TResult>(response: { result: TResult } | { error: { code: number; message: string } }): TResult {
  if ('error' in response)
    throw new Error(`unexpected JSON-RPC error ${response.error.code}: ${response.error.message}`);
  return response.result;
}

/** Both reference clients behind the five calls the cases need. */
interface TheirClient {
  stream(params: MessageSendParams): AsyncGenerator<TheirStreamEvent, void, undefined>;
  resubscribe(taskId: string): AsyncGenerator<TheirStreamEvent, void, undefined>;
  send(params: MessageSendParams): Promise<Task | Message>;
  get(taskId: string, historyLength?: number): Promise<Task>;
  cancel(taskId: string): Promise<Task>;
}

/** Connects to the agent at `url`, sending every HTTP request through `fetchImpl` when given. */
type Connect = (url: string, fetchImpl?: typeof fetch) => Promise<TheirClient>;

const clients: Array<[string, Connect]> = [
  [
    'legacy A2AClient',
    async (url, fetchImpl) => {
      const client = await A2AClient.fromCardUrl(`${url}/.well-known/agent-card.json`, fetchImpl ? { fetchImpl } : {});
      return {
        stream: (params) => client.sendMessageStream(params),
        resubscribe: (id) => client.resubscribeTask({ id }),
        send: async (params) => unwrap(await client.sendMessage(params)),
        get: async (id, historyLength) =>
          unwrap(await client.getTask(historyLength === undefined ? { id } : { id, historyLength })),
        cancel: async (id) => unwrap(await client.cancelTask({ id })),
      };
    },
  ],
  [
    'ClientFactory client',
    async (url, fetchImpl) => {
      const options = ClientFactoryOptions.createFrom(ClientFactoryOptions.default, {
        transports: [new JsonRpcTransportFactory(fetchImpl ? { fetchImpl } : {})],
      });
      const client = await new ClientFactory(options).createFromUrl(url);
      return {
        stream: (params) => client.sendMessageStream(params),
        resubscribe: (id) => client.resubscribeTask({ id }),
        send: (params) => client.sendMessage(params),
        get: (id, historyLength) => client.getTask(historyLength === undefined ? { id } : { id, historyLength }),
        cancel: (id) => client.cancelTask({ id }),
      };
    },
  ],
];

/**
 * A fetch that passes responses through untouched while calling `onComment` for every SSE comment
 * line (our server's heartbeats) the client reads.
 */
function commentCountingFetch(onComment: () => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) return response;
    const decoder = new TextDecoder();
    let partial = '';
    const counting = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const lines = (partial + decoder.decode(chunk, { stream: true })).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) if (line.startsWith(':')) onComment();
        controller.enqueue(chunk);
      },
    });
    const { status, statusText, headers } = response;
    return new Response(response.body.pipeThrough(counting), { status, statusText, headers });
  };
}

async function collect(events: AsyncIterable<TheirStreamEvent>): Promise<TheirStreamEvent[]> {
  const collected: TheirStreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** Every event must be what their types promise, and what the official schema (via ours) allows. */
function expectWellFormed(events: TheirStreamEvent[]): void {
  for (const [index, event] of events.entries()) {
    expect(theirShapeProblems(event, `event ${index}`)).toEqual([]);
    expect(StreamEventSchema.safeParse(event).error).toBeUndefined();
  }
}

const statusUpdates = (events: TheirStreamEvent[]) =>
  events.filter((event): event is TaskStatusUpdateEvent => event.kind === 'status-update');
const artifactUpdates = (events: TheirStreamEvent[]) =>
  events.filter((event): event is TaskArtifactUpdateEvent => event.kind === 'artifact-update');
const textOf = (parts: Message['parts']) => parts.map((part) => (part.kind === 'text' ? part.text : '')).join('');

describe('their card resolution', () => {
  it('accepts our card with DefaultAgentCardResolver, fromCardUrl and ClientFactory', async () => {
    const url = await serveEcho();
    const resolved = await new DefaultAgentCardResolver().resolve(url);
    expect(resolved).toMatchObject({
      name: echoCard.name,
      protocolVersion: '0.3.0',
      url: `${url}/a2a`,
      preferredTransport: 'JSONRPC',
      capabilities: { streaming: true },
    });

    const legacy = await A2AClient.fromCardUrl(`${url}/.well-known/agent-card.json`);
    expect(await legacy.getAgentCard()).toEqual(resolved);

    const client = await new ClientFactory().createFromUrl(url);
    expect(await client.getAgentCard()).toEqual(resolved);
    expect(client.transport).toBeInstanceOf(JsonRpcTransport);
  });
});

describe.each(clients)('their %s against our server', (_name, connect) => {
  it('streams the Task, working updates, the chunked artifact and a final completed status, then ends', async () => {
    const client = await connect(await serveEcho());
    const message = userMessage('hello interop mesh');

    // `collect` returning at all is the "stream ends" check: the server closed after the final event.
    const events = await collect(client.stream({ message }));

    expectWellFormed(events);
    const [first] = events;
    expect(first).toMatchObject({ kind: 'task', status: { state: 'submitted' } });
    const task = first as Task;
    expect(task.history?.[0]?.messageId).toBe(message.messageId);
    for (const event of events.slice(1)) {
      expect(event).toMatchObject({ taskId: task.id, contextId: task.contextId });
    }

    const statuses = statusUpdates(events);
    const working = statuses.filter((event) => event.status.state === 'working');
    expect(working.map((event) => textOf(event.status.message?.parts ?? []))).toEqual([
      'Reading your message',
      'Counting 3 words',
      'Writing the echo',
    ]);
    expect(working.every((event) => event.final === false)).toBe(true);

    const chunks = artifactUpdates(events);
    expect(chunks.map((event) => [event.artifact.artifactId, event.append ?? false, event.lastChunk ?? false])).toEqual(
      [
        ['echo', false, false],
        ['echo', true, false],
        ['echo', true, true],
      ],
    );
    expect(chunks.map((event) => textOf(event.artifact.parts)).join('')).toBe('hello interop mesh');

    // The working steps all come before the answer, and exactly the last event is final.
    expect(
      events.findLastIndex((event) => event.kind === 'status-update' && event.status.state === 'working'),
    ).toBeLessThan(events.findIndex((event) => event.kind === 'artifact-update'));
    expect(events.at(-1)).toMatchObject({ kind: 'status-update', final: true, status: { state: 'completed' } });
    expect(statuses.filter((event) => event.final)).toHaveLength(1);
  });

  it('sendMessage blocks until the task completes and returns it; getTask honours historyLength', async () => {
    const client = await connect(await serveEcho());
    const message = userMessage('one two');

    const result = await client.send({ message });

    expect(theirShapeProblems(result)).toEqual([]);
    expect(result.kind).toBe('task');
    const task = result as Task;
    expect(task.status.state).toBe('completed');
    expect(task.artifacts?.map((artifact) => textOf(artifact.parts))).toEqual(['one two']);
    expect(task.history?.[0]?.messageId).toBe(message.messageId);

    const full = await client.get(task.id);
    // The user's message, three working steps, and the completed status's message.
    expect(full.history?.map((entry) => entry.role)).toEqual(['user', 'agent', 'agent', 'agent', 'agent']);
    const latest = await client.get(task.id, 2);
    expect(theirShapeProblems(latest)).toEqual([]);
    expect(latest.history).toEqual(full.history?.slice(-2));
    expect(textOf(latest.history?.at(-1)?.parts ?? [])).toBe('Echoed 2 words.');
  });

  it('continues an input-required task: the stream starts with the task, then runs to the final event', async () => {
    const client = await connect(await serveEcho());
    // The echo agent asks for text when it gets none, ending this interaction in input-required.
    const asked = await collect(client.stream({ message: userMessage('') }));
    expectWellFormed(asked);
    expect(asked.at(-1)).toMatchObject({ kind: 'status-update', final: true, status: { state: 'input-required' } });
    const { id: taskId, contextId } = asked[0] as Task;

    const answer = { ...userMessage('now echo this'), taskId, contextId };
    const events = await collect(client.stream({ message: answer }));

    expectWellFormed(events);
    expect(events[0]).toMatchObject({ kind: 'task', id: taskId, status: { state: 'input-required' } });
    expect(events.at(-1)).toMatchObject({ kind: 'status-update', taskId, final: true, status: { state: 'completed' } });
    expect(
      artifactUpdates(events)
        .map((event) => textOf(event.artifact.parts))
        .join(''),
    ).toBe('now echo this');
    const task = await client.get(taskId);
    expect(task.history?.filter((entry) => entry.role === 'user').map((entry) => entry.messageId)).toEqual([
      asked[0]?.kind === 'task' ? asked[0].history?.[0]?.messageId : undefined,
      answer.messageId,
    ]);
  });

  it('resubscribeTask on a completed task yields its final snapshot and ends', async () => {
    const client = await connect(await serveEcho());
    const task = await client.send({ message: userMessage('all done') });

    const events = await collect(client.resubscribe((task as Task).id));

    expectWellFormed(events);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'task', id: (task as Task).id, status: { state: 'completed' } });
  });

  it('keeps streaming through heartbeat comments while the agent is quiet', async () => {
    const gate = new Gate();
    const url = await serve(gatedExecutor(gate), { sse: { heartbeatMs: 5 } });
    let comments = 0;
    let markHeard!: () => void;
    const heard = new Promise<void>((resolve) => (markHeard = resolve));
    const client = await connect(
      url,
      commentCountingFetch(() => {
        if (++comments === 3) markHeard();
      }),
    );

    const collecting = collect(client.stream({ message: userMessage('take your time') }));
    await gate.reached;
    // The agent stays parked until the client has read three heartbeats in a row.
    await heard;
    gate.open();
    const events = await collecting;

    expectWellFormed(events);
    expect(comments).toBeGreaterThanOrEqual(3);
    expect(events[0]).toMatchObject({ kind: 'task' });
    expect(events.at(-1)).toMatchObject({ kind: 'status-update', final: true, status: { state: 'completed' } });
    expect(
      artifactUpdates(events)
        .map((event) => textOf(event.artifact.parts))
        .join(''),
    ).toBe('after the gate');
  });

  it('sendMessage with blocking: false answers at once with the running task', async () => {
    const gate = new Gate();
    const client = await connect(await serve(gatedExecutor(gate)));

    const result = await client.send({ message: userMessage('later'), configuration: { blocking: false } });

    expect(theirShapeProblems(result)).toEqual([]);
    const task = result as Task;
    expect(['submitted', 'working']).toContain(task.status.state);
    const following = client.resubscribe(task.id);
    await following.next();
    gate.open();
    expect((await collect(following)).at(-1)).toMatchObject({ kind: 'status-update', final: true });
    expect((await client.get(task.id)).status.state).toBe('completed');
  });

  it('cancelTask on a running task answers canceled, and its stream ends with a final canceled status', async () => {
    const gate = new Gate();
    const client = await connect(await serve(gatedExecutor(gate)));
    const stream = client.stream({ message: userMessage('cancel me') });
    const first = await stream.next();
    expect(first.value).toMatchObject({ kind: 'task' });
    const taskId = (first.value as Task).id;
    await gate.reached;

    const canceled = await client.cancel(taskId);

    expect(canceled).toMatchObject({ kind: 'task', id: taskId, status: { state: 'canceled' } });
    const rest = await collect(stream);
    expectWellFormed(rest);
    expect(rest.at(-1)).toMatchObject({ kind: 'status-update', taskId, final: true, status: { state: 'canceled' } });
    expect(artifactUpdates(rest)).toEqual([]);
    expect((await client.get(taskId)).status.state).toBe('canceled');
  });

  it('resubscribeTask on a running task starts with the Task snapshot, then follows it live to the final event', async () => {
    const gate = new Gate();
    const client = await connect(await serve(gatedExecutor(gate)));
    const original = client.stream({ message: userMessage('follow me') });
    const first = await original.next();
    const taskId = (first.value as Task).id;
    await gate.reached;

    const resubscribed = client.resubscribe(taskId);
    const snapshot = await resubscribed.next();
    expect(snapshot.value).toMatchObject({ kind: 'task', id: taskId, status: { state: 'working' } });
    gate.open();
    const live = await collect(resubscribed);

    expectWellFormed([snapshot.value as TheirStreamEvent, ...live]);
    expect(
      live.map((event) => (event.kind === 'status-update' ? `${event.status.state}/${event.final}` : event.kind)),
    ).toEqual(['artifact-update', 'artifact-update', 'working/false', 'completed/true']);
    expect(
      artifactUpdates(live)
        .map((event) => textOf(event.artifact.parts))
        .join(''),
    ).toBe('after the gate');
    // The original stream saw the same live events after its own prefix.
    const originalRest = await collect(original);
    expect(originalRest.slice(-live.length)).toEqual(live);
  });
});

describe('our protocol errors on their side', () => {
  it('getTask on an unknown task: the legacy client answers the -32001 error response', async () => {
    const url = await serveEcho();
    const client = await A2AClient.fromCardUrl(`${url}/.well-known/agent-card.json`);
    const response = await client.getTask({ id: 'no-such-task' });
    expect(response).toMatchObject({ jsonrpc: '2.0', error: { code: -32001 } });
  });

  it('getTask on an unknown task: the ClientFactory client throws TaskNotFoundError', async () => {
    const client = await new ClientFactory().createFromUrl(await serveEcho());
    await expect(client.getTask({ id: 'no-such-task' })).rejects.toBeInstanceOf(TaskNotFoundError);
  });

  it('cancelTask on a completed task: the ClientFactory client throws TaskNotCancelableError', async () => {
    const client = await new ClientFactory().createFromUrl(await serveEcho());
    const task = (await client.sendMessage({ message: userMessage('done soon') })) as Task;
    await expect(client.cancelTask({ id: task.id })).rejects.toBeInstanceOf(TaskNotCancelableError);
  });

  it.each(clients)(
    'resubscribeTask on an unknown task: the %s throws, caused by TaskNotFoundError',
    async (_name, connect) => {
      const client = await connect(await serveEcho());
      const error: unknown = await collect(client.resubscribe('no-such-task')).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toContain('-32001');
      expect((error as Error).cause).toBeInstanceOf(TaskNotFoundError);
    },
  );
});
