import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEchoExecutor } from '@a2a-mesh/example-agent';
import type { Task } from '@a2a-mesh/protocol';
import type { Logger } from '@a2a-mesh/server';
import { countingExecutor, testCard } from '../support/agents.ts';
import { GatewayHarness, call } from './support-gateway.ts';
import type { ErrorBody } from './support-gateway.ts';
import { openSse } from './support-gateway-sse.ts';

const harness = new GatewayHarness();
afterEach(() => harness.closeAll());

type TaskBody = { task: Task };
const echo = (options: Parameters<GatewayHarness['agent']>[1] = {}) =>
  harness.agent(createEchoExecutor({ stepDelayMs: 1 }), options);

async function finished(url: string, taskId: string): Promise<void> {
  for await (const frame of (await openSse(`${url}/api/tasks/${taskId}/events`)).frames) void frame;
}

/** Keeps every log line, with the bindings of child loggers. */
function recordingLogger(lines: Array<Record<string, unknown>>, bindings: Record<string, unknown> = {}): Logger {
  const write = (fields: Record<string, unknown>, message: string) =>
    lines.push({ ...bindings, ...fields, msg: message });
  return {
    debug: write,
    info: write,
    warn: write,
    error: write,
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

describe('gateway API', () => {
  it('starts a task, reads it, and forwards the caller trace to the orchestrator', async () => {
    const agentLines: Array<Record<string, unknown>> = [];
    const agent = await echo({ logger: recordingLogger(agentLines) });
    const { url } = await harness.gateway(agent.url);
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const created = await call<TaskBody>(`${url}/api/tasks`, {
      body: { text: 'hello gateway', contextId: 'conversation-1' },
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-trace-id')).toBe(traceId);
    const task = created.body.task;
    expect(task).toMatchObject({ kind: 'task', contextId: 'conversation-1' });
    expect(['submitted', 'working']).toContain(task.status.state); // non-blocking: it answers at once
    expect(created.headers.get('location')).toBe(`/api/tasks/${task.id}`);
    // The orchestrator logged the task's run under the caller's trace id.
    expect(agentLines.some((line) => line.taskId === task.id && line.traceId === traceId)).toBe(true);

    await finished(url, task.id);
    const read = await call<TaskBody>(`${url}/api/tasks/${task.id}?historyLength=1`);
    expect(read.status).toBe(200);
    expect(read.body.task.status.state).toBe('completed');
    expect(read.body.task.history).toHaveLength(1);
    expect(read.headers.get('x-trace-id')).toMatch(/^[\da-f]{32}$/);

    const badQuery = await call<ErrorBody>(`${url}/api/tasks/${task.id}?historyLength=many`);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error).toEqual({
      code: 'invalid-request',
      message: 'query.historyLength: expected a non-negative integer',
    });
    const unknown = await call<ErrorBody>(`${url}/api/tasks/no-such-task`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'task-not-found', message: 'Task not found: no-such-task' });
  });

  it('validates bodies, naming the field and what was expected', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url, { bodyLimitBytes: 256 * 1024 });
    const cases: Array<[unknown, RegExp]> = [
      [{}, /^body\.text: expected a string of 1 to 100000 characters/],
      [{ text: '' }, /^body\.text: expected 1 to 100000 characters, received an empty string$/],
      [{ text: 'x'.repeat(100_001) }, /^body\.text: expected at most 100000 characters, received 100001$/],
      [{ text: 'hi', contextId: 7 }, /^body\.contextId: expected a non-empty string$/],
      [[1, 2], /^body: expected object/],
    ];
    for (const [body, message] of cases) {
      const answer = await call<ErrorBody>(`${url}/api/tasks`, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('invalid-request');
      expect(answer.body.error.message).toMatch(message);
    }
    const empty = await call<ErrorBody>(`${url}/api/tasks`, { method: 'POST' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/^body: expected object, received undefined/);
    const malformed = await call<ErrorBody>(`${url}/api/tasks`, {
      rawBody: '{"text": "unterminated',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid-json');
    expect((await call(`${url}/api/tasks`, { body: { text: 'x'.repeat(100_000) } })).status).toBe(201);
  });

  it('answers 413 for a body over the limit and 415 for a body that is not JSON, as JSON', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url);
    const large = await call<ErrorBody>(`${url}/api/tasks`, { body: { text: 'x'.repeat(70 * 1024) } });
    expect(large.status).toBe(413);
    expect(large.headers.get('content-type')).toMatch(/^application\/json/);
    expect(large.body.error).toEqual({
      code: 'body-too-large',
      message: 'The request body exceeds the limit of 65536 bytes',
    });
    const form = await call<ErrorBody>(`${url}/api/tasks`, {
      rawBody: 'text=hello',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe('unsupported-media-type');
    expect(form.body.error.message).toContain('application/x-www-form-urlencoded');
  });

  it('answers a task waiting for input (202), and 409 once the task cannot take a message', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url);
    const created = await call<TaskBody>(`${url}/api/tasks`, { body: { text: '  ' } });
    const taskId = created.body.task.id;
    await finished(url, taskId);
    expect((await call<TaskBody>(`${url}/api/tasks/${taskId}`)).body.task.status.state).toBe('input-required');

    const reply = await call<TaskBody>(`${url}/api/tasks/${taskId}/messages`, { body: { text: 'echo this' } });
    expect(reply.status).toBe(202);
    expect(reply.body.task.id).toBe(taskId);
    await expect
      .poll(async () => (await call<TaskBody>(`${url}/api/tasks/${taskId}`)).body.task.status.state)
      .toBe('completed');

    const late = await call<ErrorBody>(`${url}/api/tasks/${taskId}/messages`, { body: { text: 'more' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('unsupported-operation');
    expect(late.body.error.message).toContain('already completed');
    const unknown = await call<ErrorBody>(`${url}/api/tasks/no-such-task/messages`, { body: { text: 'hi' } });
    expect(unknown.status).toBe(404);
    const invalid = await call<ErrorBody>(`${url}/api/tasks/${taskId}/messages`, { body: { words: 'hi' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toMatch(/^body\.text: /);
  });

  it('cancels a running task (and only on request: 409 once it has ended, 404 when unknown)', async () => {
    const counting = countingExecutor(5, [2]);
    const agent = await harness.agent(counting.executor);
    const { url } = await harness.gateway(agent.url);
    const created = await call<TaskBody>(`${url}/api/tasks`, { body: { text: 'count' } });
    const taskId = created.body.task.id;
    await counting.reached(2);

    const canceled = await call<TaskBody>(`${url}/api/tasks/${taskId}/cancel`, { method: 'POST' });
    expect(canceled.status).toBe(200);
    expect(canceled.body.task.status.state).toBe('canceled');
    expect(counting.wasAborted()).toBe(true);
    const again = await call<ErrorBody>(`${url}/api/tasks/${taskId}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'task-not-cancelable' });
    expect((await call(`${url}/api/tasks/no-such-task/cancel`, { method: 'POST' })).status).toBe(404);
  });

  it('lists the orchestrator and its agents; tolerates an orchestrator without GET /agents', async () => {
    const plain = await echo();
    const withoutList = await harness.gateway(plain.url);
    const listed = await call(`${withoutList.url}/api/agents`);
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      orchestrator: { url: plain.url, healthy: true, card: { name: testCard.name } },
      agents: [],
    });

    const agents = [
      { key: 'calculator', url: 'http://127.0.0.1:9102', healthy: true },
      { key: 'writer', url: 'http://127.0.0.1:9103', healthy: false, problem: 'connection refused' },
      { key: 'odd', url: 'http://127.0.0.1:9104', healthy: true, card: { name: 'no other fields' } },
    ];
    const orchestrator = await echo({
      routes: (app) => app.get('/agents', (_request, response) => response.json({ agents })),
    });
    const { url } = await harness.gateway(orchestrator.url);
    const answer = await call<{ agents: Array<Record<string, unknown>> }>(`${url}/api/agents`);
    expect(answer.status).toBe(200);
    expect(answer.body.agents.slice(0, 2)).toEqual(agents.slice(0, 2));
    // One agent's broken card does not hide the others: it is listed without it, with the reason.
    expect(answer.body.agents[2]).toMatchObject({
      key: 'odd',
      healthy: false,
      problem: expect.stringMatching(/^its card is invalid: /),
    });
    expect(answer.body.agents[2]).not.toHaveProperty('card');
  });

  it('answers 502 for an orchestrator that lists agents wrongly, and for one that cannot be reached', async () => {
    const broken = await echo({
      routes: (app) => app.get('/agents', (_request, response) => response.json({ agents: [{ key: 3 }] })),
    });
    const { url } = await harness.gateway(broken.url);
    const invalid = await call<ErrorBody>(`${url}/api/agents`);
    expect(invalid.status).toBe(502);
    expect(invalid.body.error.code).toBe('invalid-upstream-answer');
    expect(invalid.body.error.message).toMatch(/agents\[0\]\.key: expected string/);

    const gone = await echo();
    await gone.server.close();
    const orphan = await harness.gateway(gone.url, { upstream: { retry: { attempts: 1, initialDelay: 1 } } });
    const send = await call<ErrorBody>(`${orphan.url}/api/tasks`, { body: { text: 'hi' } });
    expect(send.status).toBe(502);
    expect(send.body.error.code).toBe('orchestrator-unreachable');
    const events = await call<ErrorBody>(`${orphan.url}/api/tasks/some-task/events`);
    expect(events.status).toBe(502);
    const agents = await call(`${orphan.url}/api/agents`);
    expect(agents.status).toBe(200);
    expect(agents.body).toMatchObject({ orchestrator: { healthy: false, problem: expect.any(String) }, agents: [] });
    const ready = await call<ErrorBody>(`${orphan.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.body.error.code).toBe('not-ready');
    expect((await call(`${orphan.url}/healthz`)).status).toBe(200);
  });

  it('serves health, readiness, metrics, the OpenAPI document and a JSON 404', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url);
    expect((await call(`${url}/healthz`)).body).toEqual({ status: 'ok' });
    expect(await call(`${url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready' } });

    const created = await call<TaskBody>(`${url}/api/tasks`, { body: { text: 'count me' } });
    await finished(url, created.body.task.id);
    const after = `${url}/api/tasks/${created.body.task.id}/events?after=2`;
    for await (const frame of (await openSse(after)).frames) void frame;
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toMatch(/^gateway_events_relayed_total\{kind="status-update"\} [1-9]/m);
    expect(metrics).toMatch(/^gateway_open_streams 0$/m);
    expect(metrics).toMatch(/^gateway_resumes_total 1$/m);
    expect(metrics).toMatch(/^gateway_replayed_events_total [1-9]/m);
    expect(metrics).toMatch(/^gateway_http_requests_total\{method="POST",route="\/api\/tasks",status="201"\} 1$/m);
    expect(metrics).toMatch(/route="\/api\/tasks\/:taskId\/events",status="200"/);

    const document = await call<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>(`${url}/api/openapi.json`);
    expect(document.body.openapi).toBe('3.1.0');
    expect(Object.keys(document.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/tasks',
        '/api/tasks/{taskId}',
        '/api/tasks/{taskId}/messages',
        '/api/tasks/{taskId}/cancel',
        '/api/tasks/{taskId}/events',
        '/api/stream',
        '/api/agents',
        '/healthz',
        '/readyz',
        '/metrics',
      ]),
    );
    expect(document.body.components.schemas.CreateTaskBody?.properties?.text).toMatchObject({
      minLength: 1,
      maxLength: 100000,
    });

    const missing = await call<ErrorBody>(`${url}/api/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'not-found', message: 'No route for GET /api/nowhere' });
  });

  it('serves the web UI folder at /', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'gateway-ui-'));
    try {
      await writeFile(path.join(folder, 'index.html'), '<!doctype html><title>mesh</title>');
      await writeFile(path.join(folder, 'app.js'), 'export const ready = true;');
      const agent = await echo();
      const { url } = await harness.gateway(agent.url, { publicDir: folder });
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await page.text()).toContain('<title>mesh</title>');
      const script = await fetch(`${url}/app.js`);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`${url}/missing.js`)).status).toBe(404);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
