import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import { resumableStreamExtension } from '@a2a-mesh/protocol';
import type { AgentExecutor } from '@a2a-mesh/server';
import { Servers, label, userText } from '../support/agents.ts';

const servers = new Servers();
afterEach(() => servers.closeAll());

const payload = 'x'.repeat(1024);

/** An agent that publishes `total` 1 KiB updates as fast as it can, yielding every 100. */
function floodingExecutor(total: number): AgentExecutor {
  return {
    async execute(_context, publisher) {
      for (let n = 1; n <= total; n += 1) {
        await publisher.status('working', payload, { metadata: { n } });
        if (n % 100 === 0) await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

const truncated = (item: StreamItem): boolean =>
  item.event.kind === 'task' && item.event.metadata?.[resumableStreamExtension.truncatedKey] === true;

/** Sends `message/stream` over a raw socket that never reads its answer. */
async function openStuckStream(url: string): Promise<Socket> {
  const { port } = new URL(url);
  const stuck = new Socket();
  await new Promise<void>((resolve) => stuck.connect(Number(port), '127.0.0.1', resolve));
  stuck.pause();
  stuck.on('error', () => {});
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'message/stream', params: userText('flood') });
  stuck.write(
    `POST /a2a HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  return stuck;
}

describe('pacing: an agent waits for the subscribers of its task', () => {
  // The log keeps 300 events; the agent writes 20 MB, far more than the kernel's socket buffers
  // hold, into a reader that keeps stopping. Without pacing the reader's place leaves the log and
  // it gets a truncated snapshot instead of thousands of events.
  it('delivers every event to a slow reader although the log keeps a fraction of them', async () => {
    const total = 20_000;
    const { url } = await servers.start(floodingExecutor(total), {
      retention: { maxEventsPerTask: 300 },
      pacing: { lagEvents: 100 },
    });
    const client = await A2AClient.fromCardUrl(url);
    const ids: number[] = [];
    let last: StreamItem | undefined;
    let snapshots = 0;
    for await (const item of client.streamMessage(userText('flood'))) {
      if (item.id !== undefined) ids.push(item.id);
      if (truncated(item)) snapshots += 1;
      last = item;
      // A reader slower than the agent: it stops for 50 ms every 500 events.
      if (ids.length % 500 === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(snapshots).toBe(0);
    expect(ids).toEqual(Array.from({ length: total + 2 }, (_, index) => index + 1));
    expect(label(last!.event)).toBe('completed');
    await client.close();
  });

  it('lets the agent go on past a reader that has stopped reading altogether', async () => {
    const total = 20_000;
    const { url, server } = await servers.start(floodingExecutor(total), {
      retention: { maxEventsPerTask: 50_000 },
      pacing: { lagEvents: 100, stallMs: 200 },
      // The slow-subscriber rules would otherwise hang up on the stuck reader after 30 s or 5,000
      // events; here only the stall rule can let the agent finish.
      sse: { maxLagEvents: 1_000_000, slowReaderTimeoutMs: 600_000 },
    });
    const serverSides: Socket[] = [];
    server.httpServer!.on('connection', (socket: Socket) => serverSides.push(socket));

    // A raw HTTP client that sends the request and then never reads.
    const stuck = await openStuckStream(url);
    await expect.poll(() => serverSides.length).toBe(1);

    const client = await A2AClient.fromCardUrl(url);
    const { tasks } = await client.listTasks({});
    const taskId = tasks[0]!.id;
    await expect
      .poll(async () => (await client.getTask(taskId)).status.state, { timeout: 20_000, interval: 100 })
      .toBe('completed');
    // The stuck reader was not hung up on: it can still read everything from where it stopped.
    expect(serverSides[0]!.destroyed).toBe(false);
    stuck.destroy();
    await client.close();
  });

  it('never makes a cancel wait for a slow reader', async () => {
    const { url } = await servers.start(floodingExecutor(20_000), {
      pacing: { lagEvents: 100, stallMs: 600_000 },
      sse: { maxLagEvents: 1_000_000, slowReaderTimeoutMs: 600_000 },
    });
    const stuck = await openStuckStream(url);
    const client = await A2AClient.fromCardUrl(url);
    await expect.poll(async () => (await client.listTasks({})).tasks.length).toBe(1);
    const taskId = (await client.listTasks({})).tasks[0]!.id;
    // The agent is held back by the stuck reader: its history stops growing.
    let before = -1;
    await expect
      .poll(
        async () => {
          const now = (await client.getTask(taskId)).history?.length ?? 0;
          const still = now === before;
          before = now;
          return still;
        },
        { timeout: 10_000, interval: 300 },
      )
      .toBe(true);
    expect((await client.getTask(taskId)).status.state).toBe('working');
    const canceled = await client.cancelTask(taskId);
    expect(canceled.status.state).toBe('canceled');
    stuck.destroy();
    await client.close();
  });
});
