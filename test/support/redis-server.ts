/**
 * The private redis-server launcher for cross-package suites: each suite that needs Redis starts
 * its own on a free port (CI may have none running, and the machine's own must stay untouched).
 * It lives in `@a2a-mesh/redis-store/testing`, beside the store's own tests.
 */
export { describeWithRedis, findRedisServer, startRedisServer } from '@a2a-mesh/redis-store/testing';
export type { RedisServer, RedisServerOptions } from '@a2a-mesh/redis-store/testing';
