import { describe, expect, it } from 'vitest';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { AgentCard, Message, MessageSendParams, StreamEvent } from '@a2a-mesh/protocol';
import type { AgentExecutor } from './agent-executor.ts';
import { InMemoryTaskStore } from './in-memory-task-store.ts';
import { silentLogger } from './logger.ts';
import { DefaultRequestHandler } from './request-handler.ts';
import type { EntryStream } from './request-handler.ts';

const card: AgentCard = {
  protocolVersion: '0.3.0',
  name: 'test',
  description: 'test agent',
  url: 'http://localhost/a2a',
  version: '1',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [],
};

function setup(executor: AgentExecutor, store = new InMemoryTaskStore()) {
  return new DefaultRequestHandler({ card: () => card, executor, store, logger: silentLogger });
}

function userMessage(text: string, extra: Partial<Message> = {}): MessageSendParams {
  return {
    message: {
      kind: 'message',
      messageId: crypto.randomUUID(),
      role: 'user',
      parts: [{ kind: 'text', text }],
      ...extra,
    },
  };
}

async function drain(stream: EntryStream): Promise<Array<{ seq: number; event: StreamEvent }>> {
  const out: Array<{ seq: number; event: StreamEvent }> = [];
  for await (const batch of stream) for (const entry of batch) out.push({ seq: entry.seq, event: entry.event });
  return out;
}

const states = (events: Array<{ event: StreamEvent }>): string[] =>
  events.map(({ event }) => (event.kind === 'status-update' ? event.status.state : event.kind));

/** An executor the test releases step by step. */
function gated() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let aborted = false;
  const executor: AgentExecutor = {
    async execute(_context, publisher, signal) {
      signal.addEventListener('abort', () => (aborted = true));
      await publisher.status('working', 'started');
      await new Promise<void>((resolve, reject) => {
        void gate.then(resolve);
        signal.addEventListener('abort', () => reject(signal.reason));
      });
      await publisher.status('working', 'after gate');
    },
  };
  return { executor, release, wasAborted: () => aborted };
}

const signal = new AbortController().signal;

describe('DefaultRequestHandler', () => {
  it('streams the task, then every event, and completes a run that returns without a final state', async () => {
    const handler = setup({
      async execute(_context, publisher) {
        await publisher.status('working', 'one');
        await publisher.artifact({ artifactId: 'a', parts: [{ kind: 'text', text: 'hi' }] });
      },
    });
    const events = await drain(await handler.streamMessage(userMessage('go'), signal));
    expect(events.map(({ seq }) => seq)).toEqual([1, 2, 3, 4]);
    expect(states(events)).toEqual(['task', 'working', 'artifact-update', 'completed']);
    const last = events.at(-1)!.event;
    expect(last.kind === 'status-update' && last.final).toBe(true);
  });

  it('fails a run that throws, with the error message and no stack trace', async () => {
    const handler = setup({
      async execute() {
        throw new Error('the index is missing');
      },
    });
    const events = await drain(await handler.streamMessage(userMessage('go'), signal));
    const last = events.at(-1)!.event;
    expect(last.kind === 'status-update' && last.status.state).toBe('failed');
    const text = JSON.stringify(last);
    expect(text).toContain('the index is missing');
    expect(text).not.toContain('at ');
  });

  it('never leaves a terminal state: updates after the end are ignored', async () => {
    const handler = setup({
      async execute(_context, publisher) {
        await publisher.status('completed', 'done');
        await publisher.status('working', 'too late');
        await publisher.artifact({ artifactId: 'late', parts: [{ kind: 'text', text: 'x' }] });
      },
    });
    const task = await handler.sendMessage(userMessage('go'), signal);
    expect(task.kind === 'task' && task.status.state).toBe('completed');
    expect(task.kind === 'task' && task.artifacts).toBeUndefined();
  });

  it('continues an input-required task with the next message, in the same task', async () => {
    const handler = setup({
      async execute(context, publisher) {
        if (!context.isContinuation) return publisher.status('input-required', 'Which city?');
        await publisher.status(
          'completed',
          `Weather for ${context.message.parts[0]?.kind === 'text' ? context.message.parts[0].text : ''}`,
        );
      },
    });
    const first = await drain(await handler.streamMessage(userMessage('weather'), signal));
    expect(states(first)).toEqual(['task', 'input-required']);
    const taskId = first[0]!.event.kind === 'task' ? first[0]!.event.id : '';
    const second = await drain(await handler.streamMessage(userMessage('Paris', { taskId }), signal));
    expect(states(second)).toEqual(['task', 'completed']);
    expect(second.map(({ seq }) => seq)).toEqual([2, 3]);
    const task = await handler.getTask({ id: taskId });
    expect(task.history?.map((message) => message.role)).toEqual(['user', 'agent', 'user', 'agent']);
    expect(JSON.stringify(task.status)).toContain('Paris');
  });

  it('rejects a message to a finished task, to an unknown task, and to another context', async () => {
    const handler = setup({ async execute() {} });
    const task = await handler.sendMessage(userMessage('go'), signal);
    const taskId = task.kind === 'task' ? task.id : '';
    await expect(handler.sendMessage(userMessage('again', { taskId }), signal)).rejects.toMatchObject({
      code: ErrorCode.UnsupportedOperation,
      message: expect.stringContaining('completed'),
    });
    await expect(handler.sendMessage(userMessage('x', { taskId: 'nope' }), signal)).rejects.toMatchObject({
      code: ErrorCode.TaskNotFound,
    });
    const waiting = setup({ execute: async (_context, publisher) => publisher.status('input-required', '?') });
    const open = await waiting.sendMessage(userMessage('go'), signal);
    const openId = open.kind === 'task' ? open.id : '';
    await expect(
      waiting.sendMessage(userMessage('x', { taskId: openId, contextId: 'other' }), signal),
    ).rejects.toMatchObject({ code: ErrorCode.InvalidParams, message: expect.stringContaining('contextId') });
  });

  it('rejects an agent-role message and unsupported content types', async () => {
    const handler = setup({ async execute() {} });
    await expect(handler.sendMessage(userMessage('x', { role: 'agent' }), signal)).rejects.toMatchObject({
      code: ErrorCode.InvalidParams,
    });
    const file: MessageSendParams = {
      message: {
        kind: 'message',
        messageId: 'f',
        role: 'user',
        parts: [{ kind: 'file', file: { uri: 'http://x/y', mimeType: 'application/x-unknown' } }],
      },
    };
    await expect(handler.sendMessage(file, signal)).rejects.toMatchObject({ code: ErrorCode.ContentTypeNotSupported });
    const modes = { ...userMessage('x'), configuration: { acceptedOutputModes: ['image/png'] } };
    await expect(handler.sendMessage(modes, signal)).rejects.toMatchObject({ code: ErrorCode.ContentTypeNotSupported });
  });

  it('answers a non-blocking send at once and a blocking one when the task ends', async () => {
    const { executor, release } = gated();
    const handler = setup(executor);
    const quick = await handler.sendMessage({ ...userMessage('go'), configuration: { blocking: false } }, signal);
    expect(quick.kind === 'task' && ['submitted', 'working']).toContain(quick.kind === 'task' && quick.status.state);
    const blocking = handler.sendMessage(userMessage('go'), signal);
    release();
    const done = await blocking;
    expect(done.kind === 'task' && done.status.state).toBe('completed');
  });

  it('cancels a running task at once: canceled is final and the agent is aborted', async () => {
    const { executor, wasAborted } = gated();
    const handler = setup(executor);
    const stream = await handler.streamMessage(userMessage('go'), signal);
    const seen: string[] = [];
    let taskId = '';
    for await (const batch of stream) {
      for (const { event } of batch) {
        seen.push(event.kind === 'status-update' ? event.status.state : event.kind);
        if (event.kind === 'task') taskId = event.id;
        if (event.kind === 'status-update' && event.status.state === 'working') {
          const canceled = await handler.cancelTask({ id: taskId });
          expect(canceled.status.state).toBe('canceled');
        }
      }
    }
    expect(seen).toEqual(['task', 'working', 'canceled']);
    expect(wasAborted()).toBe(true);
    await expect(handler.cancelTask({ id: taskId })).rejects.toMatchObject({ code: ErrorCode.TaskNotCancelable });
    await expect(handler.cancelTask({ id: 'missing' })).rejects.toMatchObject({ code: ErrorCode.TaskNotFound });
  });

  it('cancels an idle input-required task, and lets the agent release what it kept for it', async () => {
    const released: string[] = [];
    const handler = setup({
      execute: async (_context, publisher) => publisher.status('input-required', '?'),
      canceledWhileIdle: async ({ taskId }) => {
        released.push(taskId);
      },
    });
    const task = await handler.sendMessage(userMessage('go'), signal);
    const id = task.kind === 'task' ? task.id : '';
    const canceled = await handler.cancelTask({ id });
    expect(canceled.status.state).toBe('canceled');
    expect(released).toEqual([id]);
  });

  it('resubscribes: snapshot first without a cursor, exactly the rest with one', async () => {
    const { executor, release } = gated();
    const handler = setup(executor);
    const task = await handler.sendMessage({ ...userMessage('go'), configuration: { blocking: false } }, signal);
    const id = task.kind === 'task' ? task.id : '';
    await expect.poll(async () => (await handler.getTask({ id })).status.state).toBe('working');
    const fromSnapshot = drain(await handler.resubscribe({ id }, undefined, signal));
    const fromCursor = drain(await handler.resubscribe({ id }, 1, signal));
    release();
    const snapshotEvents = await fromSnapshot;
    expect(snapshotEvents[0]).toMatchObject({ seq: 2, event: { kind: 'task', status: { state: 'working' } } });
    expect(snapshotEvents.slice(1).map(({ seq }) => seq)).toEqual([3, 4]);
    expect((await fromCursor).map(({ seq }) => seq)).toEqual([2, 3, 4]);
    // A finished task: the snapshot, then the stream ends.
    const after = await drain(await handler.resubscribe({ id }, undefined, signal));
    expect(after).toHaveLength(1);
    expect(after[0]!.event).toMatchObject({ kind: 'task', status: { state: 'completed' } });
    // A cursor at the end gets the snapshot too, so the client learns the outcome.
    expect(await drain(await handler.resubscribe({ id }, 4, signal))).toHaveLength(1);
    await expect(handler.resubscribe({ id }, 99, signal)).rejects.toMatchObject({ code: ErrorCode.InvalidParams });
    await expect(handler.resubscribe({ id: 'missing' }, undefined, signal)).rejects.toBeInstanceOf(A2AError);
  });

  it('answers a cursor older than the retained log with a marked snapshot', async () => {
    const handler = setup(
      {
        async execute(_context, publisher) {
          for (let n = 0; n < 50; n += 1) await publisher.status('working', `step ${n}`);
        },
      },
      new InMemoryTaskStore({ maxEventsPerTask: 5 }),
    );
    const task = await handler.sendMessage(userMessage('go'), signal);
    const id = task.kind === 'task' ? task.id : '';
    const events = await drain(await handler.resubscribe({ id }, 3, signal));
    expect(events).toHaveLength(1);
    expect(events[0]!.event).toMatchObject({ kind: 'task', metadata: { 'a2a-mesh/truncated': true } });
  });

  it('caps the history a stream snapshot carries; tasks/get keeps all of it', async () => {
    const handler = setup({
      async execute(_context, publisher) {
        for (let n = 0; n < 150; n += 1) await publisher.status('working', `step ${n}`);
      },
    });
    const task = await handler.sendMessage(userMessage('go'), signal);
    const id = task.kind === 'task' ? task.id : '';
    const [snapshot] = await drain(await handler.resubscribe({ id }, undefined, signal));
    expect(snapshot?.event.kind === 'task' && snapshot.event.history).toHaveLength(100);
    expect((await handler.getTask({ id })).history).toHaveLength(151);
  });

  it('applies historyLength to get and send', async () => {
    const handler = setup({
      async execute(_context, publisher) {
        for (let n = 0; n < 4; n += 1) await publisher.status('working', `step ${n}`);
      },
    });
    const task = await handler.sendMessage({ ...userMessage('go'), configuration: { historyLength: 2 } }, signal);
    expect(task.kind === 'task' && task.history).toHaveLength(2);
    const id = task.kind === 'task' ? task.id : '';
    expect((await handler.getTask({ id })).history).toHaveLength(5);
    expect((await handler.getTask({ id, historyLength: 0 })).history).toHaveLength(0);
    expect((await handler.getTask({ id, historyLength: 1 })).history).toHaveLength(1);
  });

  it('keeps running a task whose streaming client went away', async () => {
    const { executor, release } = gated();
    const handler = setup(executor);
    const controller = new AbortController();
    const stream = await handler.streamMessage(userMessage('go'), controller.signal);
    let id = '';
    for await (const batch of stream) {
      id = batch[0]!.event.kind === 'task' ? batch[0]!.event.id : id;
      break;
    }
    controller.abort();
    release();
    await expect.poll(async () => (await handler.getTask({ id })).status.state).toBe('completed');
  });

  it('fails tasks still running at the shutdown deadline, saying why', async () => {
    const { executor } = gated();
    const handler = setup(executor);
    const task = await handler.sendMessage({ ...userMessage('go'), configuration: { blocking: false } }, signal);
    await handler.shutdown(10);
    const after = await handler.getTask({ id: task.kind === 'task' ? task.id : '' });
    expect(after.status.state).toBe('failed');
    expect(JSON.stringify(after.status)).toContain('shut down');
  });
});
