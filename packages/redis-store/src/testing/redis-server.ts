import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A `redis-server` process a test started on a free loopback port, and owns. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** Stops the process (SIGKILL by default: a crash) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port (with its data, when started with `persist`). */
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  close(): Promise<void>;
}

/** How to start the server. */
export interface RedisServerOptions {
  /**
   * Keep data across a restart: an append-only file fsynced on every write, so that what Redis
   * acknowledged survives even a SIGKILL. Default: nothing on disk.
   */
  persist?: boolean;
}

/** The path of `redis-server` on PATH, or undefined when it is not installed. */
export function findRedisServer(): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!folder) continue;
    const candidate = path.join(folder, 'redis-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/**
 * Starts a private `redis-server` on a free port of 127.0.0.1 — never the machine's own Redis —
 * and resolves once it accepts connections. The caller must `close()` it.
 */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const binary = findRedisServer();
  if (!binary) throw new Error('redis-server is not installed (on Debian: apt-get install redis-server)');
  const directory = mkdtempSync(path.join(tmpdir(), 'a2a-mesh-redis-'));
  const persistence = options.persist
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', directory]
    : ['--appendonly', 'no', '--dir', directory];
  let port = 0;
  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--protected-mode',
      'no',
      ...persistence,
    ];
    child = await spawnReady(binary, args);
  };
  // A free port can be taken between finding it and binding it: try another.
  for (let attempt = 1; ; attempt += 1) {
    port = await freePort();
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3) {
        rmSync(directory, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const stop = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill(signal);
    await exited;
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop,
    start: async () => {
      if (child) throw new Error('redis-server is already running');
      await launch();
    },
    close: async () => {
      await stop('SIGKILL');
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** Spawns redis-server and resolves once it logs that it accepts connections. */
function spawnReady(binary: string, args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => fail(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    const onOutput = (chunk: Buffer): void => {
      output += chunk.toString();
      if (!output.includes('Ready to accept connections')) return;
      clearTimeout(timer);
      child.stdout?.off('data', onOutput);
      child.off('exit', onExit);
      // Keep draining its output so that a full pipe never blocks it.
      child.stdout?.resume();
      child.stderr?.resume();
      resolve(child);
    };
    const onExit = (code: number | null): void => fail(new Error(`redis-server exited (${code}):\n${output}`));
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', onExit);
    child.once('error', fail);
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
