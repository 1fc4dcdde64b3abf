import { afterEach, describe, expect, it } from 'vitest';
import { createEchoExecutor } from '@a2a-mesh/example-agent';
import type { StreamEvent, Task } from '@a2a-mesh/protocol';
import { countingExecutor } from '../support/agents.ts';
import { GatewayHarness, call } from './support-gateway.ts';
import type { ErrorBody } from './support-gateway.ts';
import { openSse, range } from './support-gateway-sse.ts';
import type { SseFrame } from './support-gateway-sse.ts';

const harness = new GatewayHarness();
afterEach(() => harness.closeAll());

async function collect(frames: AsyncIterable<SseFrame>): Promise<SseFrame[]> {
  const all: SseFrame[] = [];
  for await (const frame of frames) all.push(frame);
  return all;
}

const eventsOf = (frames: SseFrame[]): SseFrame[] => frames.filter((frame) => frame.data !== undefined);

async function startTask(url: string, text: string): Promise<Task> {
  const created = await call<{ task: Task }>(`${url}/api/tasks`, { body: { text } });
  expect(created.status).toBe(201);
  return created.body.task;
}

describe('gateway SSE format', () => {
  it('streams a task for EventSource: headers, retry hint, id/event/data per event, closed after the final one', async () => {
    const agent = await harness.agent(createEchoExecutor({ stepDelayMs: 1 }));
    const { url } = await harness.gateway(agent.url, { sse: { retryMs: 1500 } });
    const task = await startTask(url, 'hello gateway stream');

    const response = await openSse(`${url}/api/tasks/${task.id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('x-trace-id')).toMatch(/^[\da-f]{32}$/);
    const frames = await collect(response.frames); // ends: the gateway closed after the final event

    expect(frames[0]?.retry).toBe(1500);
    const events = eventsOf(frames);
    expect(events.map((frame) => Number(frame.id))).toEqual(range(1, events.length));
    const parsed = events.map((frame) => JSON.parse(frame.data!) as StreamEvent);
    // The event line names the A2A kind, and the data is the event itself, not a JSON-RPC envelope.
    expect(events.map((frame) => frame.event)).toEqual(parsed.map((event) => event.kind));
    expect(parsed[0]).toMatchObject({ kind: 'task', id: task.id });
    expect(parsed.map((event) => event.kind)).toEqual([
      'task',
      'status-update',
      'status-update',
      'status-update',
      'artifact-update',
      'artifact-update',
      'artifact-update',
      'status-update',
    ]);
    expect(parsed.at(-1)).toMatchObject({ kind: 'status-update', final: true, status: { state: 'completed' } });
    for (const frame of events) expect(frame.data).not.toContain('\n');
  });

  it('sends comment heartbeats while the task is quiet', async () => {
    const counting = countingExecutor(2, [1]);
    const agent = await harness.agent(counting.executor);
    const { url } = await harness.gateway(agent.url, { sse: { heartbeatMs: 10 } });
    const task = await startTask(url, 'count');
    const response = await openSse(`${url}/api/tasks/${task.id}/events`);
    const seen: SseFrame[] = [];
    for await (const frame of response.frames) {
      seen.push(frame);
      // Update 1 is event 2; the agent then waits: only heartbeats can come until it resumes.
      const quietSince = seen.findIndex((candidate) => candidate.id === '2');
      if (quietSince >= 0 && frame.data === undefined && frame.comments.length > 0) counting.resume(1);
    }
    const heartbeats = seen.filter((frame) => frame.data === undefined && frame.comments.length > 0);
    expect(heartbeats.length).toBeGreaterThan(0);
    expect(eventsOf(seen).map((frame) => frame.id)).toEqual(['1', '2', '3', '4']);
  });

  it('answers 204 to a cursor at or past the final event, so an EventSource stops reconnecting', async () => {
    const agent = await harness.agent(createEchoExecutor({ stepDelayMs: 1 }));
    const { url } = await harness.gateway(agent.url);
    const task = await startTask(url, 'two words');
    const all = eventsOf(await collect((await openSse(`${url}/api/tasks/${task.id}/events`)).frames));
    const last = Number(all.at(-1)!.id);

    for (const headers of [{ 'last-event-id': String(last) }, { 'last-event-id': String(last + 5) }]) {
      const again = await openSse(`${url}/api/tasks/${task.id}/events`, { headers });
      expect(again.status).toBe(204);
    }
    expect((await openSse(`${url}/api/tasks/${task.id}/events?after=${last}`)).status).toBe(204);

    // One short of the end: exactly the final event, then the stream closes.
    const tail = eventsOf(
      await collect((await openSse(`${url}/api/tasks/${task.id}/events?after=${last - 1}`)).frames),
    );
    expect(tail.map((frame) => Number(frame.id))).toEqual([last]);
  });

  it('ends a waiting (input-required) task stream and answers 204 there until the task is answered', async () => {
    const agent = await harness.agent(createEchoExecutor({ stepDelayMs: 1 }));
    const { url } = await harness.gateway(agent.url);
    const task = await startTask(url, '   '); // the echo agent asks for text
    const first = eventsOf(await collect((await openSse(`${url}/api/tasks/${task.id}/events`)).frames));
    const question = JSON.parse(first.at(-1)!.data!) as StreamEvent;
    expect(question).toMatchObject({ kind: 'status-update', final: true, status: { state: 'input-required' } });
    const cursor = first.at(-1)!.id!;
    expect((await openSse(`${url}/api/tasks/${task.id}/events`, { headers: { 'last-event-id': cursor } })).status).toBe(
      204,
    );

    const reply = await call<{ task: Task }>(`${url}/api/tasks/${task.id}/messages`, { body: { text: 'now echo' } });
    expect(reply.status).toBe(202);
    const rest = eventsOf(await collect((await openSse(`${url}/api/tasks/${task.id}/events?after=${cursor}`)).frames));
    expect(Number(rest[0]!.id)).toBe(Number(cursor) + 1);
    expect(JSON.parse(rest.at(-1)!.data!)).toMatchObject({ status: { state: 'completed' }, final: true });
  });

  it('streams a message over one POST for fetch() clients, and answers a waiting task the same way', async () => {
    const agent = await harness.agent(createEchoExecutor({ stepDelayMs: 1 }));
    const { url } = await harness.gateway(agent.url);
    const asked = await openSse(`${url}/api/stream`, { body: { text: ' ' } });
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const question = eventsOf(await collect(asked.frames));
    const taskId = (JSON.parse(question[0]!.data!) as Task).id;
    expect(question.at(-1)!.event).toBe('status-update');
    expect(JSON.parse(question.at(-1)!.data!)).toMatchObject({ status: { state: 'input-required' } });

    const answered = eventsOf(
      await collect((await openSse(`${url}/api/stream`, { body: { text: 'hi', taskId } })).frames),
    );
    // Continuing starts with the task snapshot (its id is where the log stood), then the new run.
    expect(answered[0]).toMatchObject({ event: 'task', id: question.at(-1)!.id });
    expect(answered.slice(1).map((frame) => Number(frame.id))).toEqual(
      range(Number(question.at(-1)!.id) + 1, Number(answered.at(-1)!.id)),
    );
    expect(JSON.parse(answered.at(-1)!.data!)).toMatchObject({ status: { state: 'completed' }, final: true });

    const again = await call<ErrorBody>(`${url}/api/stream`, { body: { text: 'more', taskId } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'unsupported-operation' });
    expect(again.body.error.message).toContain('completed');
    const unknown = await call<ErrorBody>(`${url}/api/stream`, { body: { text: 'x', taskId: 'no-such-task' } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('task-not-found');
    const invalid = await call<ErrorBody>(`${url}/api/stream`, { body: { text: 42 } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^body\.text: /);
  });

  it('answers errors before the stream as JSON: unknown task 404, a bad cursor 400 naming its field', async () => {
    const counting = countingExecutor(3, [1]);
    const agent = await harness.agent(counting.executor);
    const { url } = await harness.gateway(agent.url);
    const unknown = await call<ErrorBody>(`${url}/api/tasks/no-such-task/events`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'task-not-found', message: 'Task not found: no-such-task' });

    const task = await startTask(url, 'count');
    await counting.reached(1);
    const header = await call<ErrorBody>(`${url}/api/tasks/${task.id}/events`, { headers: { 'last-event-id': 'abc' } });
    expect(header.status).toBe(400);
    expect(header.body.error.code).toBe('invalid-cursor');
    expect(header.body.error.message).toMatch(/^the Last-Event-ID header: expected a non-negative integer/);
    const query = await call<ErrorBody>(`${url}/api/tasks/${task.id}/events?after=-1`);
    expect(query.status).toBe(400);
    expect(query.body.error.message).toMatch(/^query\.after: expected a non-negative integer/);
    // A live task whose log is shorter than the cursor: the cursor belongs to something else.
    const ahead = await call<ErrorBody>(`${url}/api/tasks/${task.id}/events`, { headers: { 'last-event-id': '99' } });
    expect(ahead.status).toBe(400);
    expect(ahead.body.error.message).toBe(
      `the Last-Event-ID header: event 99 is ahead of task ${task.id}, whose last event is 2`,
    );
    counting.resume(1);
  });
});
