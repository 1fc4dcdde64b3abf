import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAi } from '@a2a-mesh/llm/testing';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve(here, '../../../node_modules/.bin/tsx');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Runs `src/main.ts` with `env` on top of a clean environment; collects what it prints. */
function startWriter(env: Record<string, string>) {
  const child = spawn(tsx, [path.join(here, 'main.ts')], {
    env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  return { child, stdout: () => stdout, stderr: () => stderr, exited: once(child, 'exit') };
}

describe('the writer process', () => {
  it('starts on PORT, prints its card URL, warns when the LLM is unreachable, stops on SIGTERM', async () => {
    const down = await startFakeOpenAi();
    await down.close();
    const writer = startWriter({ LLM_BASE_URL: down.baseUrl, LLM_MODEL: 'm' });

    await expect.poll(() => writer.stdout(), { timeout: 15_000 }).toMatch(/card: (http:\/\/\S+)\/\.well-known/);
    const url = /card: (http:\/\/\S+)\/\.well-known/.exec(writer.stdout())![1]!;
    const card = (await (await fetch(`${url}/.well-known/agent-card.json`)).json()) as { name: string };
    expect(card.name).toBe('Writer');
    expect(writer.stdout()).toContain(`writing with m at ${down.baseUrl}`);
    await expect
      .poll(() => writer.stdout())
      .toContain(`LLM at ${down.baseUrl} is not reachable (connection refused); writing deterministically`);

    writer.child.kill('SIGTERM');
    const [code] = await writer.exited;
    expect(code).toBe(0);
  });

  it('refuses to start with a malformed LLM variable, naming it', async () => {
    const writer = startWriter({ LLM_BASE_URL: 'localhost:11434', LLM_MODEL: 'm' });
    const [code] = await writer.exited;
    expect(code).toBe(1);
    expect(writer.stderr()).toMatch(/LLM_BASE_URL must be an http\(s\) URL/);
  });
});
