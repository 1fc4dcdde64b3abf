import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AgentServerOptions, Logger, TaskStore } from '@a2a-mesh/server';
import { silentLogger } from '@a2a-mesh/server';

/** Where the Redis store package lives, once it exists. */
const entry = fileURLToPath(new URL('../../../packages/redis-store/src/index.ts', import.meta.url));

/** Whether `packages/redis-store` exists in this checkout. */
export function redisStorePresent(): boolean {
  return existsSync(entry);
}

/** What a service spreads into `createAgentServer`: the store, and with Redis its task control and readiness. */
export type StoreSetup = Pick<AgentServerOptions, 'store'> & Partial<AgentServerOptions>;

type FromEnv = (env: Record<string, string | undefined>, logger: Logger, defaults: { service: string }) => StoreSetup;

/**
 * Sets up the Redis-backed store the way a service does (`createTaskStoreFromEnv` with
 * `REDIS_URL`: store, cross-replica task control, readiness), or, from an older package, the bare
 * `RedisTaskStore`. The package is loaded by path: the benchmark must run in checkouts that
 * predate it, so nothing here may import it statically.
 */
export async function openRedisStore(url: string): Promise<StoreSetup> {
  if (!redisStorePresent()) throw new Error('packages/redis-store does not exist in this checkout');
  const module = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  const fromEnv = module['createTaskStoreFromEnv'] as FromEnv | undefined;
  if (typeof fromEnv === 'function') return fromEnv({ REDIS_URL: url }, silentLogger, { service: 'bench' });
  const Store = module['RedisTaskStore'] as (new (options: { url: string }) => TaskStore) | undefined;
  if (typeof Store === 'function') return { store: new Store({ url }) };
  throw new Error('packages/redis-store exports neither createTaskStoreFromEnv nor RedisTaskStore');
}
