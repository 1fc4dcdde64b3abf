import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { findExecutable } from './find-executable.ts';
import type { ProcessGroup } from './process-group.ts';

/** A Redis server this launch started, as a member of its process group. */
export interface LocalRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
}

/**
 * Starts `redis-server` on `port` as the process `redis` of `group`, and resolves once it answers
 * PING. A throwaway instance: no RDB snapshots and no AOF, in `directory` (the launch's temporary
 * folder), since it lives only as long as the launch.
 */
export async function startRedis(
  group: ProcessGroup,
  options: { port: number; host: string; directory: string; cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<LocalRedis> {
  const command = findExecutable('redis-server', options.env);
  if (!command) {
    throw new Error('redis-server is not installed: install it (apt-get install redis-server), or set REDIS_URL');
  }
  group.start({
    name: 'redis',
    command,
    args: [
      ...['--port', String(options.port), '--bind', options.host, '--dir', options.directory],
      ...['--save', '', '--appendonly', 'no', '--loglevel', 'warning'],
    ],
    cwd: options.cwd,
    env: options.env,
    tier: 0,
  });
  const deadline = Date.now() + options.timeoutMs;
  while (!(await pingRedis(options.host, options.port))) {
    if (Date.now() > deadline) throw new Error(`redis-server did not answer PING on port ${options.port} in time`);
    await sleep(50);
  }
  return { url: `redis://${options.host}:${options.port}` };
}

/** Whether a Redis server answers `PING` at `host:port` (RESP inline command, no client library). */
export function pingRedis(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let answer = '';
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
    });
  });
}
