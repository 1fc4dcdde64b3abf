import { afterEach, describe, expect, it } from 'vitest';
import type { AgentExecutor } from './agent-executor.ts';
import { createAgentServer } from './agent-server.ts';
import type { AgentServer, AgentServerOptions } from './agent-server.ts';

const card: AgentServerOptions['card'] = {
  name: 'observed agent',
  description: 'is watched',
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'x', name: 'X', description: 'x', tags: ['x'] }],
};

const servers: AgentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(executor: AgentExecutor, options: Partial<AgentServerOptions> = {}): Promise<string> {
  const server = createAgentServer({ card, executor, ...options });
  servers.push(server);
  return server.listen();
}

const stream = (url: string, headers: Record<string, string> = {}, params?: unknown) =>
  fetch(`${url}/a2a`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: params ? 'tasks/resubscribe' : 'message/stream',
      params: params ?? {
        message: {
          kind: 'message',
          messageId: crypto.randomUUID(),
          role: 'user',
          parts: [{ kind: 'text', text: 'hi' }],
        },
      },
    }),
  });

describe('health, readiness, metrics and trace ids', () => {
  it('answers liveness and readiness, and says why it is not ready', async () => {
    let reason: true | string = true;
    const url = await start({ execute: async () => {} }, { ready: async () => reason });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    reason = 'the index is still loading';
    const notReady = await fetch(`${url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({ status: 'not ready', reason: 'the index is still loading' });
  });

  it('counts events, streams, resumes, finished tasks and step durations', async () => {
    const url = await start({
      async execute(_context, publisher) {
        await publisher.status('working', 'step', { metadata: { node: 'search', phase: 'end', durationMs: 12 } });
      },
    });
    const text = await (await stream(url)).text();
    const taskId = /"kind":"task","id":"([^"]+)"/.exec(text)![1]!;
    await (await stream(url, { 'last-event-id': '1' }, { id: taskId })).text();
    await expect.poll(async () => (await fetch(`${url}/metrics`)).text()).toContain('a2a_open_streams 0');
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/a2a_events_logged_total\{kind="status-update"\} 2/);
    expect(metrics).toMatch(/a2a_tasks_ended_total\{agent="observed agent",state="completed"\} 1/);
    expect(metrics).toMatch(/a2a_events_sent_total 5/);
    expect(metrics).toMatch(/a2a_resumes_total 1/);
    expect(metrics).toMatch(/a2a_replayed_events_total 2/);
    expect(metrics).toMatch(/a2a_step_duration_seconds_count\{agent="observed agent",step="search"\} 1/);
    expect(metrics).toMatch(/a2a_task_duration_seconds_count\{agent="observed agent",state="completed"\} 1/);
    expect(metrics).toContain('process_cpu_seconds_total');
  });

  it('carries the caller trace id into the run, and makes one up when there is none', async () => {
    const seen: Array<string | undefined> = [];
    const url = await start({
      async execute(context) {
        seen.push(context.traceId);
      },
    });
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const traced = await stream(url, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(traced.headers.get('x-trace-id')).toBe(traceId);
    await traced.text();
    const untraced = await stream(url, { traceparent: 'garbage' });
    await untraced.text();
    expect(seen[0]).toBe(traceId);
    expect(seen[1]).toMatch(/^[\da-f]{32}$/);
    expect(seen[1]).not.toBe(traceId);
    expect(untraced.headers.get('x-trace-id')).toBe(seen[1]);
  });
});
