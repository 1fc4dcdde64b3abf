import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import { createChatModel } from '@a2a-mesh/llm';
import { startFakeOpenAi } from '@a2a-mesh/llm/testing';
import type { FakeOpenAi, FakeOpenAiBehaviour } from '@a2a-mesh/llm/testing';
import {
  RecordingLogger,
  WriterServers,
  artifactText,
  artifactUpdates,
  chunkTexts,
  collect,
  finalState,
  progressSteps,
  taskIdOf,
  userMessage,
} from './testing/writer-harness.ts';

const servers = new WriterServers();
const fakes: FakeOpenAi[] = [];
afterEach(async () => {
  await servers.closeAll();
  await Promise.all(fakes.splice(0).map((fake) => fake.close()));
});

const text = [
  'The mesh keeps an ordered event log for every task.',
  'Each event in the log gets a sequence number, and that number is the SSE id of the event.',
  'A client that loses its connection resumes from the last sequence number it saw.',
  'The weather was nice.',
].join(' ');
/** The deterministic summary of `text` in 2 sentences. */
const deterministic =
  'The mesh keeps an ordered event log for every task. ' +
  'Each event in the log gets a sequence number, and that number is the SSE id of the event.';

/** A writer whose LLM is a fake OpenAI server behaving as told; `env` adds `LLM_*` variables. */
async function writerWithFakeLlm(behaviour: Partial<FakeOpenAiBehaviour>, env: Record<string, string> = {}) {
  const fake = await startFakeOpenAi(behaviour);
  fakes.push(fake);
  const logger = new RecordingLogger();
  const llm = createChatModel({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'writer-test-model', ...env }, logger);
  const client = await A2AClient.fromCardUrl(await servers.start({ llm, logger }));
  return { fake, logger, client };
}

describe('the writer with an LLM', () => {
  it('streams the tokens as artifact chunks, in order; the request carries the configured model', async () => {
    const tokens = ['Events', ' are', ' logged', ' in', ' order', ';', ' clients', ' resume', '.'];
    const { fake, logger, client } = await writerWithFakeLlm({ reply: tokens });

    const items = await collect(client.streamMessage(userMessage(`summarize in 2 sentences: ${text}`)));

    expect(finalState(items)).toBe('completed');
    expect(progressSteps(items)).toEqual(['reading', 'writing']);
    // One chunk per token, then the empty chunk that closes the artifact when its node ends.
    expect(chunkTexts(items)).toEqual([...tokens, '']);
    const chunks = artifactUpdates(items);
    expect(new Set(chunks.map((chunk) => chunk.artifact.artifactId)).size).toBe(1);
    expect(chunks.map((chunk) => chunk.append)).toEqual([false, ...tokens.map(() => true)]);
    expect(chunks.map((chunk) => chunk.lastChunk)).toEqual([...tokens.map(() => false), true]);
    const task = await client.getTask(taskIdOf(items));
    expect(task.artifacts?.map((artifact) => artifactText(artifact.parts))).toEqual([tokens.join('')]);

    const [request] = fake.completions();
    expect(fake.completions()).toHaveLength(1);
    expect(request?.body).toMatchObject({
      model: 'writer-test-model',
      stream: true,
      messages: [
        { role: 'system', content: expect.stringContaining('in at most 2 sentences') },
        { role: 'user', content: text },
      ],
    });
    expect(logger.at('warn')).toEqual([]);
  });

  it.each([
    ['answers HTTP 500', { failWith: 500 }, {}, 'HTTP 500: The server had an error.'],
    ['is too slow', { delayMs: 2_000 }, { LLM_TIMEOUT_MS: '150' }, 'timed out'],
  ])('falls back to the deterministic summary, with a warning, when the LLM %s', async (_, behaviour, env, reason) => {
    const { fake, logger, client } = await writerWithFakeLlm(behaviour, env);

    const items = await collect(client.streamMessage(userMessage(`summarize in 2 sentences: ${text}`)));

    expect(finalState(items)).toBe('completed');
    expect(progressSteps(items)).toEqual(['reading', 'writing', 'fallback', 'scoring', 'selecting']);
    expect(chunkTexts(items).join('')).toBe(deterministic);
    expect(artifactUpdates(items).every((chunk) => chunk.artifact.artifactId === 'summary')).toBe(true);
    expect(logger.at('warn')).toEqual([
      {
        level: 'warn',
        fields: { url: fake.baseUrl, model: 'writer-test-model', reason },
        message: `LLM at ${fake.baseUrl} failed (${reason}); writing without it`,
      },
    ]);
  });

  it('falls back when nothing listens at the LLM URL', async () => {
    const { fake, logger, client } = await writerWithFakeLlm({});
    await fake.close();

    const items = await collect(client.streamMessage(userMessage(`summarize in 2 sentences: ${text}`)));

    expect(finalState(items)).toBe('completed');
    expect(chunkTexts(items).join('')).toBe(deterministic);
    expect(logger.at('warn').map((line) => line.message)).toEqual([
      `LLM at ${fake.baseUrl} failed (connection refused); writing without it`,
    ]);
  });

  it('cancels the LLM request when the task is canceled', async () => {
    const { fake, client } = await writerWithFakeLlm({ reply: 'one two three four five six seven', chunkDelayMs: 100 });

    const seen = [];
    for await (const item of client.streamMessage(userMessage(`summarize: ${text}`))) {
      seen.push(item);
      if (item.event.kind === 'artifact-update') break;
    }
    const canceled = await client.cancelTask(taskIdOf(seen));

    expect(canceled.status.state).toBe('canceled');
    await expect.poll(() => fake.completions()[0]?.aborted).toBe(true);
  });
});
