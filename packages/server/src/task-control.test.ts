import { describe, expect, it } from 'vitest';
import type { AgentCard, MessageSendParams, StreamEvent, Task } from '@a2a-mesh/protocol';
import type { AgentExecutor } from './agent-executor.ts';
import { InMemoryTaskStore } from './in-memory-task-store.ts';
import { silentLogger } from './logger.ts';
import { DefaultRequestHandler } from './request-handler.ts';
import type { EntryStream } from './request-handler.ts';
import { InProcessTaskControl } from './task-control.ts';
import type { ReleaseClaim, TaskControl } from './task-control.ts';
import type { TaskStore } from './task-store.ts';

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

/** A replica: its own handler (and runs) on the shared store, reached through `control`. */
function replica(executor: AgentExecutor, store: TaskStore, control: TaskControl, cancelWaitMs = 5_000) {
  return new DefaultRequestHandler({ card: () => card, executor, store, control, logger: silentLogger, cancelWaitMs });
}

const send = (text: string): MessageSendParams => ({
  message: { kind: 'message', messageId: crypto.randomUUID(), role: 'user', parts: [{ kind: 'text', text }] },
  configuration: { blocking: false },
});

/** An executor that reports working, then waits until it is aborted. */
function untilAborted() {
  let aborted = false;
  const executor: AgentExecutor = {
    async execute(_context, publisher, signal) {
      await publisher.status('working', 'started');
      await new Promise<void>((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          aborted = true;
          reject(signal.reason);
        });
      });
    },
  };
  return { executor, wasAborted: () => aborted };
}

/** The events of a stream, up to its final one. */
async function drain(stream: EntryStream): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const batch of stream) {
    for (const entry of batch) {
      events.push(entry.event);
      if (entry.final) return events;
    }
  }
  return events;
}

const stateOf = (event: StreamEvent | undefined): string | undefined =>
  event?.kind === 'status-update' ? event.status.state : event?.kind === 'task' ? event.status.state : undefined;

async function startedTask(handler: DefaultRequestHandler, store: TaskStore): Promise<Task> {
  const task = (await handler.sendMessage(send('go'), new AbortController().signal)) as Task;
  await expect.poll(async () => (await store.get(task.id))?.task.status.state).toBe('working');
  return task;
}

/** A control that records claims, and whose owners are gone as soon as anyone looks. */
class RecordingControl extends InProcessTaskControl {
  readonly events: string[] = [];
  constructor(private readonly ownersGone = false) {
    super();
  }
  override async claim(taskId: string): Promise<ReleaseClaim> {
    this.events.push(`claim ${taskId}`);
    return () => this.events.push(`release ${taskId}`);
  }
  override ownerGone(taskId: string, signal: AbortSignal): Promise<boolean> {
    return this.ownersGone ? Promise.resolve(true) : super.ownerGone(taskId, signal);
  }
}

describe('DefaultRequestHandler with replicas (TaskControl)', () => {
  it('routes a cancel received by another replica to the run, which logs canceled and aborts its agent', async () => {
    const store = new InMemoryTaskStore();
    const control = new InProcessTaskControl();
    const running = untilAborted();
    const [a, b] = [replica(running.executor, store, control), replica(untilAborted().executor, store, control)];
    const task = await startedTask(a, store);
    const canceled = await b.cancelTask({ id: task.id });
    expect(canceled.status.state).toBe('canceled');
    expect(running.wasAborted()).toBe(true);
    expect(a.activeRuns).toBe(0);
    const log = await drain(store.read(task.id, 0, new AbortController().signal));
    expect(log.map(stateOf)).toEqual(['submitted', 'working', 'canceled']);
  });

  it('logs the cancel itself when the replica running the task never answers', async () => {
    const store = new InMemoryTaskStore();
    const running = untilAborted();
    // Two controls that do not reach each other: the cancel request is lost.
    const a = replica(running.executor, store, new InProcessTaskControl());
    const b = replica(untilAborted().executor, store, new InProcessTaskControl(), 50);
    const task = await startedTask(a, store);
    expect((await b.cancelTask({ id: task.id })).status.state).toBe('canceled');
    expect(running.wasAborted()).toBe(false);
    const record = await store.get(task.id);
    expect(record?.seq).toBe(3);
    await a.shutdown(0);
  });

  it('ends failed a task followed on a replica once the process running it is gone, and the stream with it', async () => {
    const store = new InMemoryTaskStore();
    const running = untilAborted();
    const a = replica(running.executor, store, new InProcessTaskControl());
    const b = replica(untilAborted().executor, store, new RecordingControl(true));
    const task = await startedTask(a, store);
    const events = await drain(await b.resubscribe({ id: task.id }, 1, new AbortController().signal));
    expect(events.map(stateOf)).toEqual(['working', 'failed']);
    const failed = events.at(-1)!;
    expect(failed.kind === 'status-update' && failed.final).toBe(true);
    expect(JSON.stringify(failed)).toContain('its agent process stopped');
    await a.shutdown(0);
  });

  it('claims a task before it exists and releases it when its run ends', async () => {
    const store = new InMemoryTaskStore();
    const control = new RecordingControl();
    const handler = replica({ async execute() {} }, store, control);
    const task = (await handler.sendMessage(
      { ...send('go'), configuration: {} },
      new AbortController().signal,
    )) as Task;
    expect(task.status.state).toBe('completed');
    await expect.poll(() => control.events).toEqual([`claim ${task.id}`, `release ${task.id}`]);
  });

  it('releases the claim when the store refuses the task', async () => {
    const store = new InMemoryTaskStore();
    const control = new RecordingControl();
    store.create = () => Promise.reject(new Error('store down'));
    const handler = replica({ async execute() {} }, store, control);
    await expect(handler.sendMessage(send('go'), new AbortController().signal)).rejects.toThrow('store down');
    expect(control.events.map((event) => event.split(' ')[0])).toEqual(['claim', 'release']);
  });
});
