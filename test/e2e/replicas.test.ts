import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import type { StreamEvent, Task } from '@a2a-mesh/protocol';
import { userText } from '../support/agents.ts';
import { describeWithRedis, startRedisServer } from '../support/redis-server.ts';
import type { RedisServer } from '../support/redis-server.ts';
import { openSse, range, readLikeEventSource } from './support-gateway-sse.ts';
import type { DeliveredEvent } from './support-gateway-sse.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A service running as its own process, as one replica of a deployment. */
interface Replica {
  readonly url: string;
  readonly child: ChildProcess;
  /** Its pino log lines so far. */
  log(): Array<Record<string, unknown>>;
  /** Kills it with SIGKILL, as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
}

/** Every replica the suite started, all killed at the end. */
const started: ChildProcess[] = [];

/** Starts `services/<service>/src/main.ts` on a free port; resolves once it prints its URL. */
async function startReplica(service: string, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', `services/${service}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const printed = /(?:card|UI): (http:\/\/[\d.]+:\d+)/.exec(output)?.[1];
      if (printed) resolve(printed);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${service} exited (${code}) before listening:\n${output}`)));
  });
  return {
    url,
    child,
    log: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const stateOf = (event: StreamEvent | undefined): string | undefined =>
  event?.kind === 'status-update' || event?.kind === 'task' ? event.status.state : event?.kind;

/** Ten words, echoed one chunk each after three steps: 15 events, about two seconds at our pace. */
const words = 'one two three four five six seven eight nine ten';

/** Checks that `ids` are 1, 2, … n: every event of the task, once, in order. */
function expectComplete(ids: readonly number[]): void {
  expect(ids).toEqual(range(1, ids.length));
}

describeWithRedis('replicas on Redis Streams (real processes)', () => {
  let redis: RedisServer;
  let a: Replica;
  let b: Replica;
  let clientA: A2AClient;
  let clientB: A2AClient;
  /** What every replica shares: one Redis, and a lease short enough that a crash shows fast. */
  let shared: Record<string, string>;

  beforeAll(async () => {
    redis = await startRedisServer();
    shared = { REDIS_URL: redis.url, TASK_LEASE_MS: '2000', STEP_DELAY_MS: '250' };
    [a, b] = await Promise.all([startReplica('example-agent', shared), startReplica('example-agent', shared)]);
    // No automatic resume: a test decides where a dropped stream continues.
    clientA = await A2AClient.fromCardUrl(a.url, { retry: { attempts: 0 } });
    clientB = await A2AClient.fromCardUrl(b.url, { retry: { attempts: 0 } });
  }, 30_000);

  afterAll(async () => {
    await Promise.all([clientA?.close(), clientB?.close()]);
    for (const child of started.splice(0))
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await redis?.close();
  });

  it('streams live on replica B the events of a task that replica A runs', async () => {
    const onA: StreamItem[] = [];
    const onB: StreamItem[] = [];
    let taskId = '';
    let endedOnAWhenBStarted: boolean | undefined;
    const streamingOnA = (async () => {
      // Twice as many words: a task long enough to be provably live when B joins, even on a busy machine.
      for await (const item of clientA.streamMessage(userText(`${words} ${words}`))) onA.push(item);
    })();
    await expect.poll(() => onA.length).toBeGreaterThan(0);
    taskId = (onA[0]!.event as Task).id;
    for await (const item of clientB.resubscribe(taskId, { lastEventId: 0 })) {
      endedOnAWhenBStarted ??= onA.some((seen) => seen.event.kind === 'status-update' && seen.event.final);
      onB.push(item);
    }
    await streamingOnA;
    expect(endedOnAWhenBStarted).toBe(false);
    expectComplete(onB.map((item) => item.id!));
    expect(onB.map((item) => item.event)).toEqual(onA.map((item) => item.event));
    expect(stateOf(onB.at(-1)?.event)).toBe('completed');
  });

  it('cancels from replica B the run on replica A: A aborts its agent and logs canceled', async () => {
    const onA: StreamItem[] = [];
    const streamingOnA = (async () => {
      for await (const item of clientA.streamMessage(userText(words))) onA.push(item);
    })();
    await expect.poll(() => onA.some((item) => stateOf(item.event) === 'working')).toBe(true);
    const taskId = (onA[0]!.event as Task).id;
    const canceled = await clientB.cancelTask(taskId);
    expect(canceled.status.state).toBe('canceled');
    await streamingOnA;
    expectComplete(onA.map((item) => item.id!));
    expect(stateOf(onA.at(-1)?.event)).toBe('canceled');
    // A's own run logged the cancel: its agent was aborted there, not left running.
    await expect
      .poll(() => a.log().find((line) => line.taskId === taskId && line.msg === 'task run ended'))
      .toMatchObject({ state: 'canceled' });
    expect(a.log().filter((line) => line.taskId === taskId && Number(line.level) >= 50)).toEqual([]);
  });

  it('resumes on replica B after replica A is killed mid-stream, then ends failed: its process is gone', async () => {
    const onA: StreamItem[] = [];
    let dropped: unknown;
    try {
      for await (const item of clientA.streamMessage(userText(words))) {
        onA.push(item);
        if (item.id === 3) await a.kill();
      }
    } catch (error) {
      dropped = error;
    }
    expect(dropped).toBeInstanceOf(Error);
    const taskId = (onA[0]!.event as Task).id;
    const lastSeen = onA.at(-1)!.id!;
    const onB: StreamItem[] = [];
    for await (const item of clientB.resubscribe(taskId, { lastEventId: lastSeen })) onB.push(item);
    const all = [...onA, ...onB];
    expectComplete(all.map((item) => item.id!));
    const last = onB.at(-1)!.event;
    expect(last).toMatchObject({ kind: 'status-update', final: true, status: { state: 'failed' } });
    expect(JSON.stringify(last)).toContain('its agent process stopped');
    // Everything A logged before it died is there, in order, before that end.
    const record = await clientB.getTask(taskId);
    expect(record.status.state).toBe('failed');
    expect(all.filter((item) => stateOf(item.event) === 'working').length).toBeGreaterThanOrEqual(2);
  });

  it('resumes a browser stream on gateway 2 after gateway 1 dies, through another orchestrator replica', async () => {
    // A gateway reads its orchestrator's card on first use, so all four can start at once.
    const ports = await Promise.all([freePort(), freePort()]);
    const [orchestrator1, orchestrator2, gateway1, gateway2] = (await Promise.all([
      ...ports.map((port) => startReplica('orchestrator', { ...shared, PORT: String(port), SPECIALISTS: b.url })),
      ...ports.map((port) => startReplica('gateway', { ORCHESTRATOR_URL: `http://127.0.0.1:${port}` })),
    ])) as [Replica, Replica, Replica, Replica];
    const created = await fetch(`${gateway1.url}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `echo ${words}` }),
    });
    expect(created.status).toBe(201);
    const { task } = (await created.json()) as { task: Task };

    const beforeKill: DeliveredEvent[] = [];
    const first = await openSse(`${gateway1.url}/api/tasks/${task.id}/events`);
    for await (const frame of first.frames) {
      if (frame.data === undefined) continue;
      beforeKill.push({ id: Number(frame.id), event: 'message', data: JSON.parse(frame.data), connection: 0 });
      if (beforeKill.length === 3) await gateway1.kill();
    }
    const lastId = beforeKill.at(-1)!.id;
    const resumed = await readLikeEventSource(`${gateway2.url}/api/tasks/${task.id}/events`, {
      headers: { 'last-event-id': String(lastId) },
    });
    const all = [...beforeKill, ...resumed.events];
    expectComplete(all.map((event) => event.id));
    expect(all.at(-1)!.data).toMatchObject({ kind: 'status-update', final: true, status: { state: 'completed' } });
    expect(resumed.finalStatus).toBe(204);
    // The task ran on orchestrator 1 all along; orchestrator 2 only read its log from Redis.
    expect(orchestrator1.log().some((line) => line.taskId === task.id && line.msg === 'task started')).toBe(true);
    expect(orchestrator2.log().some((line) => line.taskId === task.id && line.msg === 'task started')).toBe(false);
  }, 40_000);
});
