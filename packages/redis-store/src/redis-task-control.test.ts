import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { RedisTaskControl } from './redis-task-control.ts';
import type { RedisTaskControlOptions } from './redis-task-control.ts';
import { describeWithRedis, startRedisServer } from './testing/index.ts';
import type { RedisServer } from './testing/index.ts';

describeWithRedis('RedisTaskControl', () => {
  let redis: RedisServer;
  let raw: Redis;
  let prefix = '';
  const controls: RedisTaskControl[] = [];
  /** A replica's control, on the same Redis and prefix as the test's other replicas. */
  const replica = (options: Partial<RedisTaskControlOptions> = {}): RedisTaskControl => {
    const control = new RedisTaskControl({ url: redis.url, keyPrefix: prefix, leaseMs: 150, ...options });
    controls.push(control);
    return control;
  };
  const lease = (taskId: string): string => `${prefix}lease:{${taskId}}`;

  beforeAll(async () => {
    redis = await startRedisServer();
    raw = new Redis(redis.url);
  });
  afterEach(async () => {
    await Promise.all(controls.splice(0).map((control) => control.close()));
    prefix = `test:${randomUUID()}:`;
  });
  afterAll(async () => {
    raw?.disconnect();
    await redis?.close();
  });
  prefix = `test:${randomUUID()}:`;

  it('holds a lease while the run lasts, renewing it, and drops it when the run ends', async () => {
    // A lease long enough that a busy machine delaying one renewal timer cannot let it lapse.
    const [owner, other] = [replica({ leaseMs: 1_500 }), replica({ leaseMs: 1_500 })];
    const release = await owner.claim('t1');
    let gone: boolean | undefined;
    void other.ownerGone('t1', new AbortController().signal).then((value) => (gone = value));
    // Renewed: its time to live climbs back up, again and again, long past one lease.
    let renewals = 0;
    let last = await raw.pttl(lease('t1'));
    await expect
      .poll(
        async () => {
          const ttl = await raw.pttl(lease('t1'));
          if (ttl > last) renewals += 1;
          last = ttl;
          return renewals;
        },
        { timeout: 10_000, interval: 10 },
      )
      .toBeGreaterThanOrEqual(3);
    expect(gone).toBeUndefined();
    release();
    await expect.poll(() => raw.exists(lease('t1'))).toBe(0);
    await expect.poll(() => gone, { timeout: 5_000 }).toBe(true);
  });

  it('tells the other replicas once the process that claimed a task stops renewing (it died)', async () => {
    const [owner, other] = [replica(), replica()];
    await owner.claim('t1');
    const watching = other.ownerGone('t1', new AbortController().signal);
    await owner.close(); // stops renewing without releasing, as a killed process would
    expect(await watching).toBe(true);
    expect(await raw.exists(lease('t1'))).toBe(0);
  });

  it('never reports gone a task this process runs, and stops watching on abort', async () => {
    const control = replica();
    await control.claim('t1');
    await raw.del(lease('t1')); // even when its lease is lost, the local run is alive
    const controller = new AbortController();
    const watching = control.ownerGone('t1', controller.signal);
    const elsewhere = control.ownerGone('t2', new AbortController().signal);
    expect(await elsewhere).toBe(true);
    controller.abort();
    expect(await watching).toBe(false);
  });

  it('releases only its own claim', async () => {
    const [first, second] = [replica(), replica()];
    const release = await first.claim('t1');
    await second.claim('t1'); // the task moved on (a continuation on another replica)
    const token = await raw.get(lease('t1'));
    release();
    await first.close(); // waits for the pending release
    expect(await raw.get(lease('t1'))).toBe(token);
  });

  it('delivers a cancel request to every replica', async () => {
    const [a, b] = [replica(), replica()];
    const heard: string[] = [];
    await expect.poll(() => raw.call('PUBSUB', 'NUMSUB', `${prefix}cancel`)).toEqual([`${prefix}cancel`, 2]);
    a.onCancel((taskId) => heard.push(`a:${taskId}`));
    const stop = b.onCancel((taskId) => heard.push(`b:${taskId}`));
    await b.requestCancel('t1');
    await expect.poll(() => heard.toSorted()).toEqual(['a:t1', 'b:t1']);
    stop();
    await a.requestCancel('t2');
    await expect.poll(() => heard).toContain('a:t2');
    expect(heard).not.toContain('b:t2');
  });
});
