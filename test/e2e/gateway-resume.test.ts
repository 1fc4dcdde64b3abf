import { afterEach, describe, expect, it } from 'vitest';
import type { StreamEvent, Task } from '@a2a-mesh/protocol';
import { countingExecutor } from '../support/agents.ts';
import { GatewayHarness, call } from './support-gateway.ts';
import { openSse, range, readLikeEventSource } from './support-gateway-sse.ts';
import type { DeliveredEvent } from './support-gateway-sse.ts';

const harness = new GatewayHarness();
afterEach(() => harness.closeAll());

/** Twenty updates with a pause after update 5 (event 6): task + 20 updates + completed = 22 events. */
const updates = 20;
const lastEvent = updates + 2;

async function startCounting(url: string): Promise<string> {
  const created = await call<{ task: Task }>(`${url}/api/tasks`, { body: { text: 'count' } });
  expect(created.status).toBe(201);
  return created.body.task.id;
}

function expectComplete(events: DeliveredEvent[]): void {
  expect(events.map((event) => event.id)).toEqual(range(1, lastEvent));
  expect(events.at(-1)!.data).toMatchObject({ kind: 'status-update', final: true, status: { state: 'completed' } });
  const numbers = events
    .map((event) => event.data as StreamEvent)
    .flatMap((event) =>
      event.kind === 'status-update' && event.status.state === 'working' ? [event.metadata?.n] : [],
    );
  expect(numbers).toEqual(range(1, updates));
}

describe('gateway resume', () => {
  it('resumes after the browser drops its connection: Last-Event-ID brings exactly the missed events', async () => {
    const counting = countingExecutor(updates, [5]);
    const agent = await harness.agent(counting.executor);
    const { url } = await harness.gateway(agent.url);
    const taskId = await startCounting(url);
    const result = await readLikeEventSource(`${url}/api/tasks/${taskId}/events`, {
      onEvent: (event, drop) => {
        if (event.id === 6 && event.connection === 0) {
          drop(); // the browser side aborts its request mid-task
          counting.resume(5);
        }
      },
    });
    expectComplete(result.events);
    expect(result.events.filter((event) => event.connection === 1).map((event) => event.id)).toEqual(
      range(7, lastEvent),
    );
    // After the final event the gateway closed; the reconnect got 204 and the reading stopped.
    expect(result.finalStatus).toBe(204);
    expect(result.connections).toBe(3);
    expect(counting.wasAborted()).toBe(false);
  });

  it('resumes from ?after= the same way (a reloaded page)', async () => {
    const counting = countingExecutor(updates, [5]);
    const agent = await harness.agent(counting.executor);
    const { url } = await harness.gateway(agent.url);
    const taskId = await startCounting(url);
    const first: DeliveredEvent[] = [];
    const page = await openSse(`${url}/api/tasks/${taskId}/events`);
    for await (const frame of page.frames) {
      first.push({ id: Number(frame.id), event: frame.event!, data: JSON.parse(frame.data ?? 'null'), connection: 0 });
      if (frame.id === '6') page.abort();
    }
    counting.resume(5);
    const reloaded = await readLikeEventSource(`${url}/api/tasks/${taskId}/events?after=6`);
    expectComplete([...first.filter((event) => event.data !== null), ...reloaded.events]);
  });

  it('resumes after the gateway cuts the connection (a proxy between browser and gateway drops it)', async () => {
    const counting = countingExecutor(updates, [5]);
    const agent = await harness.agent(counting.executor);
    const { url } = await harness.gateway(agent.url);
    const proxy = await harness.proxy(url);
    const taskId = await startCounting(url);
    const result = await readLikeEventSource(`${proxy.url}/api/tasks/${taskId}/events`, {
      onEvent: (event) => {
        if (event.id === 6 && event.connection === 0) {
          proxy.cut();
          counting.resume(5);
        }
      },
    });
    expectComplete(result.events);
    expect(result.events.find((event) => event.id === 7)?.connection).toBe(1);
  });

  it('rides out a dropped orchestrator connection without the browser noticing (the client resumes upstream)', async () => {
    const counting = countingExecutor(updates, [5]);
    const agent = await harness.agentBehindProxy(counting.executor);
    const { url, gateway } = await harness.gateway(agent.url);
    const taskId = await startCounting(url);
    const result = await readLikeEventSource(`${url}/api/tasks/${taskId}/events`, {
      onEvent: (event) => {
        if (event.id === 6) {
          agent.proxy.cut(); // every gateway → orchestrator connection breaks
          counting.resume(5);
        }
      },
    });
    expectComplete(result.events);
    expect(result.events.every((event) => event.connection === 0)).toBe(true);
    expect(await gateway.metrics.render()).toMatch(/^gateway_upstream_reconnects_total [1-9]/m);
  });

  it('closes the browser stream when the orchestrator is gone for good; the reconnect then gets a 502', async () => {
    const counting = countingExecutor(updates, [5]);
    const agent = await harness.agentBehindProxy(counting.executor);
    const { url } = await harness.gateway(agent.url, {
      upstream: { retry: { attempts: 2, initialDelay: 1, maxDelay: 2 } },
    });
    const taskId = await startCounting(url);
    const result = await readLikeEventSource(`${url}/api/tasks/${taskId}/events`, {
      onEvent: async (event) => {
        if (event.id === 6) await agent.proxy.close(); // refuses every connection from now on
      },
    });
    expect(result.events.map((event) => event.id)).toEqual(range(1, 6));
    expect(result.finalStatus).toBe(502);
    counting.resume(5);
  });

  it('resumes across a gateway restart: a new gateway on the same port replays every missed event', async () => {
    const counting = countingExecutor(updates, [5]);
    const agent = await harness.agent(counting.executor);
    const first = await harness.gateway(agent.url);
    const port = Number(new URL(first.url).port);
    const taskId = await startCounting(first.url);
    const result = await readLikeEventSource(`${first.url}/api/tasks/${taskId}/events`, {
      onEvent: async (event) => {
        if (event.id === 6 && event.connection === 0) await first.gateway.close(); // ends the open SSE response
      },
      beforeReconnect: async (connection) => {
        if (connection !== 1) return;
        await harness.gateway(agent.url, {}, port);
        counting.resume(5); // the task goes on while no gateway was watching
      },
    });
    expectComplete(result.events);
    expect(result.events.find((event) => event.id === 7)?.connection).toBe(1);
    expect(result.finalStatus).toBe(204);
  });
});
