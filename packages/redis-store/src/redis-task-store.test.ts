import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { describeTaskStoreContract } from '@a2a-mesh/server/testing';
import { RedisTaskStore } from './redis-task-store.ts';
import { describeWithRedis, startRedisServer } from './testing/index.ts';
import type { RedisServer } from './testing/index.ts';

describeWithRedis('RedisTaskStore', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(() => redis?.close());

  // Every store gets keys of its own, as a fresh Redis would.
  describeTaskStoreContract(
    'RedisTaskStore',
    (retention) => new RedisTaskStore({ url: redis.url, keyPrefix: `test:${randomUUID()}:`, ...retention }),
  );
});
