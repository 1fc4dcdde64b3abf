import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { A2AClient, fetchAgentCard } from '@a2a-mesh/client';
import { resumableStreamExtension } from '@a2a-mesh/protocol';
import type { MessageSendParams } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentServer } from '@a2a-mesh/server';
import type { KnowledgeResult } from './knowledge-answer.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { knowledgeCard } from './knowledge-card.ts';
import { createKnowledgeExecutor } from './knowledge-executor.ts';
import { answerOf, collect, ending, stages, taskIdOf } from './testing/stream-summary.ts';

/** A small docs folder, written by the test; its line numbers are what the sources must say. */
const fixture: Record<string, string> = {
  'guide/streams.md': [
    '# Streams', // 1
    '', // 2
    'Streams carry events from agents to clients, in order.', // 3
    '', // 4
    '## Resuming a stream', // 5
    '', // 6
    'After a dropped connection, resume the stream: call tasks/resubscribe with the Last-Event-ID header.', // 7
    'The server replays every event after that id, then goes live.', // 8
    '', // 9
    '## Heartbeats', // 10
    '', // 11
    'Idle streams get a heartbeat comment every 15 seconds.', // 12
    '',
  ].join('\n'),
  'errors.md': [
    '# Errors', // 1
    '', // 2
    '## Task not found', // 3
    '', // 4
    'Error -32001: the task id is unknown. A resubscribe to an expired task gets it too.', // 5
    '',
  ].join('\n'),
  'notes.txt': ['Meeting notes', '', 'We talked about the colour of the resubscribe button.', ''].join('\n'),
  // Not a document kind: never indexed.
  'image.png': 'resubscribe resubscribe resubscribe',
};

let root: string;
let docs: string;
const servers: AgentServer[] = [];

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'knowledge-'));
  docs = path.join(root, 'docs');
  for (const [file, content] of Object.entries(fixture)) {
    await mkdir(path.dirname(path.join(docs, file)), { recursive: true });
    await writeFile(path.join(docs, file), content);
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startAgent(folder = docs): Promise<{ url: string; client: A2AClient }> {
  const server = createAgentServer({
    card: knowledgeCard,
    executor: createKnowledgeExecutor({ knowledgeBase: new KnowledgeBase({ folder }) }),
    shutdownDeadlineMs: 100,
  });
  servers.push(server);
  const url = await server.listen(0, '127.0.0.1');
  return { url, client: await A2AClient.fromCardUrl(url) };
}

function question(text: string, taskId?: string): MessageSendParams {
  return {
    message: {
      kind: 'message',
      messageId: crypto.randomUUID(),
      role: 'user',
      parts: [{ kind: 'text', text }],
      ...(taskId ? { taskId } : {}),
    },
  };
}

describe('the knowledge agent over A2A', () => {
  it('serves a card with its skills, tags and examples, and the resumable-stream extension', async () => {
    const { url } = await startAgent();
    const card = await fetchAgentCard(url);
    expect(card.name).toBe('Knowledge agent');
    expect(card.capabilities.streaming).toBe(true);
    expect(card.capabilities.extensions?.map((extension) => extension.uri)).toContain(resumableStreamExtension.uri);
    expect(card.skills.map((skill) => skill.id)).toEqual(['search-docs', 'answer-question']);
    const tags = card.skills.flatMap((skill) => skill.tags);
    for (const tag of ['docs', 'search', 'knowledge', 'documentation', 'find', 'lookup']) expect(tags).toContain(tag);
    for (const skill of card.skills) expect(skill.examples?.length).toBeGreaterThan(0);
  });

  it('streams loading, indexing, searching and ranking, then the answer artifact, then completed', async () => {
    const { client } = await startAgent();
    const events = await collect(client.streamMessage(question('How do I resubscribe with Last-Event-ID?')));

    // One ordered log: ids 1, 2, 3, … with no gap; the task first, a final completed last.
    expect(events.map((item) => item.id)).toEqual(events.map((_, index) => index + 1));
    expect(events[0]!.event.kind).toBe('task');
    expect(ending(events)).toMatchObject({ state: 'completed', final: true });

    const reported = stages(events);
    expect(reported.map((stage) => stage.stage)).toEqual(['loading', 'indexing', 'searching', 'ranking']);
    const [loading, indexing, searching, ranking] = reported;
    const bytes = ['guide/streams.md', 'errors.md', 'notes.txt'].reduce(
      (sum, file) => sum + Buffer.byteLength(fixture[file]!),
      0,
    );
    expect(loading!.data).toEqual({ stage: 'loading', folder: docs, files: 3, bytes });
    expect(loading!.text).toContain('3 files');
    // streams.md has three sections with text, errors.md one (its title has none), notes.txt one.
    expect(indexing!.data).toEqual({ stage: 'indexing', passages: 5, files: 3, reused: false });
    expect(searching!.data).toEqual({ stage: 'searching', terms: ['resubscribe', 'last', 'event', 'id'], hits: 4 });
    expect(searching!.text).toBe('Searching for resubscribe, last, event, id: 4 hits');
    expect(ranking!.data['top']).toHaveLength(4);

    // The answer comes after the stages and before the final status.
    const kinds = events.map(({ event }) => event.kind);
    expect(kinds.lastIndexOf('artifact-update')).toBe(kinds.length - 2);
  });

  it('ranks the passage that answers the question first, with the right sources and line numbers', async () => {
    const { client } = await startAgent();
    const events = await collect(client.streamMessage(question('How do I resubscribe with Last-Event-ID?')));
    const { text, data } = answerOf(events);
    const results = data['results'] as KnowledgeResult[];

    expect(data['query']).toBe('How do I resubscribe with Last-Event-ID?');
    expect(results.map((result) => result.source)).toEqual([
      'docs/guide/streams.md#resuming-a-stream (lines 5–8)',
      'docs/errors.md#task-not-found (lines 3–5)',
      // "events" matches "Last-Event-ID" through its stem.
      'docs/guide/streams.md#streams (lines 1–3)',
      'docs/notes.txt (lines 1–3)',
    ]);
    expect(results[0]).toMatchObject({
      file: 'guide/streams.md',
      heading: 'Streams › Resuming a stream',
      lines: [5, 8],
    });
    expect(results[0]!.excerpt).toContain('tasks/resubscribe with the Last-Event-ID header');
    expect(results[0]!.text).toBe(fixture['guide/streams.md']!.split('\n').slice(6, 8).join('\n'));
    expect(results[3]!.heading).toBe('');
    const scores = results.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
    expect(scores[0]).toBeGreaterThan(scores[1]!);

    // The readable part lists the same passages, best first, with their sources.
    expect(text).toMatch(/^Found 4 passages about "resubscribe last event id" in docs\//);
    expect(text.indexOf(results[0]!.source)).toBeGreaterThan(0);
    expect(text.indexOf(results[0]!.source)).toBeLessThan(text.indexOf(results[1]!.source));
  });

  it('builds the index once and reuses it, and rebuilds it when a document changes', async () => {
    const folder = path.join(root, 'changing');
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, 'faq.md');
    await writeFile(file, '# FAQ\n\nHeartbeats keep idle streams open.\n');
    const { client } = await startAgent(folder);
    const indexing = async (text: string) =>
      stages(await collect(client.streamMessage(question(text)))).find((stage) => stage.stage === 'indexing')!.data;

    expect(await indexing('heartbeats')).toMatchObject({ reused: false, passages: 1 });
    expect(await indexing('idle streams')).toMatchObject({ reused: true, passages: 1 });

    await writeFile(
      file,
      '# FAQ\n\nHeartbeats keep idle streams open.\n\n## Retention\n\nTasks are kept 15 minutes.\n',
    );
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    const events = await collect(client.streamMessage(question('retention')));
    expect(stages(events).find((stage) => stage.stage === 'indexing')!.data).toMatchObject({
      reused: false,
      passages: 2,
    });
    expect((answerOf(events).data['results'] as KnowledgeResult[])[0]!.source).toBe(
      'changing/faq.md#retention (lines 5–7)',
    );
  });

  it('asks for a better question when it is too vague, and continues the same task with the reply', async () => {
    const { client } = await startAgent();
    const first = await collect(client.streamMessage(question('Can you find it in the docs, please?')));
    const asked = ending(first);
    expect(asked).toMatchObject({ state: 'input-required', final: true });
    expect(asked.text).toContain('"Can you find it in the docs, please?" is too vague to search docs/');
    expect(stages(first)).toEqual([]);
    const taskId = taskIdOf(first);

    // Still vague: asked again, on the same task.
    const second = await collect(client.streamMessage(question('it', taskId)));
    expect(ending(second)).toMatchObject({ state: 'input-required' });
    expect(taskIdOf(second)).toBe(taskId);

    const third = await collect(client.streamMessage(question('heartbeat comments', taskId)));
    expect(taskIdOf(third)).toBe(taskId);
    expect(ending(third).state).toBe('completed');
    const { data } = answerOf(third);
    expect(data['query']).toBe('heartbeat comments');
    expect((data['results'] as KnowledgeResult[])[0]!.source).toBe('docs/guide/streams.md#heartbeats (lines 10–12)');
  });

  it('asks what to look up when the message is empty', async () => {
    const { client } = await startAgent();
    const events = await collect(client.streamMessage(question('  ')));
    expect(ending(events)).toMatchObject({ state: 'input-required' });
    expect(ending(events).text).toMatch(/^What should I look up in docs\/\?/);
  });

  it('completes with a clear "nothing found" answer when no passage matches', async () => {
    const { client } = await startAgent();
    const events = await collect(client.streamMessage(question('kubernetes ingress')));
    expect(ending(events)).toMatchObject({ state: 'completed', final: true });
    expect(stages(events).map((stage) => stage.stage)).toEqual(['loading', 'indexing', 'searching']);
    const { text, data } = answerOf(events);
    expect(text).toBe(
      `Nothing found about "kubernetes ingress" in ${docs}: none of its 5 passages mentions those words. ` +
        'Try other words, or a broader question.',
    );
    expect(data).toMatchObject({ query: 'kubernetes ingress', hits: 0, results: [] });
  });

  it('fails with a message naming the docs folder when it does not exist', async () => {
    const missing = path.join(root, 'no-such-folder');
    const { client } = await startAgent(missing);
    const events = await collect(client.streamMessage(question('resubscribe')));
    expect(ending(events)).toEqual({
      state: 'failed',
      final: true,
      text:
        `The docs folder ${missing} does not exist. ` +
        'Set KNOWLEDGE_DOCS to a folder of Markdown (.md) or text (.txt) files.',
    });
  });

  it('replays exactly the events after a cursor when a client resubscribes', async () => {
    const { client } = await startAgent();
    const events = await collect(client.streamMessage(question('heartbeat')));
    const taskId = taskIdOf(events);
    const replay = await collect(client.resubscribe(taskId, { lastEventId: 4 }));
    expect(replay).toEqual(events.slice(4));
  });

  it('takes the question from a data part too', async () => {
    const { client } = await startAgent();
    const events = await collect(
      client.streamMessage({
        message: {
          kind: 'message',
          messageId: crypto.randomUUID(),
          role: 'user',
          parts: [{ kind: 'data', data: { query: 'heartbeat' } }],
        },
      }),
    );
    expect(answerOf(events).data['query']).toBe('heartbeat');
  });
});
