import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from './fake-openai.ts';
import type { FakeOpenAi } from './fake-openai.ts';

let fake: FakeOpenAi | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const post = (url: string, body: unknown) =>
  fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

/** The Chat Completions wire format, as the public API documents and sends it. */
describe('the fake OpenAI server', () => {
  it('streams chat.completion.chunk frames: role first, then content, then stop, usage on request, then [DONE]', async () => {
    fake = await startFakeOpenAi({ reply: ['Hi', ' there'] });
    const response = await post(fake.baseUrl, {
      model: 'm',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'hello' }],
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = (await response.text()).split('\n\n').filter(Boolean);
    expect(frames.every((frame) => frame.startsWith('data: '))).toBe(true);
    expect(frames.at(-1)).toBe('data: [DONE]');
    const chunks = frames.slice(0, -1).map((frame) => JSON.parse(frame.slice('data: '.length)));
    const id = chunks[0].id as string;
    expect(id).toMatch(/^chatcmpl-/);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ id, object: 'chat.completion.chunk', model: 'm', created: expect.any(Number) });
    }
    expect(chunks.map((chunk) => chunk.choices)).toEqual([
      [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: 'Hi' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: { content: ' there' }, logprobs: null, finish_reason: null }],
      [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }],
      [],
    ]);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1).usage).toEqual({ prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 });
  });

  it('answers without stream as one chat.completion, and lists models', async () => {
    fake = await startFakeOpenAi({ reply: 'Hi there', models: ['a', 'b'] });
    const completion = await (await post(fake.baseUrl, { model: 'm', messages: [] })).json();
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi there' }, finish_reason: 'stop' }],
    });
    const models = await (await fetch(`${fake.baseUrl}/models`)).json();
    expect(models).toMatchObject({ object: 'list', data: [{ id: 'a', object: 'model' }, { id: 'b' }] });
  });

  it('fails with an OpenAI error body when told to, and records every request', async () => {
    fake = await startFakeOpenAi({ failWith: 503 });
    const response = await post(fake.baseUrl, { model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: 'server_error', param: null, code: null },
    });
    expect(fake.completions().map((request) => request.body.messages)).toEqual([[{ role: 'user', content: 'x' }]]);
  });

  it('notices a client that leaves before the answer ends', async () => {
    fake = await startFakeOpenAi({ reply: 'one two three four', chunkDelayMs: 50 });
    const controller = new AbortController();
    const response = await fetch(`${fake.baseUrl}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', stream: true, messages: [] }),
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    await expect.poll(() => fake?.completions()[0]?.aborted).toBe(true);
  });
});
