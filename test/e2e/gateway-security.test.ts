import { afterEach, describe, expect, it } from 'vitest';
import { createEchoExecutor } from '@a2a-mesh/example-agent';
import type { Task } from '@a2a-mesh/protocol';
import { countingExecutor } from '../support/agents.ts';
import { GatewayHarness, call } from './support-gateway.ts';
import type { ErrorBody } from './support-gateway.ts';
import { openSse } from './support-gateway-sse.ts';

const harness = new GatewayHarness();
afterEach(() => harness.closeAll());

const echo = () => harness.agent(createEchoExecutor({ stepDelayMs: 1 }));

async function drain(response: Awaited<ReturnType<typeof openSse>>): Promise<number> {
  let events = 0;
  for await (const frame of response.frames) if (frame.data !== undefined) events += 1;
  return events;
}

describe('gateway security', () => {
  it('requires an API key when keys are configured: Bearer or X-API-Key, and ?access_token= on events only', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url, { apiKeys: ['first-key', 'second-key'] });

    const missing = await call<ErrorBody>(`${url}/api/tasks`, { body: { text: 'hi' } });
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(missing.body.error.code).toBe('unauthorized');
    expect(missing.body.error.message).toContain('needs an API key');
    const wrong = await call<ErrorBody>(`${url}/api/tasks`, {
      body: { text: 'hi' },
      headers: { authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toContain('not valid');

    const created = await call<{ task: Task }>(`${url}/api/tasks`, {
      body: { text: 'hi there' },
      headers: { authorization: 'Bearer first-key' },
    });
    expect(created.status).toBe(201);
    const taskId = created.body.task.id;
    const read = await call(`${url}/api/tasks/${taskId}`, { headers: { 'x-api-key': 'second-key' } });
    expect(read.status).toBe(200);

    // EventSource cannot send headers, so the events endpoint also takes the key in the URL...
    const events = await openSse(`${url}/api/tasks/${taskId}/events?access_token=second-key`);
    expect(events.status).toBe(200);
    expect(await drain(events)).toBeGreaterThan(0);
    expect((await openSse(`${url}/api/tasks/${taskId}/events?access_token=bad`)).status).toBe(401);
    // ...and no other endpoint does.
    const inQuery = await call<ErrorBody>(`${url}/api/tasks/${taskId}?access_token=first-key`);
    expect(inQuery.status).toBe(401);

    // Probes, metrics and the API description stay open to the platform.
    for (const path of ['/healthz', '/readyz', '/metrics', '/api/openapi.json']) {
      expect((await fetch(`${url}${path}`)).status).toBe(200);
    }
    expect((await call(`${url}/api/agents`)).status).toBe(401);
  });

  it('runs without keys when none are configured (local development)', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url);
    expect((await call(`${url}/api/tasks`, { body: { text: 'hi' } })).status).toBe(201);
    expect((await call(`${url}/api/agents`)).status).toBe(200);
  });

  it('allows listed origins (with preflight), its own origin, and refuses any other with 403', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url, { corsOrigins: ['https://ui.example'] });

    const preflight = await fetch(`${url}/api/tasks`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://ui.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://ui.example');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Last-Event-ID/);

    const allowed = await call(`${url}/api/tasks`, { body: { text: 'hi' }, headers: { origin: 'https://ui.example' } });
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://ui.example');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('X-Trace-Id');

    const denied = await call<ErrorBody>(`${url}/api/tasks`, {
      body: { text: 'hi' },
      headers: { origin: 'https://evil.example' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ code: 'origin-not-allowed' });
    expect(denied.body.error.message).toContain('https://evil.example');
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();
    const deniedPreflight = await fetch(`${url}/api/tasks`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(deniedPreflight.status).toBe(403);

    const sameOrigin = await call(`${url}/api/tasks`, { body: { text: 'hi' }, headers: { origin: url } });
    expect(sameOrigin.status).toBe(201);
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows only its own origin by default', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url);
    const denied = await call<ErrorBody>(`${url}/api/agents`, { headers: { origin: 'http://localhost:3000' } });
    expect(denied.status).toBe(403);
    expect((await call(`${url}/api/agents`, { headers: { origin: url } })).status).toBe(200);
  });

  it('rate-limits each client with 429 and Retry-After; another key has its own budget', async () => {
    const agent = await echo();
    const { url } = await harness.gateway(agent.url, {
      apiKeys: ['alice', 'bob'],
      rateLimit: { limit: 3, windowMs: 60_000 },
    });
    const asAlice = { 'x-api-key': 'alice' };
    for (let index = 0; index < 3; index += 1) {
      expect((await call(`${url}/api/agents`, { headers: asAlice })).status).toBe(200);
    }
    const limited = await call<ErrorBody>(`${url}/api/agents`, { headers: asAlice });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error.code).toBe('rate-limited');
    expect(limited.body.error.message).toContain('3 API requests per 60 s');
    expect((await call(`${url}/api/agents`, { headers: { 'x-api-key': 'bob' } })).status).toBe(200);
  });

  it('caps concurrent streams per client with 429 and Retry-After, and frees a slot when one closes', async () => {
    const counting = countingExecutor(3, [1]);
    const agent = await harness.agent(counting.executor);
    const { url, gateway } = await harness.gateway(agent.url, { maxStreamsPerClient: 2 });
    const created = await call<{ task: Task }>(`${url}/api/tasks`, { body: { text: 'count' } });
    await counting.reached(1);
    const events = `${url}/api/tasks/${created.body.task.id}/events`;
    const first = await openSse(events);
    const second = await openSse(events);
    expect([first.status, second.status]).toEqual([200, 200]);

    const third = await call<ErrorBody>(events);
    expect(third.status).toBe(429);
    expect(third.headers.get('retry-after')).toBe('5');
    expect(third.body.error.code).toBe('too-many-streams');
    expect(third.body.error.message).toContain('2 at once');
    const posted = await call<ErrorBody>(`${url}/api/stream`, { body: { text: 'more' } });
    expect(posted.status).toBe(429);

    first.abort();
    await expect.poll(async () => /^gateway_open_streams 1$/m.test(await gateway.metrics.render())).toBe(true);
    const replacement = await openSse(events);
    expect(replacement.status).toBe(200);
    counting.resume(1);
    expect(await drain(replacement)).toBe(5);
    expect(await drain(second)).toBe(5);
  });

  it('answers bad requests without harming an open stream, its task or the process', async () => {
    const counting = countingExecutor(3, [1]);
    const agent = await harness.agent(counting.executor);
    const { url } = await harness.gateway(agent.url, { bodyLimitBytes: 1024 });
    const created = await call<{ task: Task }>(`${url}/api/tasks`, { body: { text: 'count' } });
    await counting.reached(1);
    const stream = await openSse(`${url}/api/tasks/${created.body.task.id}/events`);

    expect(
      (await call(`${url}/api/tasks`, { rawBody: '{"text":', headers: { 'content-type': 'application/json' } })).status,
    ).toBe(400);
    expect((await call(`${url}/api/tasks`, { body: { text: 'x'.repeat(2048) } })).status).toBe(413);
    expect(
      (await call(`${url}/api/tasks`, { rawBody: 'text=hi', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(415);
    expect((await call(`${url}/api/tasks/${created.body.task.id}/events?after=x`)).status).toBe(400);
    expect((await call(`${url}/api/nothing-here`)).status).toBe(404);

    counting.resume(1);
    expect(await drain(stream)).toBe(5);
    expect((await call(`${url}/healthz`)).status).toBe(200);
  });
});
