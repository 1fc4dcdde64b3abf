import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ControlMessage, ServerProcessOptions, ServerRole, ServerStats } from './control-messages.ts';

const entry = fileURLToPath(new URL('./server-process.ts', import.meta.url));
const tsx = import.meta.resolve('tsx');
/** Child processes' stdout and stderr (the peer SDK logs there), for when something fails. */
export const logFolder = join(tmpdir(), 'a2a-mesh-bench');

/** How to start a server process. */
export interface ServerStartOptions {
  /**
   * Write V8 CPU profiles of the process into `<this folder>/<role>/` when it exits: one per
   * thread (tsx's module loader runs in a thread of its own), named `CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile`.
   */
  cpuProfileDir?: string;
}

/** The benchmark's side of one server process: its URL and its control channel. */
export class ServerHandle {
  readonly role: ServerRole;
  readonly url: string;
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (stats: ServerStats | undefined) => void>();
  #nextId = 1;

  private constructor(role: ServerRole, url: string, child: ChildProcess) {
    this.role = role;
    this.url = url;
    this.#child = child;
    child.on('message', (message: ControlMessage) => {
      if (message.type !== 'reply') return;
      this.#pending.get(message.id)?.(message.stats);
      this.#pending.delete(message.id);
    });
  }

  /** Forks the process and waits for its URL. */
  static async start(
    role: ServerRole,
    options: ServerProcessOptions = {},
    start: ServerStartOptions = {},
  ): Promise<ServerHandle> {
    mkdirSync(logFolder, { recursive: true });
    const profile = start.cpuProfileDir
      ? ['--cpu-prof', `--cpu-prof-dir=${join(start.cpuProfileDir, role)}`, '--cpu-prof-interval=250']
      : [];
    const child = fork(entry, [role, JSON.stringify(options)], {
      execArgv: ['--import', tsx, '--expose-gc', ...profile],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const log = createWriteStream(join(logFolder, `${role}-${child.pid}.log`));
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const url = await new Promise<string>((resolve, reject) => {
      const onMessage = (message: ControlMessage): void => {
        if (message.type === 'ready') resolve(message.url);
        if (message.type === 'failed') reject(new Error(`${role} server failed to start: ${message.error}`));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`${role} server exited (${code}) before it was ready`)));
    });
    child.removeAllListeners('message');
    child.removeAllListeners('exit');
    return new ServerHandle(role, url, child);
  }

  /** The process id (for `strace -p`, `perf -p`). */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  get port(): number {
    return Number(new URL(this.url).port);
  }

  /** Memory and CPU time; `gc` collects garbage twice first (the process runs with `--expose-gc`). */
  async stats(gc = false): Promise<ServerStats> {
    const stats = await this.#request({ cmd: 'stats', gc });
    if (!stats) throw new Error(`${this.role} sent no stats`);
    return stats;
  }

  /** Opens a producer's gate. */
  async release(gate: string): Promise<void> {
    await this.#request({ cmd: 'release', gate });
  }

  /** Writes a V8 heap snapshot of the process to `path` (after two forced GCs), for memory investigations. */
  async heapSnapshot(path: string): Promise<void> {
    await this.#request({ cmd: 'heap-snapshot', path });
  }

  /** Stops the server and waits for the process to exit (so that a CPU profile is complete). */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.send({ id: this.#nextId++, cmd: 'stop' });
    await exited;
    clearTimeout(kill);
  }

  #request(
    request: { cmd: 'stats'; gc: boolean } | { cmd: 'release'; gate: string } | { cmd: 'heap-snapshot'; path: string },
  ): Promise<ServerStats | undefined> {
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#child.send({ id, ...request });
    });
  }
}
