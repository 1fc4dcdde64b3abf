import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '@a2a-mesh/protocol';
import type { AgentExecutor } from './agent-executor.ts';
import { createAgentServer } from './agent-server.ts';
import type { AgentServer, AgentServerOptions } from './agent-server.ts';

const card: AgentServerOptions['card'] = {
  name: 'http test agent',
  description: 'answers over HTTP',
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'say', name: 'Say', description: 'Says things', tags: ['test'] }],
};

const quick: AgentExecutor = {
  async execute(_context, publisher) {
    await publisher.status('working', 'working on it');
  },
};

const servers: AgentServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Partial<AgentServerOptions> = {}): Promise<string> {
  const server = createAgentServer({ card, executor: quick, ...options });
  servers.push(server);
  return server.listen();
}

async function rpc(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}/a2a`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const send = (text: string) => ({
  message: { kind: 'message', messageId: crypto.randomUUID(), role: 'user', parts: [{ kind: 'text', text }] },
});

describe('agent server over HTTP', () => {
  it('serves its card at both well-known paths, cacheable, with our stream extension', async () => {
    const url = await start();
    for (const path of ['/.well-known/agent-card.json', '/.well-known/agent.json']) {
      const response = await fetch(url + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toContain('max-age');
      const served = (await response.json()) as Record<string, unknown>;
      expect(served).toMatchObject({
        protocolVersion: '0.3.0',
        url: `${url}/a2a`,
        preferredTransport: 'JSONRPC',
        capabilities: {
          streaming: true,
          extensions: [{ uri: 'https://a2a-mesh.dev/extensions/resumable-stream/v1', required: false }],
        },
      });
    }
  });

  it.each([
    ['truncated JSON', '{"jsonrpc":"2.0","id":1,"method":"tasks/get","par', ErrorCode.ParseError, null],
    [
      'a wrong jsonrpc version',
      { jsonrpc: '1.0', id: 7, method: 'tasks/get', params: { id: 'x' } },
      ErrorCode.InvalidRequest,
      7,
    ],
    ['a missing method', { jsonrpc: '2.0', id: 'a', params: {} }, ErrorCode.InvalidRequest, 'a'],
    [
      'an object as id',
      { jsonrpc: '2.0', id: { no: 1 }, method: 'tasks/get', params: { id: 'x' } },
      ErrorCode.InvalidRequest,
      null,
    ],
    ['an unknown method', { jsonrpc: '2.0', id: 3, method: 'message/ssend', params: {} }, ErrorCode.MethodNotFound, 3],
    [
      'params that are not a message',
      { jsonrpc: '2.0', id: 4, method: 'message/send', params: { '': 'x' } },
      ErrorCode.InvalidParams,
      4,
    ],
    [
      'an unknown task',
      { jsonrpc: '2.0', id: 5, method: 'tasks/get', params: { id: 'nope' } },
      ErrorCode.TaskNotFound,
      5,
    ],
    [
      'push config while push is undeclared',
      {
        jsonrpc: '2.0',
        id: 6,
        method: 'tasks/pushNotificationConfig/set',
        params: { taskId: 't', pushNotificationConfig: { url: 'http://x' } },
      },
      ErrorCode.PushNotificationNotSupported,
      6,
    ],
    [
      'push config list',
      { jsonrpc: '2.0', id: 8, method: 'tasks/pushNotificationConfig/list', params: { id: 't' } },
      ErrorCode.PushNotificationNotSupported,
      8,
    ],
    [
      'an extended card that is not declared',
      { jsonrpc: '2.0', id: 9, method: 'agent/getAuthenticatedExtendedCard' },
      ErrorCode.UnsupportedOperation,
      9,
    ],
  ])('answers %s with the right code, and keeps serving', async (_name, body, code, id) => {
    const url = await start();
    const response = await rpc(url, body);
    expect(response.headers.get('content-type')).toContain('application/json');
    const payload = (await response.json()) as { id: unknown; error: { code: number; message: string } };
    expect(payload.error.code).toBe(code);
    expect(payload.id).toBe(id);
    const ok = await rpc(url, { jsonrpc: '2.0', id: 'next', method: 'message/send', params: send('still there?') });
    expect(((await ok.json()) as { result: { status: { state: string } } }).result.status.state).toBe('completed');
  });

  it('serves the authenticated extended card only when the card declares one', async () => {
    const call = { jsonrpc: '2.0', id: 1, method: 'agent/getAuthenticatedExtendedCard' };
    const declared = { ...card, supportsAuthenticatedExtendedCard: true };
    const unconfigured = await start({ card: declared });
    const missing = (await (await rpc(unconfigured, call)).json()) as { error: { code: number } };
    expect(missing.error.code).toBe(ErrorCode.AuthenticatedExtendedCardNotConfigured);
    const configured = await start({ card: declared, extendedCard: { ...declared, description: 'for members' } });
    const served = (await (await rpc(configured, call)).json()) as { result: { description: string; url: string } };
    expect(served.result).toMatchObject({ description: 'for members', url: `${configured}/a2a` });
  });

  it('answers params that are not an object as an invalid request', async () => {
    const url = await start();
    const response = await rpc(url, { jsonrpc: '2.0', id: 11, method: 'tasks/get', params: ['x'] });
    const payload = (await response.json()) as { id: unknown; error: { code: number; message: string } };
    expect(payload).toMatchObject({ id: 11, error: { code: ErrorCode.InvalidRequest } });
    expect(payload.error.message).toContain('params');
  });

  it('names the failing field and what it expected', async () => {
    const url = await start();
    const response = await rpc(url, {
      jsonrpc: '2.0',
      id: 1,
      method: 'message/send',
      params: { message: { kind: 'message', messageId: 'm', role: 'user', parts: 'invalid' } },
    });
    const { error } = (await response.json()) as { error: { code: number; message: string } };
    expect(error.code).toBe(ErrorCode.InvalidParams);
    expect(error.message).toMatch(/params\.message\.parts: expected array/);
  });

  it('answers a body over the limit with JSON, not HTML', async () => {
    const url = await start({ bodyLimitBytes: 1024 });
    const response = await rpc(url, { jsonrpc: '2.0', id: 1, method: 'message/send', params: send('x'.repeat(5000)) });
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as { error: { code: number; message: string } };
    expect(error.code).toBe(ErrorCode.InvalidRequest);
    expect(error.message).toContain('1024 bytes');
  });

  it("serves a service's own routes beside the A2A ones", async () => {
    const url = await start({
      routes: (app) => app.get('/agents', (_request, response) => response.json({ agents: [] })),
    });
    expect(await (await fetch(`${url}/agents`)).json()).toEqual({ agents: [] });
    expect((await fetch(`${url}/elsewhere`)).status).toBe(404);
  });

  it('answers other verbs and paths with JSON', async () => {
    const url = await start();
    const get = await fetch(`${url}/a2a`);
    expect(get.status).toBe(405);
    expect(((await get.json()) as { error: { code: number } }).error.code).toBe(ErrorCode.InvalidRequest);
    const missing = await fetch(`${url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/json');
  });

  it('streams SSE with ids, one data line per event, a retry hint and proxy-safe headers', async () => {
    const url = await start();
    const response = await rpc(url, { jsonrpc: '2.0', id: 'req-1', method: 'message/stream', params: send('hi') });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const text = await response.text();
    expect(text).toMatch(/^retry:\d+\n/);
    const frames = text.split('\n\n').filter((frame) => frame.includes('data:'));
    expect(frames.map((frame) => /^id:(\d+)$/m.exec(frame)?.[1])).toEqual(['1', '2', '3']);
    for (const frame of frames) {
      expect(frame.match(/^data:/gm)).toHaveLength(1);
      const data = JSON.parse(frame.split('data:')[1]!) as { jsonrpc: string; id: string; result: { kind: string } };
      expect(data).toMatchObject({ jsonrpc: '2.0', id: 'req-1' });
    }
    expect(frames.at(-1)).toContain('"final":true');
  });

  it('sends heartbeat comments while a stream is idle', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const url = await start({
      sse: { heartbeatMs: 20 },
      executor: { execute: () => gate },
    });
    const response = await rpc(url, { jsonrpc: '2.0', id: 1, method: 'message/stream', params: send('wait') });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!/^:\n/m.test(text)) text += decoder.decode((await reader.read()).value);
    release();
    await reader.cancel();
    expect(text).toMatch(/^:\n\n/m);
  });

  it('answers a streaming call on an unknown task with an SSE error event', async () => {
    const url = await start();
    const response = await rpc(url, { jsonrpc: '2.0', id: 2, method: 'tasks/resubscribe', params: { id: 'gone' } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const text = await response.text();
    expect(text).toContain('event:error');
    expect(text).not.toMatch(/^id:/m);
    expect(text).toContain('"code":-32001');
    expect(text).toContain('Task not found');
  });

  it('takes the resume cursor from Last-Event-ID and rejects a malformed one', async () => {
    const url = await start();
    const sent = (await (
      await rpc(url, { jsonrpc: '2.0', id: 1, method: 'message/send', params: send('x') })
    ).json()) as {
      result: { id: string };
    };
    const replay = await rpc(
      url,
      { jsonrpc: '2.0', id: 2, method: 'tasks/resubscribe', params: { id: sent.result.id } },
      { 'last-event-id': '1' },
    );
    const ids = [...(await replay.text()).matchAll(/^id:(\d+)$/gm)].map((match) => match[1]);
    expect(ids).toEqual(['2', '3']);
    const bad = await rpc(url, {
      jsonrpc: '2.0',
      id: 3,
      method: 'tasks/resubscribe',
      params: { id: sent.result.id, metadata: { 'a2a-mesh/lastEventId': 'abc' } },
    });
    const text = await bad.text();
    expect(text).toContain('"code":-32602');
    expect(text).toContain('a2a-mesh/lastEventId');
  });
});
