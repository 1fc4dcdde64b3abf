import { describe, expect, it } from 'vitest';
import { InMemoryTaskStore, silentLogger } from '@a2a-mesh/server';
import { createTaskStoreFromEnv } from './create-task-store-from-env.ts';
import { RedisTaskControl } from './redis-task-control.ts';
import { RedisTaskStore } from './redis-task-store.ts';

const service = { service: 'test' };

describe('createTaskStoreFromEnv', () => {
  it('keeps tasks in memory when REDIS_URL is not set', () => {
    const tasks = createTaskStoreFromEnv({ REDIS_URL: ' ' }, silentLogger, service);
    expect(tasks.store).toBeInstanceOf(InMemoryTaskStore);
    expect(tasks.control).toBeUndefined();
    expect(tasks.ready).toBeUndefined();
  });

  it('keeps them in Redis with REDIS_URL, and reports the store not ready while Redis does not answer', async () => {
    // Port 1 on loopback: nothing listens there.
    const tasks = createTaskStoreFromEnv(
      { REDIS_URL: 'redis://127.0.0.1:1', TASK_LEASE_MS: '500' },
      silentLogger,
      service,
    );
    try {
      expect(tasks.store).toBeInstanceOf(RedisTaskStore);
      expect(tasks.control).toBeInstanceOf(RedisTaskControl);
      expect(await tasks.ready?.()).toMatch(/^the task store \(Redis\) is unavailable/);
      await expect(tasks.store.get('t1')).rejects.toMatchObject({ code: -32603 });
    } finally {
      await tasks.control?.close();
      await tasks.store.close();
    }
  });

  it('names the variable it cannot use', () => {
    expect(() => createTaskStoreFromEnv({ REDIS_URL: 'localhost:6379' }, silentLogger, service)).toThrow(
      /^REDIS_URL: expected a redis:\/\/ URL/,
    );
    expect(() =>
      createTaskStoreFromEnv({ REDIS_URL: 'redis://127.0.0.1:1', TASK_LEASE_MS: 'soon' }, silentLogger, service),
    ).toThrow(/^TASK_LEASE_MS: expected milliseconds/);
  });
});
