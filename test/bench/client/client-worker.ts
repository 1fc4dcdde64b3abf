import { setMaxListeners } from 'node:events';
import { monoMs } from '../clock.ts';
import { readStream } from '../sse/sse-stream-reader.ts';
import type { ClientCommand, ClientMessage } from './client-messages.ts';

/**
 * A load-generator process: it opens the streams it is told to, all at once, reads them with the
 * lean scanner, says `ready` once every one has delivered its first event, and reports each
 * stream's figures and its own CPU time. Several run side by side for the concurrency scenarios.
 */
const holds = new Map<number, AbortController>();

function send(message: ClientMessage): void {
  process.send?.(message);
}

/** A counting semaphore: how many streams may be opening at once. */
class Slots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#free = Math.max(1, size);
  }

  async take(): Promise<void> {
    if (this.#free > 0) {
      this.#free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  give(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free += 1;
  }
}

async function read(command: Extract<ClientCommand, { cmd: 'read' }>): Promise<void> {
  const controller = new AbortController();
  // Every held stream listens on this one signal.
  setMaxListeners(0, controller.signal);
  holds.set(command.id, controller);
  const cpu = process.cpuUsage();
  const started = monoMs();
  // Ready once every stream has delivered its first event or ended (a failed stream waits for nothing).
  let waiting = command.requests.length;
  const settled = (): void => {
    waiting -= 1;
    if (waiting === 0) send({ type: 'ready', id: command.id });
  };
  const { timeoutMs, timestamps, captureFirstData, hold, maxOpening } = command.options;
  const slots = new Slots(maxOpening ?? command.requests.length);
  const results = await Promise.all(
    command.requests.map(async (request) => {
      let first = false;
      await slots.take();
      const result = await readStream(request, {
        onFirstData: () => {
          first = true;
          slots.give();
          settled();
        },
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(timestamps ? { timestamps } : {}),
        ...(captureFirstData ? { captureFirstData } : {}),
        ...(hold ? { signal: controller.signal } : {}),
      });
      if (!first) {
        slots.give();
        settled();
      }
      return result;
    }),
  );
  holds.delete(command.id);
  const used = process.cpuUsage(cpu);
  send({
    type: 'done',
    id: command.id,
    report: { results, cpuMicros: used.user + used.system, wallMs: monoMs() - started },
  });
}

process.on('message', (command: ClientCommand) => {
  if (command.cmd === 'read') void read(command);
  else holds.get(command.target)?.abort();
});
process.on('disconnect', () => process.exit(0));
send({ type: 'started' });
