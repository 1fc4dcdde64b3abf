import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import { createEchoExecutor } from '@a2a-mesh/example-agent';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import type { StreamEvent } from '@a2a-mesh/protocol';
import { Servers, countingExecutor, label, userText } from '../support/agents.ts';
import { startCutProxy } from '../support/cut-proxy.ts';
import type { CutProxy } from '../support/cut-proxy.ts';

const servers = new Servers();
const proxies: CutProxy[] = [];
afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
  await servers.closeAll();
});

async function collect(stream: AsyncIterable<StreamItem>): Promise<StreamItem[]> {
  const items: StreamItem[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

const taskIdOf = (event: StreamEvent): string => (event.kind === 'task' ? event.id : (event.taskId ?? ''));
const seqs = (items: StreamItem[]): Array<number | undefined> => items.map((item) => item.id);
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('streams end to end (our client, our server, loopback)', () => {
  it('streams the example agent: task, progress, a chunked answer, final completed', async () => {
    const { url } = await servers.start(createEchoExecutor({ stepDelayMs: 5 }));
    const client = await A2AClient.fromCardUrl(url);
    const items = await collect(client.streamMessage(userText('hello loss-free mesh')));
    expect(seqs(items)).toEqual(range(1, items.length));
    expect(items.map(({ event }) => label(event))).toEqual([
      'task',
      'working',
      'working',
      'working',
      'artifact:hello',
      'artifact: loss-free',
      'artifact: mesh',
      'completed',
    ]);
    const final = items.at(-1)!.event;
    expect(final.kind === 'status-update' && final.final).toBe(true);
    const task = await client.getTask(taskIdOf(final));
    expect(task.artifacts?.[0]?.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('')).toBe(
      'hello loss-free mesh',
    );
  });

  it('keeps the task running when the streaming client leaves; resubscribe replays exactly what it missed', async () => {
    const agent = countingExecutor(20, [5]);
    const { url } = await servers.start(agent.executor);
    const client = await A2AClient.fromCardUrl(url);
    const seen: StreamItem[] = [];
    for await (const item of client.streamMessage(userText('count'))) {
      seen.push(item);
      if (item.id === 4) break; // the client disconnects mid-stream
    }
    const taskId = taskIdOf(seen[0]!.event);
    await agent.reached(5);
    agent.resume(5);
    await expect.poll(async () => (await client.getTask(taskId)).status.state).toBe('completed');

    // With a cursor: exactly the events after it, to the final one.
    const rest = await collect(client.resubscribe(taskId, { lastEventId: 4 }));
    expect(seqs(rest)).toEqual(range(5, 22));
    const whole = [...seen, ...rest];
    expect(whole.map(({ event }) => label(event))).toEqual(['task', ...Array(20).fill('working'), 'completed']);
    expect(whole.slice(1, 21).map(({ event }) => (event.kind === 'status-update' ? event.metadata?.n : 0))).toEqual(
      range(1, 20),
    );
    // The replay is the log itself: the same events, byte for byte, as a fresh full read.
    const full = await collect(client.resubscribe(taskId, { lastEventId: 0 }));
    expect(full.map((item) => JSON.stringify(item))).toEqual(whole.map((item) => JSON.stringify(item)));

    // Without a cursor: the snapshot of the finished task, then the stream ends.
    const snapshot = await collect(client.resubscribe(taskId));
    expect(snapshot).toHaveLength(1);
    expect(snapshot[0]).toMatchObject({ id: 22, event: { kind: 'task', status: { state: 'completed' } } });

    // A cursor at the very end: the outcome as a snapshot with that id, then the stream ends.
    const atEnd = await collect(client.resubscribe(taskId, { lastEventId: 22 }));
    expect(atEnd).toHaveLength(1);
    expect(atEnd[0]).toMatchObject({ id: 22, event: { kind: 'task', status: { state: 'completed' } } });
  });

  it('resumes by itself through repeated connection cuts, gap-free and duplicate-free', async () => {
    const agent = countingExecutor(300, [150]);
    const { url } = await servers.start(agent.executor);
    const proxy = await startCutProxy(url);
    proxies.push(proxy);
    const reconnects: Array<number | undefined> = [];
    const client = new A2AClient(`${proxy.url}/a2a`, {
      retry: { initialDelay: 1, maxDelay: 10, attempts: 50 },
      onReconnect: (info) => reconnects.push(info.lastEventId),
    });
    // Every connection is cut after ~8 KiB of response: about a dozen events each.
    proxy.cutAfterBytes(8 * 1024);
    const stream = client.streamMessage(userText('count'));
    const items: StreamItem[] = [];
    for await (const item of stream) {
      items.push(item);
      if (item.id === 151) agent.resume(150);
    }
    expect(seqs(items)).toEqual(range(1, 302));
    expect(label(items.at(-1)!.event)).toBe('completed');
    expect(reconnects.length).toBeGreaterThan(5);
    // Each reconnect carried the last id the caller had seen.
    for (const lastEventId of reconnects) expect(lastEventId).toBeTypeOf('number');
    await client.close();
  });

  it('gives several subscribers the same events in the same order; closing one leaves the others alone', async () => {
    const agent = countingExecutor(40, [1, 30]);
    const { url } = await servers.start(agent.executor);
    const client = await A2AClient.fromCardUrl(url);
    const first = client.streamMessage(userText('fan out'));
    const head = await first.next();
    const taskId = taskIdOf(head.value!.event);
    await agent.reached(1);
    const subscribers = Array.from({ length: 4 }, () => collect(client.resubscribe(taskId, { lastEventId: 0 })));
    const quitter = new AbortController();
    const quitting = collect(client.resubscribe(taskId, { lastEventId: 0, signal: quitter.signal })).catch(
      (error: unknown) => error,
    );
    agent.resume(1);
    await agent.reached(30);
    quitter.abort();
    agent.resume(30);
    const rest = await collect(first);
    const original = [head.value!, ...rest];
    expect(seqs(original)).toEqual(range(1, 42));
    for (const items of await Promise.all(subscribers)) {
      expect(items.map((item) => JSON.stringify(item))).toEqual(original.map((item) => JSON.stringify(item)));
    }
    expect(await quitting).toBeInstanceOf(Error);
  });

  it('cancels mid-stream: the stream ends with final canceled and the agent is aborted', async () => {
    const agent = countingExecutor(10, [3]);
    const { url } = await servers.start(agent.executor);
    const client = await A2AClient.fromCardUrl(url);
    const items: StreamItem[] = [];
    for await (const item of client.streamMessage(userText('cancel me'))) {
      items.push(item);
      if (item.id === 4) {
        await agent.reached(3);
        const canceled = await client.cancelTask(taskIdOf(item.event));
        expect(canceled.status.state).toBe('canceled');
      }
    }
    const final = items.at(-1)!.event;
    expect(final).toMatchObject({ kind: 'status-update', status: { state: 'canceled' }, final: true });
    expect(items.map(({ event }) => label(event))).toEqual(['task', 'working', 'working', 'working', 'canceled']);
    expect(agent.wasAborted()).toBe(true);
    await expect(client.cancelTask(taskIdOf(final))).rejects.toMatchObject({ code: ErrorCode.TaskNotCancelable });
  });

  it('answers every method through the client, and every task error with its code', async () => {
    const agent = countingExecutor(2);
    const { url } = await servers.start(agent.executor);
    const client = await A2AClient.fromCardUrl(url);
    const task = await client.sendMessage(userText('blocking'));
    expect(task).toMatchObject({ kind: 'task', status: { state: 'completed' } });
    const id = task.kind === 'task' ? task.id : '';
    expect((await client.getTask(id, { historyLength: 1 })).history).toHaveLength(1);
    const queued = await client.sendMessage({ ...userText('non-blocking'), configuration: { blocking: false } });
    expect(queued.kind === 'task' && ['submitted', 'working', 'completed']).toContain(
      queued.kind === 'task' && queued.status.state,
    );
    await expect(client.getTask('missing')).rejects.toMatchObject({ code: ErrorCode.TaskNotFound });
    await expect(client.cancelTask('missing')).rejects.toMatchObject({ code: ErrorCode.TaskNotFound });
    await expect(collect(client.resubscribe('missing'))).rejects.toMatchObject({ code: ErrorCode.TaskNotFound });
    await expect(client.sendMessage(userText('again', { taskId: id }))).rejects.toMatchObject({
      code: ErrorCode.UnsupportedOperation,
    });
    await expect(
      client.setTaskPushNotificationConfig({ taskId: id, pushNotificationConfig: { url: 'http://127.0.0.1:1/hook' } }),
    ).rejects.toMatchObject({ code: ErrorCode.PushNotificationNotSupported });
    await expect(client.listTaskPushNotificationConfigs(id)).rejects.toMatchObject({
      code: ErrorCode.PushNotificationNotSupported,
    });
    await expect(client.getTaskPushNotificationConfig(id)).rejects.toMatchObject({
      code: ErrorCode.PushNotificationNotSupported,
    });
    await expect(client.deleteTaskPushNotificationConfig(id, 'x')).rejects.toMatchObject({
      code: ErrorCode.PushNotificationNotSupported,
    });
    await expect(client.getAuthenticatedExtendedCard()).rejects.toBeInstanceOf(A2AError);
  });

  it('runs the input-required round trip on one task', async () => {
    const { url } = await servers.start(createEchoExecutor({ stepDelayMs: 1 }));
    const client = await A2AClient.fromCardUrl(url);
    const first = await collect(client.streamMessage(userText('   ')));
    expect(first.map(({ event }) => label(event))).toEqual(['task', 'input-required']);
    const taskId = taskIdOf(first[0]!.event);
    const second = await collect(client.streamMessage(userText('now some words', { taskId })));
    expect(second[0]).toMatchObject({ id: 2, event: { kind: 'task', id: taskId } });
    expect(second.map(({ id }) => id)).toEqual(range(2, second.length + 1));
    expect(label(second.at(-1)!.event)).toBe('completed');
  });

  it('disconnects a reader that stops reading, keeps its buffer bounded, and lets it resume', async () => {
    const payload = 'x'.repeat(1024);
    const total = 20_000;
    let release!: () => void;
    const started = new Promise<void>((resolve) => (release = resolve));
    const { url, server } = await servers.start(
      {
        async execute(_context, publisher) {
          await started;
          for (let n = 1; n <= total; n += 1) {
            await publisher.status('working', payload, { metadata: { n } });
            // Yield now and then so the server can notice the full socket while we produce.
            if (n % 500 === 0) await new Promise((resolve) => setImmediate(resolve));
          }
        },
      },
      { sse: { maxLagEvents: 1_000, lagCheckMs: 10 }, retention: { maxEventsPerTask: 50_000 } },
    );
    let maxBuffered = 0;
    const serverSides: Socket[] = [];
    server.httpServer!.on('connection', (socket: Socket) => {
      serverSides.push(socket);
      const timer = setInterval(() => (maxBuffered = Math.max(maxBuffered, socket.writableLength)), 1);
      socket.once('close', () => clearInterval(timer));
    });

    // A raw HTTP client that sends the request and then never reads.
    const { port } = new URL(url);
    const slow = new Socket();
    await new Promise<void>((resolve) => slow.connect(Number(port), '127.0.0.1', resolve));
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/stream', params: userText('flood') });
    slow.write(
      `POST /a2a HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    slow.pause();
    await expect.poll(() => serverSides.length).toBe(1);
    const closed = new Promise<void>((resolve) => serverSides[0]!.once('close', () => resolve()));
    release();
    await closed; // the server hung up on it
    const client = await A2AClient.fromCardUrl(url);
    // What the slow reader did receive, in the kernel's buffers: the last whole event is its cursor.
    const received: string[] = [];
    const ended = new Promise<void>((resolve) => slow.once('close', () => resolve()));
    slow.on('data', (chunk: Buffer) => received.push(chunk.toString('utf8')));
    slow.on('error', () => {});
    slow.resume();
    await ended;
    const ids = [...received.join('').matchAll(/^id:(\d+)\n/gm)].map((match) => Number(match[1]));
    const frames = received
      .join('')
      .split('\n\n')
      .filter((frame) => /^data:/m.test(frame)).length;
    const cursor = ids.length > 0 && frames >= ids.length ? ids.at(-1)! : 0;
    expect(cursor).toBeLessThan(total);

    const taskId = /"kind":"task","id":"([^"]+)"/.exec(received.join(''))?.[1] ?? '';
    expect(taskId).not.toBe('');
    const rest = await collect(client.resubscribe(taskId, { lastEventId: cursor }));
    expect(rest[0]!.id).toBe(cursor + 1);
    expect(seqs(rest)).toEqual(range(cursor + 1, total + 2));
    // Bounded: the server never queued more than a batch or so for the stuck socket.
    expect(maxBuffered).toBeLessThan(2 * 1024 * 1024);
    await client.close();
  });
});
