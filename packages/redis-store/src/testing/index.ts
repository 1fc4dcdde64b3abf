export { describeWithRedis } from './describe-with-redis.ts';
export { findRedisServer, startRedisServer } from './redis-server.ts';
export type { RedisServer, RedisServerOptions } from './redis-server.ts';
