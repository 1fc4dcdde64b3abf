import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer, AgentServerOptions } from '@a2a-mesh/server';
import type { Message, MessageSendParams, StreamEvent } from '@a2a-mesh/protocol';

/** A card for test agents. */
export const testCard: AgentServerOptions['card'] = {
  name: 'Test agent',
  description: 'An agent made for one test.',
  version: '1.0.0',
  capabilities: { streaming: true },
  defaultInputModes: ['text/plain'],
  defaultOutputModes: ['text/plain'],
  skills: [{ id: 'test', name: 'Test', description: 'Does what the test needs.', tags: ['test'] }],
};

/** Starts servers and stops every one of them when the test ends. */
export class Servers {
  readonly #servers: AgentServer[] = [];

  async start(
    executor: AgentExecutor,
    options: Partial<AgentServerOptions> = {},
  ): Promise<{ url: string; server: AgentServer }> {
    const server = createAgentServer({ card: testCard, executor, shutdownDeadlineMs: 50, ...options });
    this.#servers.push(server);
    return { url: await server.listen(), server };
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.#servers.splice(0).map((server) => server.close()));
  }
}

/** A user message with some text. */
export function userText(text: string, extra: Partial<Message> = {}): MessageSendParams {
  return {
    message: {
      kind: 'message',
      messageId: crypto.randomUUID(),
      role: 'user',
      parts: [{ kind: 'text', text }],
      ...extra,
    },
  };
}

/** A short label per event: the state of a status update, else the kind. */
export function label(event: StreamEvent): string {
  if (event.kind === 'status-update') return event.status.state;
  if (event.kind === 'artifact-update')
    return `artifact:${event.artifact.parts.map((part) => (part.kind === 'text' ? part.text : part.kind)).join('')}`;
  return event.kind;
}

/**
 * An executor that emits `count` working updates numbered 1…count, waiting at each number in
 * `pauses` until the test calls `resume()`. It records whether it saw its abort signal.
 */
export function countingExecutor(count: number, pauses: readonly number[] = []) {
  const waiting = new Map<number, () => void>();
  const reached = new Map<number, () => void>();
  const reachedPromises = new Map<number, Promise<void>>();
  for (const at of pauses) reachedPromises.set(at, new Promise((resolve) => reached.set(at, resolve)));
  let aborted = false;
  const executor: AgentExecutor = {
    async execute(_context, publisher, signal) {
      signal.addEventListener('abort', () => (aborted = true));
      for (let n = 1; n <= count; n += 1) {
        await publisher.status('working', `update ${n}`, { metadata: { n } });
        if (pauses.includes(n)) {
          reached.get(n)?.();
          await new Promise<void>((resolve, reject) => {
            waiting.set(n, resolve);
            signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
          });
        }
      }
    },
  };
  return {
    executor,
    /** Resolves once the executor is paused at `n`. */
    reached: (n: number) => reachedPromises.get(n) ?? Promise.reject(new Error(`no pause at ${n}`)),
    resume: (n: number) => waiting.get(n)?.(),
    wasAborted: () => aborted,
  };
}
