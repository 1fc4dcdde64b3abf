import { afterEach, describe, expect, it } from 'vitest';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { Annotation, MemorySaver, MessagesAnnotation, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { StreamEvent, TaskArtifactUpdateEvent, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer, AgentServerOptions, EventPublisher } from '@a2a-mesh/server';
import { createGraphExecutor } from './graph-executor.ts';
import type { GraphExecutorOptions } from './graph-executor.ts';
import type { Progress } from './progress.ts';
import type { TextChunk } from './text-chunk.ts';
import { callRpc } from './testing/call-rpc.ts';
import { collect, streamMessage, userMessage } from './testing/stream-message.ts';
import type { StreamedEvent } from './testing/stream-message.ts';

const card: AgentServerOptions['card'] = {
  name: 'graph agent',
  description: 'a LangGraph graph behind A2A',
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'graph', name: 'Graph', description: 'runs a graph', tags: ['test'] }],
};

const State = Annotation.Root({ ...MessagesAnnotation.spec, answer: Annotation<string>() });
type StateType = typeof State.State;

const servers: AgentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(options: GraphExecutorOptions | AgentExecutor): Promise<{ url: string; server: AgentServer }> {
  const executor = 'execute' in options ? options : createGraphExecutor(options);
  const server = createAgentServer({ card, executor });
  servers.push(server);
  return { url: await server.listen(0, '127.0.0.1'), server };
}

const statuses = (events: StreamedEvent[]): TaskStatusUpdateEvent[] =>
  events.map(({ event }) => event).filter((event): event is TaskStatusUpdateEvent => event.kind === 'status-update');
const artifacts = (events: StreamedEvent[]): TaskArtifactUpdateEvent[] =>
  events
    .map(({ event }) => event)
    .filter((event): event is TaskArtifactUpdateEvent => event.kind === 'artifact-update');
const progress = (events: StreamedEvent[]) =>
  statuses(events).flatMap((event) => (event.status.message ? [event.status.message.parts] : []));
const timings = (events: StreamedEvent[]) =>
  statuses(events).flatMap((event) => (event.metadata?.['phase'] ? [event.metadata] : []));
const lastState = (events: StreamedEvent[]) => {
  const last = events.at(-1)?.event;
  return last?.kind === 'status-update' ? last.status.state : undefined;
};
const taskIdOf = (events: StreamedEvent[]): string => {
  const first = events[0]?.event;
  if (first?.kind !== 'task') throw new Error('the stream did not start with the task');
  return first.id;
};
const userText = (state: StateType): string => state.messages.at(-1)?.text ?? '';

describe('a LangGraph graph as an A2A agent', () => {
  it('publishes what nodes write with config.writer as working updates with text and data parts', async () => {
    const graph = new StateGraph(State)
      .addNode('search', async (_state, config) => {
        config.writer?.({ text: 'Searching the catalogue', data: { step: 'search', hits: 3 } } satisfies Progress);
        config.writer?.('Almost there');
        config.writer?.({ tool: 'lookup', calls: 2 });
        return { answer: 'found' };
      })
      .addEdge(START, 'search')
      .compile();
    const { url } = await serve({ graph });

    const events = await collect(streamMessage(url, userMessage('find shoes')));

    expect(progress(events)).toEqual([
      [
        { kind: 'text', text: 'Searching the catalogue' },
        { kind: 'data', data: { step: 'search', hits: 3 } },
      ],
      [{ kind: 'text', text: 'Almost there' }],
      [
        { kind: 'text', text: '{"tool":"lookup","calls":2}' },
        { kind: 'data', data: { tool: 'lookup', calls: 2 } },
      ],
    ]);
    expect(statuses(events).every((event) => event.status.state !== 'working' || !event.final)).toBe(true);
  });

  it('reports each node start and end, with its duration, in status metadata', async () => {
    const graph = new StateGraph(State)
      .addNode('plan', async (_state, config) => {
        config.writer?.({ text: 'planning' });
        return {};
      })
      .addNode('write', async () => ({ answer: 'done' }))
      .addEdge(START, 'plan')
      .addEdge('plan', 'write')
      .compile();
    const { url } = await serve({ graph });

    const events = await collect(streamMessage(url, userMessage('go')));

    expect(timings(events)).toEqual([
      { node: 'plan', phase: 'start', nodeRunId: expect.any(String) },
      { node: 'plan', phase: 'end', nodeRunId: expect.any(String), durationMs: expect.any(Number) },
      { node: 'write', phase: 'start', nodeRunId: expect.any(String) },
      { node: 'write', phase: 'end', nodeRunId: expect.any(String), durationMs: expect.any(Number) },
    ]);
    const [planStart, planEnd] = timings(events);
    expect(planEnd?.['nodeRunId']).toBe(planStart?.['nodeRunId']);
    // Progress arrives while its node runs: between the node's start and end.
    const kinds = statuses(events).map((event) => event.metadata?.['phase'] ?? event.status.message?.parts[0]);
    expect(kinds.slice(1, 4)).toEqual(['start', { kind: 'text', text: 'planning' }, 'end']);
  });

  it('streams written chunks as one artifact: append false, then true, then a last chunk', async () => {
    const graph = new StateGraph(State)
      .addNode('write', async (_state, config) => {
        for (const chunk of ['Once ', 'upon ', 'a time.']) config.writer?.({ chunk } satisfies TextChunk);
        config.writer?.({ chunk: 'A ', artifactId: 'title', name: 'title' } satisfies TextChunk);
        config.writer?.({ chunk: 'story', artifactId: 'title', last: true } satisfies TextChunk);
        return {};
      })
      .addEdge(START, 'write')
      .compile();
    const { url } = await serve({ graph });

    const events = await collect(streamMessage(url, userMessage('tell me a story')));

    const flags = artifacts(events).map((event) => ({
      id: event.artifact.artifactId,
      text: event.artifact.parts.map((part) => (part.kind === 'text' ? part.text : '')).join(''),
      append: event.append,
      lastChunk: event.lastChunk,
    }));
    expect(flags).toEqual([
      { id: 'text', text: 'Once ', append: false, lastChunk: false },
      { id: 'text', text: 'upon ', append: true, lastChunk: false },
      { id: 'text', text: 'a time.', append: true, lastChunk: false },
      { id: 'title', text: 'A ', append: false, lastChunk: false },
      { id: 'title', text: 'story', append: true, lastChunk: true },
      // No chunk of `text` said "last": the end of the run closes it.
      { id: 'text', text: '', append: true, lastChunk: true },
    ]);
    expect(lastState(events)).toBe('completed');
  });

  it('streams LLM tokens as a message artifact, closed when its node ends', async () => {
    const model = new FakeListChatModel({ responses: ['Hi there'] });
    const graph = new StateGraph(State)
      .addNode('chat', async (state, config) => ({ messages: [await model.invoke(state.messages, config)] }))
      .addEdge(START, 'chat')
      .compile();
    const { url } = await serve({ graph });

    const events = await collect(streamMessage(url, userMessage('hello')));

    const updates = artifacts(events);
    expect(updates.length).toBeGreaterThan(2);
    expect(new Set(updates.map((event) => event.artifact.artifactId)).size).toBe(1);
    expect(updates.map((event) => event.append)).toEqual([false, ...updates.slice(1).map(() => true)]);
    expect(updates.map((event) => event.lastChunk)).toEqual([...updates.slice(1).map(() => false), true]);
    const text = updates.map((event) => (event.artifact.parts[0]?.kind === 'text' ? event.artifact.parts[0].text : ''));
    expect(text.join('')).toBe('Hi there');
    const closing = events.findIndex(({ event }) => event === updates.at(-1));
    const chatEnd = events.findIndex(
      ({ event }) => event.kind === 'status-update' && event.metadata?.['phase'] === 'end',
    );
    expect(closing).toBeLessThan(chatEnd);
  });

  it('publishes the final state as an artifact, then completes and forgets the thread', async () => {
    const checkpointer = new MemorySaver();
    const graph = new StateGraph(State)
      .addNode('reply', async (state) => ({ answer: `You said: ${userText(state)}` }))
      .addEdge(START, 'reply')
      .compile();
    const { url } = await serve({ graph, checkpointer });

    const events = await collect(streamMessage(url, userMessage('ping')));

    const [artifact, completed] = events.slice(-2).map(({ event }) => event);
    expect(artifact).toMatchObject({
      kind: 'artifact-update',
      artifact: { artifactId: 'answer', name: 'answer', parts: [{ kind: 'text', text: 'You said: ping' }] },
    });
    expect(completed).toMatchObject({ kind: 'status-update', status: { state: 'completed' }, final: true });
    expect(await checkpointer.getTuple({ configurable: { thread_id: taskIdOf(events) } })).toBeUndefined();
  });

  it('builds the input and the artifacts with the functions it is given', async () => {
    const Topic = Annotation.Root({ topic: Annotation<string>(), summary: Annotation<string>() });
    const graph = new StateGraph(Topic)
      .addNode('summarize', async (state) => ({ summary: `${state.topic}: short` }))
      .addEdge(START, 'summarize')
      .compile();
    const { url } = await serve({
      graph,
      toInput: (context) => ({ topic: context.message.parts[0]?.kind === 'text' ? context.message.parts[0].text : '' }),
      resultToArtifacts: (state) => [
        { artifactId: 'summary', parts: [{ kind: 'data', data: { summary: state['summary'] } }] },
      ],
    });

    const events = await collect(streamMessage(url, userMessage('tides')));

    expect(artifacts(events).map((event) => event.artifact)).toEqual([
      { artifactId: 'summary', parts: [{ kind: 'data', data: { summary: 'tides: short' } }] },
    ]);
  });

  it('asks the interrupt question, then resumes with the reply without repeating earlier progress', async () => {
    let runs = 0;
    const graph = new StateGraph(State)
      .addNode('book', async (_state, config) => {
        runs += 1;
        config.writer?.({ text: 'Looking up flights' });
        const date = interrupt<{ question: string }, string>({ question: 'Which date?' });
        config.writer?.({ text: `Booking for ${date}` });
        return { answer: `Booked for ${date}` };
      })
      .addEdge(START, 'book')
      .compile();
    const checkpointer = new MemorySaver();
    const { url } = await serve({ graph, checkpointer });

    const first = await collect(streamMessage(url, userMessage('book me a flight')));
    const taskId = taskIdOf(first);
    const asked = first.at(-1)?.event;
    expect(asked).toMatchObject({
      kind: 'status-update',
      final: true,
      status: {
        state: 'input-required',
        message: {
          role: 'agent',
          parts: [
            { kind: 'text', text: 'Which date?' },
            { kind: 'data', data: { interrupts: [{ value: { question: 'Which date?' } }] } },
          ],
        },
      },
    });
    expect(
      progress(first).filter((parts) => parts[0]?.kind === 'text' && parts[0].text === 'Looking up flights'),
    ).toHaveLength(1);

    const second = await collect(streamMessage(url, userMessage('Friday', taskId)));

    expect(runs).toBe(2);
    const texts = progress(second).map((parts) => (parts[0]?.kind === 'text' ? parts[0].text : ''));
    expect(texts).toEqual(['Booking for Friday']);
    expect(artifacts(second).map((event) => event.artifact.parts)).toEqual([
      [{ kind: 'text', text: 'Booked for Friday' }],
    ]);
    expect(lastState(second)).toBe('completed');
    expect(await checkpointer.getTuple({ configurable: { thread_id: taskId } })).toBeUndefined();
  });

  it('drops the checkpoints of a task canceled while it waits for an answer', async () => {
    const graph = new StateGraph(State)
      .addNode('ask', async () => ({ answer: interrupt<string, string>('Which city?') }))
      .addEdge(START, 'ask')
      .compile();
    const checkpointer = new MemorySaver();
    const { url } = await serve({ graph, checkpointer });
    const first = await collect(streamMessage(url, userMessage('weather')));
    const taskId = taskIdOf(first);
    expect(await checkpointer.getTuple({ configurable: { thread_id: taskId } })).toBeDefined();
    const canceled = (await (
      await fetch(`${url}/a2a`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tasks/cancel', params: { id: taskId } }),
      })
    ).json()) as { result: { status: { state: string } } };
    expect(canceled.result.status.state).toBe('canceled');
    expect(await checkpointer.getTuple({ configurable: { thread_id: taskId } })).toBeUndefined();
  });

  it('fails with a message a person understands, without a stack', async () => {
    const graph = new StateGraph(State)
      .addNode('weather', async () => {
        throw new Error('the weather service is down');
      })
      .addEdge(START, 'weather')
      .compile();
    const { url } = await serve({ graph });

    const events = await collect(streamMessage(url, userMessage('weather?')));

    const failed = events.at(-1)?.event;
    expect(failed).toMatchObject({
      kind: 'status-update',
      final: true,
      status: {
        state: 'failed',
        message: { parts: [{ kind: 'text', text: 'The agent failed: the weather service is down' }] },
      },
    });
  });

  it('explains a graph that loops past its recursion limit', async () => {
    const graph = new StateGraph(State)
      .addNode('again', async () => ({}))
      .addEdge(START, 'again')
      .addConditionalEdges('again', () => 'again')
      .compile();
    const { url } = await serve({ graph, recursionLimit: 3 });

    const events = await collect(streamMessage(url, userMessage('loop')));

    const failed = events.at(-1)?.event as StreamEvent;
    expect(failed).toMatchObject({ status: { state: 'failed' } });
    const text = failed.kind === 'status-update' ? failed.status.message?.parts[0] : undefined;
    expect(text).toEqual({
      kind: 'text',
      text: 'The agent took too many steps without finishing (its limit is 3 steps).',
    });
  });

  it('stops the graph on tasks/cancel and publishes nothing after canceled', async () => {
    let sawAbort!: () => void;
    const aborted = new Promise<void>((resolve) => (sawAbort = resolve));
    const graph = new StateGraph(State)
      .addNode('wait', async (_state, config) => {
        config.writer?.({ text: 'Waiting for the slow service' });
        await new Promise<void>((resolve) => config.signal?.addEventListener('abort', () => resolve(), { once: true }));
        sawAbort();
        config.writer?.({ text: 'still here after the abort' });
        return { answer: 'too late' };
      })
      .addEdge(START, 'wait')
      .compile();
    const checkpointer = new MemorySaver();
    const inner = createGraphExecutor({ graph, checkpointer });
    const lateCalls: string[] = [];
    let returned!: () => void;
    const executed = new Promise<void>((resolve) => (returned = resolve));
    // Records every publish the executor makes once it has been aborted.
    const executor: AgentExecutor = {
      execute(context, publisher, signal) {
        const spy: EventPublisher = {
          status: (state, ...rest) => {
            if (signal.aborted) lateCalls.push(`status ${state}`);
            return publisher.status(state, ...rest);
          },
          artifact: (artifact, options) => {
            if (signal.aborted) lateCalls.push(`artifact ${artifact.artifactId}`);
            return publisher.artifact(artifact, options);
          },
        };
        return inner.execute(context, spy, signal).finally(returned);
      },
    };
    const { url, server } = await serve(executor);

    const events: StreamedEvent[] = [];
    for await (const streamed of streamMessage(url, userMessage('wait for it'))) {
      events.push(streamed);
      const { event } = streamed;
      const text = event.kind === 'status-update' ? event.status.message?.parts[0] : undefined;
      if (text?.kind === 'text' && text.text === 'Waiting for the slow service') {
        await callRpc(url, 'tasks/cancel', { id: taskIdOf(events) });
      }
    }
    await aborted;
    await executed;

    const taskId = taskIdOf(events);
    const last = events.at(-1)!;
    expect(last.event).toMatchObject({ kind: 'status-update', status: { state: 'canceled' }, final: true });
    const record = await server.store.get(taskId);
    expect(record?.seq).toBe(last.seq);
    expect(record?.task.status.state).toBe('canceled');
    expect(lateCalls).toEqual([]);
    expect(await checkpointer.getTuple({ configurable: { thread_id: taskId } })).toBeUndefined();
  });
});
