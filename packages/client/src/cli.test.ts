import type { StreamEvent, Task } from '@a2a-mesh/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './cli.ts';
import {
  agentCard,
  artifactUpdate,
  openEventStream,
  sendError,
  sendJson,
  sendResult,
  startTestAgent,
  statusUpdate,
  task,
  writeEvent,
} from './testing/test-agent.ts';
import type { TestAgent } from './testing/test-agent.ts';

const events: StreamEvent[] = [
  task('t-1', 'submitted'),
  statusUpdate('t-1', 'working', false, 'Searching documents…'),
  artifactUpdate('t-1', 'answer', 'The answer', false),
  artifactUpdate('t-1', 'answer', 'is 42.', true),
  statusUpdate('t-1', 'completed', true),
];

const finished: Task = {
  ...task('t-1', 'completed'),
  artifacts: [{ artifactId: 'answer', name: 'answer', parts: [{ kind: 'text', text: 'The answer is 42.' }] }],
};

let agent: TestAgent | undefined;
afterEach(async () => {
  await agent?.close();
  agent = undefined;
});

/** An agent that publishes its card and answers every CLI command; `t-1` is its only task. */
async function startAgent(): Promise<TestAgent> {
  agent = await startTestAgent((request, response) => {
    if (request.method === 'GET') return sendJson(response, agentCard(`${server.origin}/rpc`));
    const { method, params } = request.body ?? { method: '' };
    if (params?.id !== undefined && params.id !== 't-1') return sendError(response, request, -32001, 'Task not found');
    switch (method) {
      case 'message/send':
        return sendResult(response, request, finished);
      case 'tasks/get':
        return sendResult(response, request, finished);
      case 'tasks/cancel':
        return sendError(response, request, -32002, 'Task cannot be canceled: it is completed');
      case 'message/stream':
      case 'tasks/resubscribe': {
        openEventStream(response);
        const after = Number(request.headers['last-event-id'] ?? 0);
        events.forEach((event, index) => index + 1 > after && writeEvent(response, request, event, index + 1));
        return void response.end();
      }
    }
  });
  const server = agent;
  return server;
}

async function run(...argv: string[]): Promise<{ code: number; stdout: string[]; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    clientOptions: { retry: { attempts: 1, initialDelay: 1, maxDelay: 1 } },
  });
  return { code, stdout: stdout.split('\n').filter(Boolean), stderr };
}

describe('a2a CLI', () => {
  it('stream: prints one readable line per event', async () => {
    const server = await startAgent();
    const result = await run(
      'stream',
      server.origin,
      'What',
      'is',
      'the',
      'answer?',
      '--header',
      'Authorization: Bearer abc',
    );
    expect(result).toEqual({
      code: 0,
      stdout: [
        '#1 task t-1 submitted',
        '#2 working Searching documents…',
        '#3 artifact answer The answer',
        '#4 artifact answer (append) is 42.',
        '#5 completed (final)',
      ],
      stderr: '',
    });
    const streamRequest = server.requests.find((request) => request.body?.method === 'message/stream');
    expect(streamRequest?.body?.params.message.parts).toEqual([{ kind: 'text', text: 'What is the answer?' }]);
    expect(streamRequest?.headers.authorization).toBe('Bearer abc');
  });

  it('stream --json: prints {"id":seq,"event":...} per line', async () => {
    const server = await startAgent();
    const result = await run('stream', server.origin, 'hi', '--json', '--task-id', 't-1', '--context-id', 'context-1');
    expect(result.code).toBe(0);
    expect(result.stdout.map((line) => JSON.parse(line))).toEqual(
      events.map((event, index) => ({ id: index + 1, event })),
    );
    const message = server.requests.find((request) => request.body?.method === 'message/stream')?.body?.params.message;
    expect(message).toMatchObject({ taskId: 't-1', contextId: 'context-1' });
  });

  it('resubscribe --after: prints the events after the cursor', async () => {
    const server = await startAgent();
    const result = await run('resubscribe', server.origin, 't-1', '--after', '3');
    expect(result.stdout).toEqual(['#4 artifact answer (append) is 42.', '#5 completed (final)']);
    expect(server.requests.at(-1)?.headers['last-event-id']).toBe('3');
  });

  it('send, get and card: print the result readably, or as one JSON line', async () => {
    const server = await startAgent();
    expect((await run('send', server.origin, 'hi')).stdout).toEqual([
      'task t-1 completed',
      'context context-1',
      'artifact answer The answer is 42.',
    ]);
    expect((await run('get', server.origin, 't-1', '--history', '2', '--json')).stdout).toEqual([
      JSON.stringify(finished),
    ]);
    expect(server.requests.at(-1)?.body?.params).toEqual({ id: 't-1', historyLength: 2 });
    const card = await run('card', server.origin);
    expect(card.stdout[0]).toBe('Test agent 1.0.0 (A2A 0.3.0)');
    expect(card.stdout).toContain(`endpoint ${server.origin}/rpc`);
  });

  it('reports an agent error with its code on stderr and exits 1', async () => {
    const server = await startAgent();
    expect(await run('cancel', server.origin, 't-1')).toEqual({
      code: 1,
      stdout: [],
      stderr: 'a2a: error -32002: Task cannot be canceled: it is completed\n',
    });
    expect((await run('get', server.origin, 'nope')).stderr).toBe('a2a: error -32001: Task not found\n');
  });

  it('reports a usage error and exits 1', async () => {
    const result = await run('get', 'http://127.0.0.1:1', 't-1', '--history', 'many');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^a2a: --history must be a non-negative integer/);
    expect((await run('frobnicate', 'http://127.0.0.1:1')).stderr).toMatch(/unknown command: frobnicate/);
  });
});
