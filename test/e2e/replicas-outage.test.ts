import { afterEach, expect, it } from 'vitest';
import { A2AClient, A2AClientError } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import type { Task } from '@a2a-mesh/protocol';
import { createTaskStoreFromEnv } from '@a2a-mesh/redis-store';
import { createAgentServer, silentLogger } from '@a2a-mesh/server';
import type { AgentServer } from '@a2a-mesh/server';
import { countingExecutor, testCard, userText } from '../support/agents.ts';
import { describeWithRedis, startRedisServer } from '../support/redis-server.ts';
import type { RedisServer } from '../support/redis-server.ts';

describeWithRedis('an agent on Redis while Redis is down', () => {
  let redis: RedisServer | undefined;
  let server: AgentServer | undefined;
  let client: A2AClient | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
    await redis?.close();
  });

  it('answers -32603 "task store is unavailable", ends open streams, reports not ready, and serves again once Redis returns', async () => {
    // Persisted, fsynced on every write: what Redis acknowledged must survive its crash.
    redis = await startRedisServer({ persist: true });
    const tasks = createTaskStoreFromEnv({ REDIS_URL: redis.url }, silentLogger, { service: 'outage-test' });
    const counting = countingExecutor(4, [2]);
    server = createAgentServer({ card: testCard, executor: counting.executor, shutdownDeadlineMs: 50, ...tasks });
    const url = await server.listen();
    client = await A2AClient.fromCardUrl(url, { retry: { attempts: 0 } });
    const readiness = async (): Promise<number> => (await fetch(`${url}/readyz`)).status;
    expect(await readiness()).toBe(200);

    const seen: StreamItem[] = [];
    const streaming = (async () => {
      for await (const item of client!.streamMessage(userText('count'))) seen.push(item);
    })().then(
      () => 'ended with the task',
      (error: unknown) => error,
    );
    await counting.reached(2);
    await expect.poll(() => seen.length).toBe(3);
    const taskId = (seen[0]!.event as Task).id;

    await redis.stop('SIGKILL');
    // The open stream ends (it does not hang), telling the client where to resume from.
    const ended = await streaming;
    expect(ended).toBeInstanceOf(A2AClientError);
    expect(ended).toMatchObject({ taskId, lastEventId: 3 });
    const unavailable = { code: -32603, message: 'Internal error: the task store is unavailable; try again shortly' };
    await expect(client.sendMessage(userText('another'))).rejects.toMatchObject(unavailable);
    await expect(client.getTask(taskId)).rejects.toMatchObject(unavailable);
    await expect(client.cancelTask(taskId)).rejects.toMatchObject(unavailable);
    expect(await readiness()).toBe(503);
    const reason = (await (await fetch(`${url}/readyz`)).json()) as { reason: string };
    expect(reason.reason).toContain('task store (Redis) is unavailable');

    await redis.start();
    await expect.poll(readiness, { timeout: 10_000 }).toBe(200);
    // Nothing acknowledged was lost, and the run goes on: the stream resumes where it ended.
    expect((await client.getTask(taskId)).status.state).toBe('working');
    const resumed: StreamItem[] = [];
    const resuming = (async () => {
      for await (const item of client!.resubscribe(taskId, { lastEventId: 3 })) resumed.push(item);
    })();
    counting.resume(2);
    await resuming;
    expect([...seen, ...resumed].map((item) => item.id)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(resumed.at(-1)?.event).toMatchObject({ kind: 'status-update', status: { state: 'completed' } });
    const after = await client.sendMessage({ ...userText('after the outage'), configuration: { blocking: false } });
    expect(after.kind).toBe('task');
  });
});
