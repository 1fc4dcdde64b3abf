import { afterEach, describe, expect, it } from 'vitest';
import { createChatModel } from './create-chat-model.ts';
import { describeLlmError } from './describe-llm-error.ts';
import type { Logger } from './logger.ts';
import { startFakeOpenAi } from './testing/fake-openai.ts';
import type { FakeOpenAi } from './testing/fake-openai.ts';

const fakes: FakeOpenAi[] = [];
afterEach(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

async function fake(options: Parameters<typeof startFakeOpenAi>[0] = {}): Promise<FakeOpenAi> {
  const started = await startFakeOpenAi(options);
  fakes.push(started);
  return started;
}

function recordingLogger() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const logger: Logger = {
    info: (fields, message) => lines.push({ level: 'info', fields, message }),
    warn: (fields, message) => lines.push({ level: 'warn', fields, message }),
  };
  return { logger, lines };
}

/** A loopback URL nobody listens on: a fake, closed. */
async function deadUrl(): Promise<string> {
  const closed = await startFakeOpenAi();
  await closed.close();
  return closed.baseUrl;
}

describe('createChatModel', () => {
  it('is undefined when the LLM is not configured, and logs nothing', () => {
    const { logger, lines } = recordingLogger();
    expect(createChatModel({}, logger)).toBeUndefined();
    expect(lines).toEqual([]);
  });

  it('answers through the configured endpoint, with the configured model and key', async () => {
    const server = await fake({ reply: 'Hello there, world.' });
    const { logger, lines } = recordingLogger();
    const llm = createChatModel({ LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'tiny-1', LLM_API_KEY: 'k-1' }, logger)!;

    const answer = await llm.model.invoke('Say hello');

    expect(answer.text).toBe('Hello there, world.');
    const [request] = server.completions();
    expect(request?.body).toMatchObject({ model: 'tiny-1', messages: [{ role: 'user', content: 'Say hello' }] });
    expect(request?.headers['authorization']).toBe('Bearer k-1');
    expect(lines).toEqual([
      { level: 'info', fields: { url: server.baseUrl, model: 'tiny-1' }, message: expect.stringContaining('tiny-1') },
    ]);
  });

  it('streams the tokens the endpoint sends, in order', async () => {
    const server = await fake({ reply: ['Once', ' upon', ' a', ' time', '.'] });
    const llm = createChatModel({ LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'tiny-1' }, recordingLogger().logger)!;

    const tokens: string[] = [];
    for await (const chunk of await llm.model.stream('Tell a story')) if (chunk.text) tokens.push(chunk.text);

    expect(tokens).toEqual(['Once', ' upon', ' a', ' time', '.']);
    expect(server.completions()[0]?.body).toMatchObject({ model: 'tiny-1', stream: true });
  });

  it('fails fast with a readable reason when the endpoint errs, times out or is down', async () => {
    const server = await fake({ failWith: 500 });
    const env = { LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'tiny-1', LLM_TIMEOUT_MS: '200' };
    const llm = createChatModel(env, recordingLogger().logger)!;
    await expect(llm.model.invoke('hi').catch(describeLlmError)).resolves.toBe('HTTP 500: The server had an error.');
    // No retries by default: one request.
    expect(server.completions()).toHaveLength(1);

    server.behave({ failWith: undefined, delayMs: 1_000 });
    await expect(llm.model.invoke('hi').catch(describeLlmError)).resolves.toBe('timed out');

    const down = createChatModel({ ...env, LLM_BASE_URL: await deadUrl() }, recordingLogger().logger)!;
    await expect(down.model.invoke('hi').catch(describeLlmError)).resolves.toBe('connection refused');
  });

  it('checks readiness with GET /models', async () => {
    const server = await fake({ models: ['llama3.2:latest'] });
    const logger = recordingLogger().logger;
    const llm = createChatModel({ LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'llama3.2' }, logger)!;
    await expect(llm.ready()).resolves.toEqual({ ready: true, modelListed: true });
    const other = createChatModel({ LLM_BASE_URL: server.baseUrl, LLM_MODEL: 'mistral' }, logger)!;
    await expect(other.ready()).resolves.toEqual({ ready: true, modelListed: false });
    expect(server.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'GET /v1/models',
      'GET /v1/models',
    ]);

    server.behave({ delayMs: 500 });
    await expect(llm.ready({ timeoutMs: 50 })).resolves.toEqual({ ready: false, reason: 'timed out' });
    const down = createChatModel({ LLM_BASE_URL: await deadUrl(), LLM_MODEL: 'm' }, logger)!;
    await expect(down.ready()).resolves.toEqual({ ready: false, reason: 'connection refused' });
  });
});
