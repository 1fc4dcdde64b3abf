/**
 * A TypeScript mirror of the A2A TCK (a2aproject/a2a-tck, branch 0.3.x) black-box checks that
 * apply to a JSON-RPC agent with streaming, run against our echo agent. Like the TCK it speaks
 * plain HTTP (`fetch`), finds the card at the origin's well-known path and the endpoint in the
 * card's `url`. Each test names the TCK file and test it mirrors (see
 * shared/reference/a2a-protocol.md §4.4); where our agent needs a different setup than the TCK's
 * SUT contract, the test says why.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentCardInput, AgentServer } from '@a2a-mesh/server';
import { createEchoExecutor, echoCard } from '@a2a-mesh/example-agent';
import { readSse } from './support/read-sse.ts';

// The payloads are the TCK's raw JSON; asserting on their shape is what each test does.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const servers: AgentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Starts the SUT and discovers it as the TCK does: card at the origin, endpoint from `url`. */
async function startSut(card: AgentCardInput = echoCard): Promise<{ origin: string; endpoint: string; card: Json }> {
  const server = createAgentServer({ card, executor: createEchoExecutor({ stepDelayMs: 5 }) });
  servers.push(server);
  const origin = new URL(await server.listen()).origin;
  const response = await fetch(`${origin}/.well-known/agent-card.json`);
  expect(response.status).toBe(200);
  const served = (await response.json()) as Json;
  return { origin, endpoint: served.url as string, card: served };
}

/** One JSON-RPC POST; the body is sent as given when it is a string (for malformed JSON). */
async function post(endpoint: string, body: unknown): Promise<{ status: number; json: Json }> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as Json) : undefined };
}

function request(method: string, params: unknown, id: string | number = randomUUID()): Json {
  return { jsonrpc: '2.0', id, method, params };
}

function textMessage(text: string, extra: Record<string, unknown> = {}): Json {
  return { kind: 'message', messageId: randomUUID(), role: 'user', parts: [{ kind: 'text', text }], ...extra };
}

/** A streaming call with `Accept: text/event-stream`, as the TCK's SSE client sends it. */
function openStream(endpoint: string, method: string, params: unknown, id: string | number = randomUUID()) {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify(request(method, params, id)),
  });
}

/** The first JSON-RPC response a streaming call answered with: plain JSON, or its first SSE frame. */
async function firstAnswer(response: Response): Promise<Json> {
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    const [first] = await readSse(response, 1);
    return JSON.parse(first?.data ?? 'null');
  }
  return response.json();
}

function expectKeywords(message: string, keywords: string[]): void {
  for (const keyword of keywords) expect(message.toLowerCase()).toContain(keyword);
}

/** The TCK's stream event checks (test_message_stream_basic, test_sse_event_format_compliance). */
function expectValidStreamEvent(event: Json): void {
  expect(typeof event === 'object' && event !== null && !Array.isArray(event)).toBe(true);
  expect(['task', 'message', 'status-update', 'artifact-update']).toContain(event.kind);
  if (event.kind === 'task') {
    expect(typeof event.id).toBe('string');
    expect(typeof event.status?.state).toBe('string');
  }
  if (event.kind === 'status-update') expect(typeof event.taskId).toBe('string');
  if (event.kind === 'artifact-update') {
    expect(typeof event.taskId).toBe('string');
    expect(event.artifact).toBeTypeOf('object');
  }
  if (event.kind === 'message') {
    expect(event.role).toBeDefined();
    expect(event.parts).toBeDefined();
  }
}

/** A task the echo agent leaves in `input-required` (it asks for text when given none). */
async function inputRequiredTask(endpoint: string): Promise<Json> {
  const { json } = await post(endpoint, request('message/send', { message: textMessage('') }));
  expect(json.result).toMatchObject({ kind: 'task', status: { state: 'input-required' } });
  return json.result;
}

describe('tests/mandatory/protocol/test_agent_card_mandatory.py', () => {
  it('test_agent_card_mandatory_fields: every 0.3.0 required field is present and non-null', async () => {
    const { card } = await startSut();
    const required = [
      'capabilities',
      'defaultInputModes',
      'defaultOutputModes',
      'description',
      'name',
      'protocolVersion',
      'skills',
      'url',
      'version',
    ];
    for (const field of required) expect(card[field], field).not.toBeNull();
    for (const field of required) expect(card[field], field).toBeDefined();
    expect(card.url).toMatch(/^https?:\/\//);
    expect(card.protocolVersion).toBe('0.3.0');
  });

  it('test_agent_card_capabilities_mandatory: capabilities is an object', async () => {
    const { card } = await startSut();
    expect(card.capabilities).toBeTypeOf('object');
    expect(Array.isArray(card.capabilities)).toBe(false);
  });

  it('test_agent_card_skills_mandatory: a non-empty skills array, each with id, name, description, tags', async () => {
    const { card } = await startSut();
    expect(card.skills.length).toBeGreaterThan(0);
    for (const skill of card.skills) {
      for (const field of ['id', 'name', 'description', 'tags']) expect(skill[field], field).toBeDefined();
    }
  });

  it('test_agent_card_input_output_modes_mandatory: modes are arrays of non-empty strings', async () => {
    const { card } = await startSut();
    for (const modes of [card.defaultInputModes, card.defaultOutputModes]) {
      expect(Array.isArray(modes)).toBe(true);
      for (const mode of modes) expect(typeof mode === 'string' && mode.trim() !== '').toBe(true);
    }
  });

  it('test_agent_card_basic_info_mandatory: name, description and version are non-empty strings', async () => {
    const { card } = await startSut();
    for (const field of ['name', 'description', 'version']) {
      expect(typeof card[field] === 'string' && card[field].trim() !== '', field).toBe(true);
    }
  });
});

describe('tests/mandatory/jsonrpc/test_json_rpc_compliance.py', () => {
  it('test_rejects_malformed_json: a truncated body answers -32700', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, '{"jsonrpc": "2.0", "method": "message/send", "params": {"foo": "bar"');
    expect(json.error.code).toBe(-32700);
  });

  it.each([
    ['jsonrpc "aaa"', { jsonrpc: 'aaa', id: '1', method: 'message/send', params: {} }, -32600],
    ['missing method', { jsonrpc: '2.0', id: '2', params: {} }, -32600],
    ['method "message/ssend"', { jsonrpc: '2.0', id: '3', method: 'message/ssend', params: {} }, -32601],
    ['an object as id', { jsonrpc: '2.0', id: { bad: 'type' }, method: 'message/send', params: {} }, -32600],
    [
      'params {"": "not_a_dict"}',
      { jsonrpc: '2.0', id: '5', method: 'message/send', params: { '': 'not_a_dict' } },
      -32602,
    ],
  ])('test_rejects_invalid_json_rpc_requests[%s]: HTTP 200 and the right code', async (_case, body, code) => {
    const { endpoint } = await startSut();
    const { status, json } = await post(endpoint, body);
    expect(status).toBe(200);
    expect(json.error.code).toBe(code);
  });

  it('test_rejects_unknown_method: -32601, echoing the request id', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, request('nonexistent/method', {}, 'unknown-1'));
    expect(json).toMatchObject({ jsonrpc: '2.0', id: 'unknown-1', error: { code: -32601 } });
  });

  it('test_rejects_invalid_params: message.parts "invalid" answers -32602', async () => {
    const { endpoint } = await startSut();
    const message = { kind: 'message', messageId: randomUUID(), role: 'user', parts: 'invalid' };
    const { json } = await post(endpoint, request('message/send', { message }));
    expect(json.error.code).toBe(-32602);
  });
});

describe('tests/mandatory/jsonrpc/test_protocol_violations.py', () => {
  it('test_duplicate_request_ids: both answers carry jsonrpc and the shared id', async () => {
    const { endpoint } = await startSut();
    const answers = await Promise.all(
      [1, 2].map(() => post(endpoint, request('message/send', { message: textMessage('dup') }, 'dup-id'))),
    );
    for (const { json } of answers) expect(json).toMatchObject({ jsonrpc: '2.0', id: 'dup-id' });
  });

  it('test_invalid_jsonrpc_version: jsonrpc "1.0" answers -32600 with the request id', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, { jsonrpc: '1.0', id: 'v1', method: 'message/send', params: {} });
    expect(json).toMatchObject({ id: 'v1', error: { code: -32600 } });
  });

  it('test_missing_method_field: answers -32600 with the request id', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, { jsonrpc: '2.0', id: 'no-method', params: {} });
    expect(json).toMatchObject({ id: 'no-method', error: { code: -32600 } });
  });

  it('test_raw_invalid_json: HTTP 400, or a JSON body with -32700', async () => {
    const { endpoint } = await startSut();
    const { status, json } = await post(endpoint, '{invalid json');
    if (status !== 400) expect(json.error.code).toBe(-32700);
  });
});

describe('tests/mandatory/jsonrpc/test_a2a_error_codes.py', () => {
  it('test_push_notification_not_supported_error_32003: push config set answers -32003 when not declared', async () => {
    const { endpoint, card } = await startSut();
    expect(card.capabilities.pushNotifications).not.toBe(true);
    const task = (await post(endpoint, request('message/send', { message: textMessage('push test') }))).json.result;
    const params = {
      taskId: task.id,
      pushNotificationConfig: { url: 'https://example.com/webhook', token: 'test-token' },
    };
    const { json } = await post(endpoint, request('tasks/pushNotificationConfig/set', params));
    expect(json.error.code).toBe(-32003);
    expectKeywords(json.error.message, ['push', 'notification', 'not', 'supported']);
  });

  // The TCK only reaches this check for an agent that declares no streaming, so the SUT here is
  // the echo agent with `streaming: false` on its card. -32601 is the other answer the TCK takes.
  it('test_unsupported_operation_error_32004: message/stream answers -32004 when streaming is not declared', async () => {
    const { endpoint, card } = await startSut({
      ...echoCard,
      capabilities: { ...echoCard.capabilities, streaming: false },
    });
    expect(card.capabilities.streaming).toBe(false);
    const answer = await firstAnswer(await openStream(endpoint, 'message/stream', { message: textMessage('stream?') }));
    const shown = `message/stream with streaming: false answered ${JSON.stringify(answer).slice(0, 160)}`;
    expect(answer.error?.code, shown).toBeOneOf([-32004, -32601]);
    if (answer.error?.code === -32004) expectKeywords(answer.error.message, ['operation', 'not', 'supported']);
  });

  it('test_content_type_not_supported_error_32005: an unsupported file type or output mode answers -32005', async () => {
    const { endpoint } = await startSut();
    const file = {
      kind: 'file',
      file: { name: 'test.unsupported', mimeType: 'application/x-totally-unsupported-format', bytes: 'VGVzdCBkYXRh' },
    };
    const withFile = textMessage('Please process this file');
    withFile.parts.push(file);
    const outputMode = { acceptedOutputModes: ['application/x-completely-unsupported-output-format'] };
    for (const params of [
      { message: withFile },
      { message: textMessage('Generate output in unsupported format'), configuration: outputMode },
    ]) {
      const { json } = await post(endpoint, request('message/send', params));
      expect(json.error.code).toBe(-32005);
      expectKeywords(json.error.message, ['content', 'type', 'incompatible']);
    }
  });
});

describe('tests/mandatory/protocol/test_message_send_method.py', () => {
  it('test_message_send_valid_text: a Task in submitted|working|input-required|completed', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, request('message/send', { message: textMessage('Hello from TCK!') }));
    expect(json.result.kind).toBe('task');
    expect(['submitted', 'working', 'input-required', 'completed']).toContain(json.result.status.state);
  });

  it('test_message_send_invalid_params: {message: {kind: "message"}} answers -32602', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, request('message/send', { message: { kind: 'message' } }));
    expect(json.error.code).toBe(-32602);
  });

  // The TCK continues whatever task its first message made. A task our echo agent completed
  // cannot take another message (-32004, as A2A 1.0 CORE-SEND-002 requires), so, like the a2a-js
  // TCK agent, the first message leaves the task in input-required.
  it('test_message_send_continue_task: a follow-up with taskId continues the same task', async () => {
    const { endpoint } = await startSut();
    const first = await inputRequiredTask(endpoint);
    const followUp = textMessage('Follow-up message for the existing task', { taskId: first.id });
    const { json } = await post(endpoint, request('message/send', { message: followUp }));
    expect(json.result.id).toBe(first.id);
    expect(['submitted', 'working', 'input-required', 'completed']).toContain(json.result.status.state);
  });
});

describe('tests/mandatory/protocol/test_tasks_get_method.py', () => {
  it('test_tasks_get_valid: the same id and a status', async () => {
    const { endpoint } = await startSut();
    const task = (await post(endpoint, request('message/send', { message: textMessage('Task for get test') }))).json
      .result;
    const { json } = await post(endpoint, request('tasks/get', { id: task.id }));
    expect(json.result.id).toBe(task.id);
    expect(json.result.status).toBeDefined();
  });

  it('test_tasks_get_with_history_length: historyLength 1 returns a history', async () => {
    const { endpoint } = await startSut();
    const task = (await post(endpoint, request('message/send', { message: textMessage('Task for get test') }))).json
      .result;
    const { json } = await post(endpoint, request('tasks/get', { id: task.id, historyLength: 1 }));
    expect(json.result.id).toBe(task.id);
    expect(json.result.history).toHaveLength(1);
  });

  it('test_tasks_get_nonexistent: -32001', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, request('tasks/get', { id: 'nonexistent-task-id' }));
    expect(json.error.code).toBe(-32001);
  });
});

describe('tests/mandatory/protocol/test_tasks_cancel_method.py', () => {
  // The TCK cancels the task its message/send made. Blocking send returns our echo agent's task
  // completed, and a completed task is not cancelable (-32002), so the task here is one the agent
  // left in input-required — what the TCK's SUT contract and the a2a-js TCK agent provide.
  it('test_tasks_cancel_valid: the same id, now canceled', async () => {
    const { endpoint } = await startSut();
    const task = await inputRequiredTask(endpoint);
    const { json } = await post(endpoint, request('tasks/cancel', { id: task.id }));
    expect(json.result).toMatchObject({ id: task.id, status: { state: 'canceled' } });
  });

  it('test_tasks_cancel_nonexistent: -32001', async () => {
    const { endpoint } = await startSut();
    const { json } = await post(endpoint, request('tasks/cancel', { id: 'nonexistent-task-id' }));
    expect(json.error.code).toBe(-32001);
  });
});

describe('tests/mandatory/protocol/test_state_transitions.py', () => {
  it('test_task_history_length: after a follow-up, historyLength 2 returns at most 2, fewer than all', async () => {
    const { endpoint } = await startSut();
    const task = await inputRequiredTask(endpoint);
    await post(endpoint, request('message/send', { message: textMessage('now echo this', { taskId: task.id }) }));
    const full = (await post(endpoint, request('tasks/get', { id: task.id }))).json.result;
    const { json } = await post(endpoint, request('tasks/get', { id: task.id, historyLength: 2 }));
    expect(json.result.history.length).toBeLessThanOrEqual(2);
    expect(json.result.history.length).toBeLessThan(full.history.length);
  });
});

describe('tests/optional/capabilities/test_streaming_methods.py', () => {
  it('test_message_stream_basic: 2xx text/event-stream, at least one event, each a valid A2A object', async () => {
    const { endpoint } = await startSut();
    const response = await openStream(endpoint, 'message/stream', { message: textMessage('Stream test message') });
    expect(response.status).toBeGreaterThanOrEqual(200);
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = (await readSse(response, 5)).map((message) => JSON.parse(message.data).result);
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expectValidStreamEvent(event);
  });

  it('test_message_stream_invalid_params: params {invalid: "params"} is an error', async () => {
    const { endpoint } = await startSut();
    const answer = await firstAnswer(await openStream(endpoint, 'message/stream', { invalid: 'params' }));
    expect(answer.error?.code).toBe(-32602);
  });

  // The TCK reads at most two events, closes that connection, then resubscribes and needs at
  // least one event. Stricter, from 1.0 (STREAM-SUB-001, a2a-python #296): the first event is the
  // Task, and the task outlives the first connection and still reaches its final state.
  it('test_tasks_resubscribe: after the first client leaves, resubscribe yields events', async () => {
    const { endpoint } = await startSut();
    const message = textMessage('Test message for resubscribe', {
      messageId: `test-resubscribe-message-id-${randomUUID()}`,
    });
    const first = await readSse(await openStream(endpoint, 'message/stream', { message }), 2);
    const task = JSON.parse(first[0]?.data ?? 'null').result;
    expect(task).toMatchObject({ kind: 'task', status: { state: expect.any(String) } });

    const events = (await readSse(await openStream(endpoint, 'tasks/resubscribe', { id: task.id }))).map(
      (sse) => JSON.parse(sse.data).result,
    );

    expect(events.length).toBeGreaterThan(0);
    for (const event of events) expectValidStreamEvent(event);
    expect(events[0]).toMatchObject({ kind: 'task', id: task.id });
    expect(events.at(-1)?.status?.state).toBe('completed');
  });

  it('test_tasks_resubscribe_nonexistent: fails with "not found" (an SSE error frame or a 404)', async () => {
    const { endpoint } = await startSut();
    const response = await openStream(endpoint, 'tasks/resubscribe', { id: `non-existent-task-id-${randomUUID()}` });
    if (response.status === 404) return;
    // The TCK client rejects a non-SSE 2xx answer unless its text says "not found", "404" or "invalid".
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const frames = await readSse(response);
    expect(frames).toHaveLength(1);
    const error = JSON.parse(frames[0]?.data ?? 'null').error;
    expect(error.code).toBe(-32001);
    expect(error.message.toLowerCase()).toContain('not found');
  });

  it('test_sse_header_compliance: at least one event is streamed', async () => {
    const { endpoint } = await startSut();
    const response = await openStream(endpoint, 'message/stream', { message: textMessage('SSE header test') });
    expect(await readSse(response, 1)).toHaveLength(1);
  });

  it('test_sse_event_format_compliance: events are JSON-RPC responses to the request, of a known kind', async () => {
    const { endpoint } = await startSut();
    const id = `sse-format-${randomUUID()}`;
    const response = await openStream(endpoint, 'message/stream', { message: textMessage('SSE format test') }, id);
    const frames = await readSse(response);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      // Also 1.0 JSONRPC-SSE-001: every frame is a whole JSON-RPC response with the request's id.
      const payload = JSON.parse(frame.data);
      expect(payload).toMatchObject({ jsonrpc: '2.0', id });
      expect('result' in payload).toBe(true);
      expectValidStreamEvent(payload.result);
    }
    expect(JSON.parse(frames.at(-1)?.data ?? 'null').result).toMatchObject({ kind: 'status-update', final: true });
  });
});
