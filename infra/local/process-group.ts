import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { readableLogLine } from '../../services/mesh/src/index.ts';

/** One process to start. */
export interface ProcessSpec {
  /** Unique in the group; prefixes its log lines (`gateway-2`). */
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Stop order: higher tiers stop first, a tier's processes together. */
  readonly tier: number;
}

/** How a process ended. */
export interface ProcessExit {
  readonly name: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Member {
  readonly spec: ProcessSpec;
  readonly child: ChildProcess;
  readonly exited: Promise<ProcessExit>;
  /** Set when we stop it: its exit is then not a crash. */
  stopping: boolean;
}

/**
 * Child processes started together and stopped together, their output printed line by line as
 * `readableLogLine` shows it. A process that exits without being asked settles {@link crashed}.
 */
export class ProcessGroup {
  readonly #members = new Map<string, Member>();
  readonly #print: (line: string) => void;
  #reportCrash!: (exit: ProcessExit) => void;
  /** Settles with the first process that exits (or fails to start) on its own. */
  readonly crashed = new Promise<ProcessExit>((resolve) => (this.#reportCrash = resolve));

  constructor(print: (line: string) => void) {
    this.#print = print;
  }

  /** Starts `spec` (again, when a process of that name has exited). */
  start(spec: ProcessSpec): ChildProcess {
    const previous = this.#members.get(spec.name);
    if (previous && isRunning(previous.child)) throw new Error(`${spec.name} is already running`);
    // Each in its own process group: Ctrl-C in a terminal signals the launcher alone, which then
    // stops the processes tier by tier. (A service's second signal means "exit now": a SIGINT
    // from the terminal followed by our SIGTERM would cut its graceful shutdown short.)
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const member: Member = {
      spec,
      child,
      stopping: false,
      exited: new Promise((resolve) => {
        const settle = (code: number | null, signal: NodeJS.Signals | null): void => {
          resolve({ name: spec.name, code, signal });
          if (!member.stopping) this.#reportCrash({ name: spec.name, code, signal });
        };
        child.once('exit', settle);
        // A command that cannot be started (ENOENT) emits `error` and never `exit`.
        child.once('error', (error) => {
          this.#print(readableLogLine(spec.name, `could not start ${spec.command}: ${error.message}`, 14));
          if (child.pid === undefined) settle(null, null);
        });
      }),
    };
    this.#members.set(spec.name, member);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (line) => {
        if (line.trim()) this.#print(readableLogLine(spec.name, line, 14));
      });
    }
    return child;
  }

  /** The spec a process was started with. */
  spec(name: string): ProcessSpec | undefined {
    return this.#members.get(name)?.spec;
  }

  /**
   * Stops one process: `signal` (SIGTERM: the services shut down gracefully), then SIGKILL after
   * `graceMs`. Resolves with how it ended; its exit is not reported as a crash.
   */
  async stop(name: string, signal: NodeJS.Signals = 'SIGTERM', graceMs = 15_000): Promise<ProcessExit> {
    const member = this.#members.get(name);
    if (!member) throw new Error(`no process named ${name}`);
    member.stopping = true;
    if (!isRunning(member.child)) return member.exited;
    member.child.kill(signal);
    const timer = setTimeout(() => member.child.kill('SIGKILL'), graceMs);
    try {
      return await member.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Stops every process, highest tier first; resolves once all have exited. */
  async stopAll(graceMs = 15_000): Promise<void> {
    const members = [...this.#members.values()];
    for (const member of members) member.stopping = true;
    const tiers = [...new Set(members.map((member) => member.spec.tier))].sort((a, b) => b - a);
    for (const tier of tiers) {
      const names = members.filter((member) => member.spec.tier === tier).map((member) => member.spec.name);
      await Promise.all(names.map((name) => this.stop(name, 'SIGTERM', graceMs)));
    }
  }

  /**
   * SIGKILLs every process still running, synchronously: for a launcher's `exit` handler, so
   * that none outlives it (they are not in its process group, so its terminal does not reach them).
   */
  killAllNow(): void {
    for (const { child } of this.#members.values()) if (isRunning(child)) child.kill('SIGKILL');
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}
