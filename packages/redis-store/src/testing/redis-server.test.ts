import { Redis } from 'ioredis';
import { afterEach, expect, it } from 'vitest';
import { describeWithRedis } from './describe-with-redis.ts';
import { findRedisServer, startRedisServer } from './redis-server.ts';
import type { RedisServer } from './redis-server.ts';

describeWithRedis('startRedisServer', () => {
  const servers: RedisServer[] = [];
  const clients: Redis[] = [];
  const connect = (url: string): Redis => {
    const client = new Redis(url, { maxRetriesPerRequest: null });
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    for (const client of clients.splice(0)) client.disconnect();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('starts a private server on a free port, never the default one', async () => {
    const [first, second] = await Promise.all([startRedisServer(), startRedisServer()]);
    servers.push(first!, second!);
    expect(first!.port).not.toBe(6379);
    expect(first!.port).not.toBe(second!.port);
    await connect(first!.url).set('where', 'first');
    expect(await connect(second!.url).get('where')).toBeNull();
  });

  it('keeps what it acknowledged across a crash when persistent, and nothing otherwise', async () => {
    const [persistent, volatile] = await Promise.all([startRedisServer({ persist: true }), startRedisServer()]);
    servers.push(persistent, volatile);
    for (const server of servers) await connect(server.url).set('kept', 'yes');
    for (const server of servers) await server.stop('SIGKILL');
    for (const server of servers) await server.start();
    expect(await connect(persistent.url).get('kept')).toBe('yes');
    expect(await connect(volatile.url).get('kept')).toBeNull();
  });

  it('finds no redis-server where PATH has none', () => {
    const path = process.env.PATH;
    try {
      process.env.PATH = '/nonexistent';
      expect(findRedisServer()).toBeUndefined();
    } finally {
      process.env.PATH = path;
    }
  });
});
