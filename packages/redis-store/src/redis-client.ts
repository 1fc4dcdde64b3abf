import { Redis } from 'ioredis';
import type { Logger } from '@a2a-mesh/server';

/** How a connection of ours behaves; see {@link createRedisClient}. */
export interface RedisClientOptions {
  /** Shown in `CLIENT LIST`, to tell the mesh's connections apart. */
  name: string;
  /** A command without a reply after this long fails. */
  commandTimeoutMs: number;
  logger: Logger;
}

/** Clients past their first connection (made, or given up on): from then on, calls fail fast. */
const pastFirstConnection = new WeakSet<Redis>();
/** One shared wait per client for its first connection, however many calls wait on it. */
const firstConnections = new WeakMap<Redis, Promise<void>>();

/**
 * An ioredis client set up so that a Redis outage is an error, never a hang and never a silent
 * duplicate:
 *
 * - `commandTimeout`: a command Redis does not answer (a frozen server) fails;
 * - `enableOfflineQueue: false`: while disconnected, commands fail at once instead of piling up
 *   in an unbounded queue;
 * - `maxRetriesPerRequest: 0` and `autoResendUnfulfilledCommands: false`: a command in flight when
 *   the connection drops fails rather than being sent again after the reconnect, because an
 *   append sent twice would log its event twice;
 * - reconnection forever, backing off to 1 s, so the service resumes by itself when Redis returns;
 * - RESP2: the replies we read (Lua script results, `XREAD`) have one fixed shape there.
 */
export function createRedisClient(url: string, options: RedisClientOptions): Redis {
  const client = new Redis(url, {
    protocol: 2,
    connectionName: options.name,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: options.commandTimeoutMs,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    autoResubscribe: false,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1_000),
  });
  watchConnection(client, options);
  return client;
}

/** Logs a lost connection once, and its return once, instead of every failed reconnect. */
function watchConnection(client: Redis, options: RedisClientOptions): void {
  let lost = false;
  client.on('ready', () => {
    pastFirstConnection.add(client);
    if (lost) options.logger.info({ connection: options.name }, 'Redis connection restored');
    lost = false;
  });
  // Without an `error` listener ioredis prints every failed reconnect to the console.
  client.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    options.logger.warn({ connection: options.name, err: error }, 'Redis connection lost; retrying');
  });
  // A closed connection that will be retried; a deliberate quit ends without reconnecting.
  client.on('reconnecting', () => {
    if (lost) return;
    lost = true;
    options.logger.warn({ connection: options.name }, 'Redis connection lost; retrying');
  });
}

/**
 * Waits for a client's first connection, once, up to `timeoutMs`. Commands fail at once while
 * disconnected (no offline queue), so a service must not fail its first requests just because
 * they arrived before the connection did; after that first wait, an outage fails fast.
 */
export function firstConnection(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready' || pastFirstConnection.has(client)) return Promise.resolve();
  let waiting = firstConnections.get(client);
  if (!waiting) {
    waiting = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        client.off('ready', done);
        client.off('end', done);
        firstConnections.delete(client);
        pastFirstConnection.add(client);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      client.once('ready', done);
      client.once('end', done);
    });
    firstConnections.set(client, waiting);
  }
  return waiting;
}

/** `redis://user:secret@host:6379/0` without its password, for logs. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** Closes a client: politely when it is connected, at once when it is not. */
export async function closeRedisClient(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  if (client.status === 'ready') {
    await client.quit().catch(() => client.disconnect());
    return;
  }
  client.disconnect();
}
