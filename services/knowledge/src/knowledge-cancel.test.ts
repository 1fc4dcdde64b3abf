import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import { NodeGate } from '@a2a-mesh/langgraph';
import type { StreamEvent, Task } from '@a2a-mesh/protocol';
import { createAgentServer } from '@a2a-mesh/server';
import type { AgentExecutor, AgentServer } from '@a2a-mesh/server';
import { KnowledgeBase } from './knowledge-base.ts';
import { knowledgeCard } from './knowledge-card.ts';
import { createKnowledgeExecutor } from './knowledge-executor.ts';
import { collect, stages, statuses, taskIdOf } from './testing/stream-summary.ts';
import type { StreamedEvent } from './testing/stream-summary.ts';

let docs: string;
const servers: AgentServer[] = [];
const clients: A2AClient[] = [];

beforeAll(async () => {
  docs = await mkdtemp(path.join(tmpdir(), 'knowledge-cancel-'));
  await writeFile(path.join(docs, 'streams.md'), '# Streams\n\nResume a stream with the Last-Event-ID header.\n');
});
afterAll(async () => {
  await rm(docs, { recursive: true, force: true });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A knowledge agent whose graph waits on `gate`; `runs` settle when its executor returns. */
async function startAgent(gate: NodeGate): Promise<{ client: A2AClient; runs: Promise<void>[] }> {
  const knowledgeBase = new KnowledgeBase({ folder: docs });
  const executor = createKnowledgeExecutor({ knowledgeBase, beforeNode: gate.beforeNode });
  const runs: Promise<void>[] = [];
  const execute: AgentExecutor['execute'] = (...args) => {
    const run = executor.execute(...args);
    runs.push(run);
    return run;
  };
  const server = createAgentServer({ card: knowledgeCard, executor: { execute } });
  servers.push(server);
  const client = await A2AClient.fromCardUrl(await server.listen(0, '127.0.0.1'));
  clients.push(client);
  return { client, runs };
}

/** Whether `event` reports that `node` started (the graph executor's node timing). */
const nodeStarted = (event: StreamEvent, node: string): boolean =>
  event.kind === 'status-update' && event.metadata?.['node'] === node && event.metadata['phase'] === 'start';

describe('the knowledge agent, canceled mid-run', () => {
  it('ends the stream with one final canceled and stops the graph at the stage it was in', async () => {
    const gate = new NodeGate('index');
    const { client, runs } = await startAgent(gate);

    const events: StreamedEvent[] = [];
    let canceled: Task | undefined;
    const parts = [{ kind: 'text' as const, text: 'How do I resume a stream?' }];
    for await (const item of client.streamMessage({
      message: { kind: 'message', messageId: crypto.randomUUID(), role: 'user', parts },
    })) {
      events.push(item);
      // Indexing has started and is held: cancel it while it runs.
      if (!canceled && nodeStarted(item.event, 'index')) {
        await gate.reached;
        canceled = await client.cancelTask(taskIdOf(events));
      }
    }
    const taskId = taskIdOf(events);
    // The executor has returned: the graph run is over (were it not, this would never settle).
    await Promise.all(runs);

    // Before the cancel: loading reported, then indexing started; nothing of indexing after it.
    expect(stages(events).map((stage) => stage.stage)).toEqual(['loading']);
    expect(events.at(-2)?.event).toMatchObject({ metadata: { node: 'index', phase: 'start' } });
    expect(canceled?.status.state).toBe('canceled');
    const finals = statuses(events).filter((event) => event.final);
    expect(finals.map((event) => event.status.state)).toEqual(['canceled']);
    expect(events.at(-1)?.event).toBe(finals[0]);
    // The task's whole log is what the stream delivered: nothing was logged after `canceled`.
    expect(await collect(client.resubscribe(taskId, { lastEventId: 0 }))).toEqual(events);
    expect((await client.getTask(taskId)).status.state).toBe('canceled');
    // The graph stopped in `index`: the held node saw the abort, and no node started after it.
    expect(gate.sawAbort).toBe(true);
    expect(gate.started).toEqual(['understand', 'load', 'index']);
  });
});
