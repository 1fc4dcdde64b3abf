import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import { answerOf, collect, ending } from './testing/stream-summary.ts';

const main = fileURLToPath(new URL('main.ts', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

let cwd: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // The agent is started from an unrelated directory, as a user would from anywhere.
  cwd = await mkdtemp(path.join(tmpdir(), 'knowledge-main-'));
  await mkdir(path.join(cwd, 'notes'));
  await writeFile(path.join(cwd, 'notes', 'plants.md'), '# Plants\n\n## Watering\n\nWater the ferns every Tuesday.\n');
});
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});
afterAll(async () => {
  await rm(cwd, { recursive: true, force: true });
});

/** Starts `src/main.ts` on a free port; resolves with the process and the URL it printed. */
async function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const { KNOWLEDGE_DOCS: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', tsx, main], {
    cwd,
    env: { ...inherited, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const printed = /card: (http:\/\/\S+)\/\.well-known\/agent-card\.json/.exec(output)?.[1];
      if (printed) resolve(printed);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`main.ts exited with ${code} before listening:\n${output}`)));
  });
  return { child, url };
}

async function ask(url: string, text: string) {
  const client = await A2AClient.fromCardUrl(url);
  const parts = [{ kind: 'text' as const, text }];
  return collect(
    client.streamMessage({ message: { kind: 'message', messageId: crypto.randomUUID(), role: 'user', parts } }),
  );
}

describe('the knowledge agent process (src/main.ts)', () => {
  it('searches the repository docs by default, wherever it is started, and stops cleanly on SIGTERM', async () => {
    const { child, url } = await startMain({});
    const events = await ask(url, 'find what the docs say about resubscribe and summarize it');
    expect(ending(events).state).toBe('completed');
    const results = answerOf(events).data['results'] as { source: string }[];
    expect(results[0]!.source).toMatch(/^docs\/streaming\.md#/);

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  });

  it('searches KNOWLEDGE_DOCS, resolved from the directory it is started in', async () => {
    const { url } = await startMain({ KNOWLEDGE_DOCS: 'notes' });
    const events = await ask(url, 'when should I water the ferns?');
    const results = answerOf(events).data['results'] as { source: string }[];
    expect(results.map((result) => result.source)).toEqual(['notes/plants.md#watering (lines 3–5)']);
  });
});
