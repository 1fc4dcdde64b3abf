import { parseArgs } from 'node:util';

/** The subcommands of the `a2a` command. */
export const cliCommands = ['card', 'send', 'stream', 'get', 'cancel', 'resubscribe'] as const;
/** One subcommand of the `a2a` command. */
export type CliCommand = (typeof cliCommands)[number];

/** A command line, checked and decoded. */
export interface CliArguments {
  command: CliCommand;
  /** The agent's base URL or card URL. */
  url: string;
  /** The message text (`send`, `stream`). */
  text?: string;
  /** The task (`get`, `cancel`, `resubscribe`), or the task a message continues (`--task-id`). */
  taskId?: string;
  contextId?: string;
  historyLength?: number;
  /** `--after N`: resubscribe from after sequence number N. */
  lastEventId?: number;
  json: boolean;
  headers: Record<string, string>;
}

/** The help text. */
export const cliUsage = `Usage: a2a <command> <url> [arguments] [options]

Commands:
  card <url>                          show the agent card
  send <url> <text...>                send a message, print the task or reply
  stream <url> <text...>              send a message, print events as they arrive
  get <url> <task-id> [--history N]   show a task
  cancel <url> <task-id>              cancel a task
  resubscribe <url> <task-id> [--after N]
                                      follow a task's events (after sequence number N)

<url> is the agent's base URL or the URL of its agent card.

Options:
  --task-id ID, --context-id ID       continue a task or conversation (send, stream)
  --json                              print one JSON object per line
  --header 'Name: value'              add an HTTP header (repeatable)
  -h, --help                          show this help`;

/** A command line that cannot be run; the message says why. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** Decodes `argv` (without the node and script paths); throws {@link CliUsageError}. */
export function parseCliArguments(argv: string[]): CliArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        header: { type: 'string', multiple: true, default: [] },
        'task-id': { type: 'string' },
        'context-id': { type: 'string' },
        history: { type: 'string' },
        after: { type: 'string' },
      },
    });
  } catch (error) {
    throw new CliUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command, url, ...rest] = positionals;
  if (!isCommand(command)) throw new CliUsageError(command ? `unknown command: ${command}` : 'missing command');
  if (!url) throw new CliUsageError(`${command}: missing <url>`);
  const result: CliArguments = { command, url, json: values.json, headers: parseHeaders(values.header) };
  if (command === 'send' || command === 'stream') {
    if (rest.length === 0) throw new CliUsageError(`${command}: missing the message text`);
    result.text = rest.join(' ');
    if (values['task-id'] !== undefined) result.taskId = values['task-id'];
    if (values['context-id'] !== undefined) result.contextId = values['context-id'];
  } else if (command !== 'card') {
    if (rest.length !== 1 || !rest[0]) throw new CliUsageError(`${command}: expected exactly one <task-id>`);
    result.taskId = rest[0];
  } else if (rest.length > 0) {
    throw new CliUsageError(`card: unexpected argument ${rest[0]}`);
  }
  if (values.history !== undefined) result.historyLength = parseCount('--history', values.history);
  if (values.after !== undefined) result.lastEventId = parseCount('--after', values.after);
  return result;
}

function isCommand(command: string | undefined): command is CliCommand {
  return (cliCommands as readonly string[]).includes(command ?? '');
}

function parseHeaders(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon < 1 || name === '') throw new CliUsageError(`--header must look like 'Name: value', got '${line}'`);
    headers[name] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parseCount(option: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new CliUsageError(`${option} must be a non-negative integer, got '${value}'`);
  return Number(value);
}
