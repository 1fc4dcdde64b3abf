import { randomUUID } from 'node:crypto';
import { A2AError } from '@a2a-mesh/protocol';
import type { MessageSendParams } from '@a2a-mesh/protocol';
import { A2AClient } from './a2a-client.ts';
import { A2AClientError } from './a2a-client-error.ts';
import type { A2AClientOptions } from './a2a-client-options.ts';
import { fetchAgentCard } from './fetch-agent-card.ts';
import { formatCard, formatResult } from './format-result.ts';
import { formatStreamItem } from './format-stream-item.ts';
import { CliUsageError, cliUsage, parseCliArguments } from './parse-cli-arguments.ts';
import type { CliArguments } from './parse-cli-arguments.ts';
import type { StreamItem } from './read-stream-items.ts';

/** Where the CLI writes: `process.stdout`/`process.stderr` satisfy it, and so does a test's buffer. */
export interface CliOutput {
  write(text: string): unknown;
}

/** What the CLI runs with besides its arguments. */
export interface CliEnvironment {
  stdout: CliOutput;
  stderr: CliOutput;
  /** Aborting it (Ctrl-C) stops a running command. */
  signal?: AbortSignal;
  /** Client options under the command line's (tests shorten the retry policy with it). */
  clientOptions?: A2AClientOptions;
}

/**
 * Runs the `a2a` command line and resolves to its exit code: 0 on success, 1 on any error (the
 * message, with its code, goes to stderr), 130 when interrupted. Output goes to
 * `environment.stdout` as it arrives: one line per event, or one JSON object per line with
 * `--json`.
 */
export async function runCli(argv: string[], environment: CliEnvironment): Promise<number> {
  const { stdout, stderr, signal } = environment;
  if (argv.includes('--help') || argv.includes('-h') || argv.length === 0) {
    (argv.length === 0 ? stderr : stdout).write(`${cliUsage}\n`);
    return argv.length === 0 ? 1 : 0;
  }
  try {
    const options = parseCliArguments(argv);
    const print = (value: unknown, human: () => string[]) => {
      stdout.write(
        options.json
          ? `${JSON.stringify(value)}\n`
          : human()
              .map((line) => `${line}\n`)
              .join(''),
      );
    };
    const clientOptions: A2AClientOptions = {
      ...environment.clientOptions,
      headers: options.headers,
      onReconnect: ({ taskId, attempt, lastEventId }) => {
        const after = lastEventId === undefined ? '' : ` after #${lastEventId}`;
        stderr.write(`reconnecting to task ${taskId}${after} (attempt ${attempt})…\n`);
      },
    };
    if (options.command === 'card') {
      const card = await fetchAgentCard(options.url, { headers: options.headers, signal });
      print(card, () => formatCard(card));
      return 0;
    }
    const client = await A2AClient.fromCardUrl(options.url, { ...clientOptions, ...(signal ? { signal } : {}) });
    const call = signal ? { signal } : {};
    switch (options.command) {
      case 'send': {
        const result = await client.sendMessage(messageParams(options), call);
        print(result, () => formatResult(result));
        return 0;
      }
      case 'stream':
        await printStream(client.streamMessage(messageParams(options), call), options.json, stdout);
        return 0;
      case 'resubscribe': {
        const lastEventId = options.lastEventId;
        const stream = client.resubscribe(
          options.taskId ?? '',
          lastEventId === undefined ? call : { ...call, lastEventId },
        );
        await printStream(stream, options.json, stdout);
        return 0;
      }
      case 'get': {
        const taskOptions =
          options.historyLength === undefined ? call : { ...call, historyLength: options.historyLength };
        const task = await client.getTask(options.taskId ?? '', taskOptions);
        print(task, () => formatResult(task));
        return 0;
      }
      case 'cancel': {
        const task = await client.cancelTask(options.taskId ?? '', call);
        print(task, () => formatResult(task));
        return 0;
      }
    }
  } catch (error) {
    if (signal?.aborted) return 130;
    stderr.write(`${describeError(error)}\n`);
    if (error instanceof CliUsageError) stderr.write(`\n${cliUsage}\n`);
    return 1;
  }
}

/** Runs the CLI on this process: the entry point of `bin/a2a.mjs`. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const controller = new AbortController();
  let readerGone = false;
  process.once('SIGINT', () => controller.abort());
  // `a2a stream … | head` closes our stdout early: stop streaming quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
    controller.abort();
  });
  const code = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, signal: controller.signal });
  process.exitCode = readerGone ? 0 : code;
}

async function printStream(stream: AsyncIterable<StreamItem>, json: boolean, stdout: CliOutput): Promise<void> {
  for await (const item of stream) {
    stdout.write(`${json ? JSON.stringify(item) : formatStreamItem(item)}\n`);
  }
}

function messageParams(options: CliArguments): MessageSendParams {
  return {
    message: {
      kind: 'message',
      messageId: randomUUID(),
      role: 'user',
      parts: [{ kind: 'text', text: options.text ?? '' }],
      ...(options.taskId === undefined ? {} : { taskId: options.taskId }),
      ...(options.contextId === undefined ? {} : { contextId: options.contextId }),
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof A2AError) return `a2a: error ${error.code}: ${error.message}`;
  if (error instanceof A2AClientError) return `a2a: error ${error.code}: ${error.message}`;
  if (error instanceof CliUsageError) return `a2a: ${error.message}`;
  return `a2a: ${error instanceof Error ? error.message : String(error)}`;
}
