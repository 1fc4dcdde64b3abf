import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from '@a2a-mesh/client';
import { defaultErrorMessages, resumableStreamExtension } from '@a2a-mesh/protocol';
import { defaultPacingOptions, defaultRetention, defaultSseOptions } from '@a2a-mesh/server';
import { defaultDocsFolder } from './default-docs-folder.ts';
import { KnowledgeBase } from './knowledge-base.ts';
import { knowledgeCard } from './knowledge-card.ts';
import { topicWords } from './search-terms.ts';

const repositoryDocs = fileURLToPath(new URL('../../../docs', import.meta.url));
const read = (file: string) => readFile(path.join(defaultDocsFolder, file), 'utf8');

/** The second cell of the table row whose first cell is `` `name` ``. */
function defaultOf(markdown: string, name: string): string | undefined {
  const row = markdown.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
  return row?.split('|')[2]?.trim();
}

const seconds = (ms: number) => `${ms / 1000} s`;
const count = (value: number) => value.toLocaleString('en-US');

describe('the docs the knowledge agent searches by default', () => {
  it('are the repository docs/ folder: a handful of Markdown documents, each with a title', async () => {
    expect(defaultDocsFolder).toBe(repositoryDocs);
    const files = (await readdir(defaultDocsFolder)).filter((file) => file.endsWith('.md'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    expect(files.length).toBeLessThanOrEqual(6);
    for (const file of files) expect(await read(file)).toMatch(/^# \S/);
  });

  it("answer the orchestrator's resubscribe question from the streaming guide first", async () => {
    const knowledge = new KnowledgeBase({ folder: defaultDocsFolder });
    await knowledge.warm();
    for (const question of [
      'find what the docs say about resubscribe and summarize it',
      'How does resubscribe with Last-Event-ID work?',
    ]) {
      const [best] = knowledge.search(topicWords(question));
      expect(best?.passage.file).toBe('streaming.md');
      expect(best?.passage.headings.join(' › ')).toMatch(/resubscribe/i);
    }
    expect(knowledge.search(['slow', 'subscriber'])[0]?.passage.anchor).toBe('slow-subscribers');
  });

  it('list every protocol error code with the message the code sends', async () => {
    const errors = await read('errors.md');
    for (const [code, message] of Object.entries(defaultErrorMessages)) {
      expect(errors).toContain(`| ${code} | ${message} |`);
    }
  });

  it('state the defaults the code has', async () => {
    const operations = await read('operations.md');
    const expected: Record<string, string> = {
      'retention.maxEventsPerTask': count(defaultRetention.maxEventsPerTask),
      'retention.retentionMs': `${defaultRetention.retentionMs / 60_000} min`,
      'sse.heartbeatMs': seconds(defaultSseOptions.heartbeatMs),
      'sse.retryMs': seconds(defaultSseOptions.retryMs),
      'sse.maxLagEvents': count(defaultSseOptions.maxLagEvents),
      'sse.slowReaderTimeoutMs': seconds(defaultSseOptions.slowReaderTimeoutMs),
      'sse.lagCheckMs': seconds(defaultSseOptions.lagCheckMs),
      'pacing.lagEvents': count(defaultPacingOptions.lagEvents),
      'pacing.stallMs': seconds(defaultPacingOptions.stallMs),
      'retry.attempts': String(defaultRetryPolicy.attempts),
      'retry.initialDelay': `${defaultRetryPolicy.initialDelay} ms`,
      'retry.maxDelay': seconds(defaultRetryPolicy.maxDelay),
    };
    for (const [name, value] of Object.entries(expected))
      expect([name, defaultOf(operations, name)]).toEqual([name, value]);
    const streaming = await read('streaming.md');
    expect(streaming).toContain(`params.metadata["${resumableStreamExtension.lastEventIdKey}"]`);
    expect(streaming).toContain(`metadata["${resumableStreamExtension.truncatedKey}"] = true`);
  });

  it("describe the knowledge agent's skills and tags as its card declares them", async () => {
    const agents = await read('agents.md');
    for (const skill of knowledgeCard.skills) {
      expect(agents).toContain(`**\`${skill.id}\`**`);
      for (const tag of skill.tags) expect(agents).toContain(`\`${tag}\``);
    }
  });
});
