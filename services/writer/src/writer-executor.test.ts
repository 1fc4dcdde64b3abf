import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import { AgentCardSchema } from '@a2a-mesh/protocol';
import {
  WriterServers,
  artifactText,
  artifactUpdates,
  chunkTexts,
  collect,
  finalState,
  progressSteps,
  progressTexts,
  statusUpdates,
  taskIdOf,
  userMessage,
} from './testing/writer-harness.ts';

const servers = new WriterServers();
afterEach(() => servers.closeAll());

async function startWriter(): Promise<{ url: string; client: A2AClient }> {
  const url = await servers.start();
  return { url, client: await A2AClient.fromCardUrl(url) };
}

/** Eight sentences; a decimal and a title abbreviation inside sentence 4. */
const article = [
  'The mesh keeps an ordered event log for every task.',
  'Each event in the log gets a sequence number, and that number is the SSE id of the event.',
  'A client that loses its connection resumes from the last sequence number it saw.',
  'The server then replays exactly the events after that number, so nothing is lost and nothing arrives twice.',
  'Dr. Lee, who wrote the first version in 2.5 weeks, still uses it daily.',
  'Old events are trimmed after 10,000 per task.',
  'A snapshot keeps the effect of trimmed events.',
  'Thanks for reading.',
];
/** What the term-frequency and position scores pick from `article`: sentences 0, 1 and 3. */
const summaryOfThree = [article[0], article[1], article[3]] as string[];

describe('the writer agent', () => {
  it('serves a card with summarize and rewrite skills, tags and example prompts', async () => {
    const { url } = await startWriter();
    const card = AgentCardSchema.parse(await (await fetch(`${url}/.well-known/agent-card.json`)).json());
    expect(card.capabilities.streaming).toBe(true);
    expect(card.skills.map((skill) => skill.id)).toEqual(['summarize', 'rewrite']);
    const tags = card.skills.flatMap((skill) => skill.tags);
    expect(tags).toEqual(expect.arrayContaining(['summarize', 'summary', 'rewrite', 'shorten', 'bullet points']));
    expect(card.skills.every((skill) => (skill.examples?.length ?? 0) > 0)).toBe(true);
  });

  it('summarizes deterministically: progress steps, then the chosen sentences streamed in order', async () => {
    const { client } = await startWriter();

    const items = await collect(client.streamMessage(userMessage(`summarize in 3 sentences: ${article.join(' ')}`)));

    expect(items.map((item) => item.id)).toEqual(items.map((_, index) => index + 1));
    expect(progressSteps(items)).toEqual(['reading', 'scoring', 'selecting']);
    expect(progressTexts(items)).toEqual(
      expect.arrayContaining([
        'Reading: 94 words, 8 sentences',
        'Scoring 8 sentences by term frequency and position',
        'Selecting 3 of 8 sentences',
      ]),
    );
    const chunks = artifactUpdates(items);
    expect(chunkTexts(items)).toEqual([summaryOfThree[0], ` ${summaryOfThree[1]}`, ` ${summaryOfThree[2]}`]);
    expect(chunks.map((chunk) => [chunk.artifact.artifactId, chunk.append, chunk.lastChunk])).toEqual([
      ['summary', false, false],
      ['summary', true, false],
      ['summary', true, true],
    ]);
    expect(finalState(items)).toBe('completed');

    // The chunks, concatenated, are the task's one artifact.
    const task = await client.getTask(taskIdOf(items));
    expect(task.artifacts?.map((artifact) => artifact.artifactId)).toEqual(['summary']);
    expect(artifactText(task.artifacts?.[0]?.parts)).toBe(chunkTexts(items).join(''));
    expect(artifactText(task.artifacts?.[0]?.parts)).toBe(summaryOfThree.join(' '));
  });

  it('summarizes text without an instruction into a third of its sentences', async () => {
    const { client } = await startWriter();
    const items = await collect(client.streamMessage(userMessage(article.join(' '))));
    expect(progressTexts(items)).toContain('Selecting 3 of 8 sentences');
    expect(chunkTexts(items).join('')).toBe(summaryOfThree.join(' '));
  });

  it('rewrites as bullet points: every sentence, one line each, no scoring', async () => {
    const { client } = await startWriter();
    const text = 'Streams are ordered.\n\nThey resume after a drop. Nothing is lost!';

    const items = await collect(client.streamMessage(userMessage(`rewrite as bullet points: ${text}`)));

    expect(progressSteps(items)).toEqual(['reading']);
    expect(chunkTexts(items)).toEqual([
      '- Streams are ordered.',
      '\n- They resume after a drop.',
      '\n- Nothing is lost!',
    ]);
    const task = await client.getTask(taskIdOf(items));
    expect(task.artifacts?.[0]?.artifactId).toBe('rewrite');
    expect(artifactText(task.artifacts?.[0]?.parts)).toBe(
      '- Streams are ordered.\n- They resume after a drop.\n- Nothing is lost!',
    );
  });

  it('rewrites shorter and formally, keeping paragraphs', async () => {
    const { client } = await startWriter();
    const wordy = [
      'In order to resume, a client sends the last event id it saw.',
      'The weather was nice.',
      'It is important to note that the server replays every event after that id.',
    ];
    const shorter = await collect(client.streamMessage(userMessage(`make it shorter: ${wordy.join(' ')}`)));
    expect(progressTexts(shorter)).toContain('Selecting 2 of 3 sentences');
    expect(chunkTexts(shorter)).toEqual([
      'To resume, a client sends the last event id it saw.',
      ' The server replays every event after that id.',
    ]);

    const formal = await collect(
      client.streamMessage(userMessage("rewrite formally: It's fast. We can't lose events!\n\nThat's gonna hold.")),
    );
    expect(chunkTexts(formal).join('')).toBe('It is fast. We cannot lose events.\n\nThat is going to hold.');
  });

  it("summarizes another agent's artifact passed as a data part", async () => {
    const { client } = await startWriter();
    const answer = {
      artifactId: 'answer',
      name: 'answer',
      // Streamed in chunks that split sentences: the parts are concatenated, as A2A appends them.
      parts: [
        { kind: 'text' as const, text: `${article.slice(0, 2).join(' ')} A client that loses` },
        { kind: 'text' as const, text: ` ${article[2]!.slice('A client that loses '.length)} ${article[3]}` },
      ],
    };

    const items = await collect(
      client.streamMessage(
        userMessage([
          { kind: 'text', text: 'summarize in 2 sentences' },
          { kind: 'data', data: { artifact: answer } },
        ]),
      ),
    );

    expect(progressTexts(items)).toContain('Reading: 61 words, 4 sentences');
    expect(chunkTexts(items).join('')).toBe(`${article[1]} ${article[3]}`);
  });

  it('asks for the text when there is none, and the reply continues the same task', async () => {
    const { client } = await startWriter();

    const first = await collect(client.streamMessage(userMessage('summarize in 1 sentence:')));
    expect(finalState(first)).toBe('input-required');
    const question = statusUpdates(first).at(-1)?.status.message?.parts[0];
    expect(question).toEqual({ kind: 'text', text: expect.stringMatching(/^What should I summarize\?/) });
    expect(artifactUpdates(first)).toEqual([]);

    const taskId = taskIdOf(first);
    // A reply without text is asked again.
    const empty = await collect(client.streamMessage(userMessage([{ kind: 'data', data: { text: ' ' } }], taskId)));
    expect(finalState(empty)).toBe('input-required');
    const second = await collect(client.streamMessage(userMessage(article.join(' '), taskId)));
    expect(finalState(second)).toBe('completed');
    expect(progressSteps(second)).toEqual(['reading', 'scoring', 'selecting']);
    expect(progressTexts(second)).toContain('Selecting 1 of 8 sentences');
    expect(chunkTexts(second)).toEqual([article[1]]);
    const task = await client.getTask(taskId);
    expect(task.status.state).toBe('completed');
    expect(artifactText(task.artifacts?.[0]?.parts)).toBe(article[1]);
  });
});
