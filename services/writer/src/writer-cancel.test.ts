import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import { NodeGate } from '@a2a-mesh/langgraph';
import type { StreamEvent, Task } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer } from '@a2a-mesh/server';
import {
  artifactUpdates,
  collect,
  progressSteps,
  statusUpdates,
  taskIdOf,
  userMessage,
} from './testing/writer-harness.ts';
import type { StreamItem } from './testing/writer-harness.ts';
import { writerCard } from './writer-card.ts';
import { createWriterExecutor } from './writer-executor.ts';

const servers: AgentServer[] = [];
const clients: A2AClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A writer without an LLM whose graph waits on `gate`; `runs` settle when its executor returns. */
async function startWriter(gate: NodeGate): Promise<{ client: A2AClient; runs: Promise<void>[] }> {
  const executor = createWriterExecutor({ beforeNode: gate.beforeNode });
  const runs: Promise<void>[] = [];
  const execute: AgentExecutor['execute'] = (...args) => {
    const run = executor.execute(...args);
    runs.push(run);
    return run;
  };
  const server = createAgentServer({ card: writerCard, executor: { execute } });
  servers.push(server);
  const client = await A2AClient.fromCardUrl(await server.listen(0, '127.0.0.1'));
  clients.push(client);
  return { client, runs };
}

/** Whether `event` reports that `node` started (the graph executor's node timing). */
const nodeStarted = (event: StreamEvent, node: string): boolean =>
  event.kind === 'status-update' && event.metadata?.['node'] === node && event.metadata['phase'] === 'start';

const text = [
  'The mesh keeps an ordered event log for every task.',
  'Each event in the log gets a sequence number, and that number is the SSE id of the event.',
  'A client that loses its connection resumes from the last sequence number it saw.',
  'The weather was nice.',
].join(' ');

describe('the writer without an LLM, canceled mid-run', () => {
  it('ends the stream with one final canceled and stops the graph in select, before writing', async () => {
    const gate = new NodeGate('select');
    const { client, runs } = await startWriter(gate);

    const items: StreamItem[] = [];
    let canceled: Task | undefined;
    for await (const item of client.streamMessage(userMessage(`summarize in 2 sentences: ${text}`))) {
      items.push(item);
      // Selection has started and is held: cancel it while it runs.
      if (!canceled && nodeStarted(item.event, 'select')) {
        await gate.reached;
        canceled = await client.cancelTask(taskIdOf(items));
      }
    }
    const taskId = taskIdOf(items);
    // The executor has returned: the graph run is over (were it not, this would never settle).
    await Promise.all(runs);

    // Before the cancel: reading and scoring reported, then select started; nothing written.
    expect(progressSteps(items)).toEqual(['reading', 'scoring']);
    expect(items.at(-2)?.event).toMatchObject({ metadata: { node: 'select', phase: 'start' } });
    expect(artifactUpdates(items)).toEqual([]);
    expect(canceled?.status.state).toBe('canceled');
    const finals = statusUpdates(items).filter((event) => event.final);
    expect(finals.map((event) => event.status.state)).toEqual(['canceled']);
    expect(items.at(-1)?.event).toBe(finals[0]);
    // The task's whole log is what the stream delivered: nothing was logged after `canceled`.
    expect(await collect(client.resubscribe(taskId, { lastEventId: 0 }))).toEqual(items);
    const task = await client.getTask(taskId);
    expect(task.status.state).toBe('canceled');
    expect(task.artifacts ?? []).toEqual([]);
    // The graph stopped in `select`: the held node saw the abort, and `write` never started.
    expect(gate.sawAbort).toBe(true);
    expect(gate.started).toEqual(['read', 'score', 'select']);
  });
});
