import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StreamRequest, StreamResult } from '../sse/sse-stream-reader.ts';
import type { ClientCommand, ClientMessage, ReadCommandOptions, ReadReport } from './client-messages.ts';

const entry = fileURLToPath(new URL('./client-worker.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');

/** Streams being read by the workers: when all delivered a first event, when all ended, how to close them. */
export interface Reading {
  /** Every stream has delivered its first event. */
  readonly ready: Promise<void>;
  /** Every stream has ended; one report per worker used. */
  readonly done: Promise<ReadReport[]>;
  /** Closes held streams (idle scenario). */
  close(): void;
}

/** A set of client worker processes, the load generator. */
export class ClientPool {
  readonly #workers: ChildProcess[];
  #nextId = 1;

  private constructor(workers: ChildProcess[]) {
    this.#workers = workers;
  }

  static async start(count: number): Promise<ClientPool> {
    const workers = await Promise.all(
      Array.from({ length: count }, async () => {
        const child = fork(entry, [], { execArgv: ['--import', tsx], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        await new Promise<void>((resolve, reject) => {
          child.once('message', () => resolve());
          child.once('exit', (code) => reject(new Error(`client worker exited (${code})`)));
        });
        child.removeAllListeners('exit');
        child.setMaxListeners(0);
        return child;
      }),
    );
    return new ClientPool(workers);
  }

  get size(): number {
    return this.#workers.length;
  }

  /**
   * Reads `requests`, dealt round-robin over the first `workers` workers (default all of them).
   */
  read(requests: readonly StreamRequest[], options: ReadCommandOptions = {}, workers = this.size): Reading {
    const used = this.#workers.slice(0, Math.max(1, Math.min(workers, this.size)));
    const shares = used.map((_, index) => requests.filter((_request, at) => at % used.length === index));
    const commands = used.map((child, index) => {
      const id = this.#nextId++;
      let markReady!: () => void;
      const ready = new Promise<void>((resolve) => (markReady = resolve));
      const done = new Promise<ReadReport>((resolve) => {
        const onMessage = (message: ClientMessage): void => {
          if (message.type === 'ready' && message.id === id) markReady();
          if (message.type === 'done' && message.id === id) {
            child.off('message', onMessage);
            markReady();
            resolve(message.report);
          }
        };
        child.on('message', onMessage);
      });
      const command: ClientCommand = { id, cmd: 'read', requests: shares[index]!, options };
      child.send(command);
      return { child, id, ready, done };
    });
    return {
      ready: Promise.all(commands.map((command) => command.ready)).then(() => undefined),
      done: Promise.all(commands.map((command) => command.done)),
      close: () => {
        for (const { child, id } of commands) child.send({ id: this.#nextId++, cmd: 'close', target: id });
      },
    };
  }

  /** Reads one stream on the first worker. */
  async one(
    request: StreamRequest,
    options: ReadCommandOptions = {},
  ): Promise<{ result: StreamResult; report: ReadReport }> {
    const [report] = await this.read([request], options, 1).done;
    return { result: report!.results[0]!, report: report! };
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#workers.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill();
          }),
      ),
    );
  }
}
