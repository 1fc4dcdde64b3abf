import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import { createEchoExecutor } from '@a2a-mesh/example-agent';
import type { Logger } from '@a2a-mesh/server';
import { Servers, userText } from '../support/agents.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const servers = new Servers();
afterEach(() => servers.closeAll());

/** A logger that keeps every line with the bindings of its children. */
function recordingLogger(lines: Array<Record<string, unknown>>, bindings: Record<string, unknown> = {}): Logger {
  const write = (level: string) => (fields: Record<string, unknown>, message: string) =>
    lines.push({ level, ...bindings, ...fields, msg: message });
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (more) => recordingLogger(lines, { ...bindings, ...more }),
  };
}

describe('operations', () => {
  it('logs every line about a task with its task id, context id and method', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const { url } = await servers.start(createEchoExecutor({ stepDelayMs: 1 }), { logger: recordingLogger(lines) });
    const client = await A2AClient.fromCardUrl(url);
    let taskId = '';
    for await (const { event } of client.streamMessage(userText('log this'))) {
      if (event.kind === 'task') taskId = event.id;
    }
    await expect.poll(() => lines.some((line) => line.msg === 'task run ended')).toBe(true);
    const taskLines = lines.filter((line) => line.taskId === taskId);
    expect(taskLines.map((line) => line.msg)).toEqual(
      expect.arrayContaining(['task started', 'event logged', 'task run ended']),
    );
    for (const line of taskLines) {
      expect(line).toMatchObject({ taskId, contextId: expect.any(String), method: 'message/stream' });
    }
  });

  it('prints the agent card and streams events from the a2a CLI', async () => {
    const { url } = await servers.start(createEchoExecutor({ stepDelayMs: 1 }));
    const bin = `${root}packages/client/bin/a2a.mjs`;
    const run = promisify(execFile);
    const card = await run(process.execPath, [bin, 'card', url]);
    expect(card.stdout).toContain('Test agent');
    const human = await run(process.execPath, [bin, 'stream', url, 'hello', 'cli']);
    const lines = human.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^#1 /);
    expect(lines.at(-1)).toMatch(/^#\d+ completed/);
    const json = await run(process.execPath, [bin, 'stream', url, 'json please', '--json']);
    const items = json.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as StreamItem);
    expect(items.map((item) => item.id)).toEqual(items.map((_, index) => index + 1));
    const taskId = items[0]!.event.kind === 'task' ? items[0]!.event.id : '';
    const get = await run(process.execPath, [bin, 'get', url, taskId, '--json']);
    expect(JSON.parse(get.stdout)).toMatchObject({ id: taskId, status: { state: 'completed' } });
    const replay = await run(process.execPath, [bin, 'resubscribe', url, taskId, '--after', '3', '--json']);
    expect(
      replay.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as StreamItem).id),
    ).toEqual(items.slice(3).map((item) => item.id));
    await expect(run(process.execPath, [bin, 'get', url, 'no-such-task'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('-32001'),
    });
  });

  it('stops on SIGTERM: closes open streams, lets the running task finish, exits cleanly', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/example-agent/src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await expect
      .poll(() => /card: (http:\/\/\S+)\/\.well-known/.exec(output.join(''))?.[1], { timeout: 15_000 })
      .toBeTruthy();
    const url = /card: (http:\/\/\S+)\/\.well-known/.exec(output.join(''))![1]!;
    const client = await A2AClient.fromCardUrl(url, { retry: { attempts: 0 } });
    const seen: StreamItem[] = [];
    let dropped: unknown;
    try {
      for await (const item of client.streamMessage(userText('one two three four five six seven eight'))) {
        seen.push(item);
        if (seen.length === 2) child.kill('SIGTERM');
      }
    } catch (error) {
      dropped = error;
    }
    // The stream was closed under the client before the task ended: it would resume elsewhere.
    expect(dropped).toBeInstanceOf(Error);
    const last = seen.at(-1)?.event;
    expect(last?.kind === 'status-update' && last.final).toBe(false);
    expect(await exited).toBe(0);
    const log = output
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(log.find((line) => line.msg === 'task run ended')).toMatchObject({ state: 'completed' });
    expect(log.findIndex((line) => line.msg === 'shutting down')).toBeLessThan(
      log.findIndex((line) => line.msg === 'task run ended'),
    );
    await client.close();
  });
});
