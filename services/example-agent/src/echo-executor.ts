import { setTimeout as sleep } from 'node:timers/promises';
import type { AgentExecutor } from '@a2a-mesh/server';
import { textOf } from '@a2a-mesh/server';

/** How the echo agent paces itself: slow enough to watch, fast enough for tests. */
export interface EchoOptions {
  /** Pause between steps, in milliseconds. */
  stepDelayMs?: number;
}

/**
 * The example agent: it reads the user's text, reports each step it takes, then writes the
 * text back word by word as one chunked artifact. An empty message gets an `input-required`
 * question; the answer continues the same task.
 */
export function createEchoExecutor(options: EchoOptions = {}): AgentExecutor {
  const delay = options.stepDelayMs ?? 150;
  return {
    async execute(context, publisher, signal) {
      const text = textOf(context.message).trim();
      if (!text) {
        await publisher.status('input-required', 'What should I echo? Send some text.');
        return;
      }
      const words = text.split(/\s+/);
      const steps = ['Reading your message', `Counting ${words.length} words`, 'Writing the echo'];
      for (const [index, step] of steps.entries()) {
        await publisher.status(
          'working',
          [
            { kind: 'text', text: step },
            { kind: 'data', data: { step: index + 1, of: steps.length } },
          ],
          { metadata: { step: index + 1 } },
        );
        await sleep(delay, undefined, { signal });
      }
      for (const [index, word] of words.entries()) {
        await publisher.artifact(
          { artifactId: 'echo', name: 'echo', parts: [{ kind: 'text', text: index === 0 ? word : ` ${word}` }] },
          { append: index > 0, lastChunk: index === words.length - 1 },
        );
        await sleep(delay / 3, undefined, { signal });
      }
      await publisher.status('completed', `Echoed ${words.length} words.`);
    },
  };
}
