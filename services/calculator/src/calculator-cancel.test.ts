import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import { NodeGate } from '@a2a-mesh/langgraph';
import type { StreamEvent, Task, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer } from '@a2a-mesh/server';
import { calculatorCard } from './calculator-card.ts';
import { createCalculatorExecutor } from './calculator-executor.ts';

const servers: AgentServer[] = [];
const clients: A2AClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A calculator whose graph waits on `gate`; `runs` settle when its executor returns. */
async function startCalculator(gate: NodeGate): Promise<{ client: A2AClient; runs: Promise<void>[] }> {
  const executor = createCalculatorExecutor({ beforeNode: gate.beforeNode });
  const runs: Promise<void>[] = [];
  const execute: AgentExecutor['execute'] = (...args) => {
    const run = executor.execute(...args);
    runs.push(run);
    return run;
  };
  const server = createAgentServer({ card: calculatorCard, executor: { execute } });
  servers.push(server);
  const client = await A2AClient.fromCardUrl(await server.listen(0, '127.0.0.1'));
  clients.push(client);
  return { client, runs };
}

const statuses = (items: StreamItem[]) =>
  items.map(({ event }) => event).filter((event): event is TaskStatusUpdateEvent => event.kind === 'status-update');
/** The `data.step` of each progress update. */
const steps = (items: StreamItem[]) =>
  statuses(items).flatMap((event) =>
    (event.status.message?.parts ?? []).flatMap((part) => (part.kind === 'data' ? [part.data['step']] : [])),
  );
/** Whether `event` reports that `node` started (the graph executor's node timing). */
const nodeStarted = (event: StreamEvent, node: string): boolean =>
  event.kind === 'status-update' && event.metadata?.['node'] === node && event.metadata['phase'] === 'start';

describe('the calculator, canceled mid-run', () => {
  it('ends the stream with one final canceled and stops the graph in evaluate', async () => {
    const gate = new NodeGate('evaluate');
    const { client, runs } = await startCalculator(gate);

    const items: StreamItem[] = [];
    let taskId = '';
    let canceled: Task | undefined;
    const parts = [{ kind: 'text' as const, text: '(2 + 3) * 4^2' }];
    for await (const item of client.streamMessage({
      message: { kind: 'message', messageId: randomUUID(), role: 'user', parts },
    })) {
      items.push(item);
      if (item.event.kind === 'task') taskId = item.event.id;
      // Evaluation has started and is held: cancel it while it runs.
      if (!canceled && nodeStarted(item.event, 'evaluate')) {
        await gate.reached;
        canceled = await client.cancelTask(taskId);
      }
    }
    // The executor has returned: the graph run is over (were it not, this would never settle).
    await Promise.all(runs);

    // Before the cancel: the parse reported, then evaluate started; no sub-result, no answer.
    expect(steps(items)).toEqual(['parse']);
    expect(items.at(-2)?.event).toMatchObject({ metadata: { node: 'evaluate', phase: 'start' } });
    expect(items.some(({ event }) => event.kind === 'artifact-update')).toBe(false);
    expect(canceled?.status.state).toBe('canceled');
    const finals = statuses(items).filter((event) => event.final);
    expect(finals.map((event) => event.status.state)).toEqual(['canceled']);
    expect(items.at(-1)?.event).toBe(finals[0]);
    // The task's whole log is what the stream delivered: nothing was logged after `canceled`.
    const log: StreamItem[] = [];
    for await (const item of client.resubscribe(taskId, { lastEventId: 0 })) log.push(item);
    expect(log).toEqual(items);
    expect((await client.getTask(taskId)).status.state).toBe('canceled');
    // The graph stopped in `evaluate`: the held node saw the abort, and it was the last to start.
    expect(gate.sawAbort).toBe(true);
    expect(gate.started).toEqual(['parse', 'evaluate']);
  });
});
