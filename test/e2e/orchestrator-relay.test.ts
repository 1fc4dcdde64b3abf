import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import { calculatorCard, createCalculatorExecutor } from '@a2a-mesh/calculator';
import { KnowledgeBase, createKnowledgeExecutor, defaultDocsFolder, knowledgeCard } from '@a2a-mesh/knowledge';
import { NodeGate } from '@a2a-mesh/langgraph';
import { DeterministicPlanner, artifactText } from '@a2a-mesh/orchestrator';
import type { Artifact, DataPart, StreamEvent, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';
import { createWriterExecutor, writerCard } from '@a2a-mesh/writer';
import { startCutProxy } from '../support/cut-proxy.ts';
import type { CutProxy } from '../support/cut-proxy.ts';
import {
  Specialists,
  answerArtifact,
  answerText,
  collect,
  finalStatus,
  planOf,
  relayedView,
  startStalledLlm,
  taskIdOf,
  testPlanner,
  upstreamTaskIdOf,
  upstreamView,
  userText,
  wholeLog,
} from './support-orchestrator.ts';
import type { KnownAgent, StalledLlm } from './support-orchestrator.ts';

const specialists = new Specialists();
const proxies: CutProxy[] = [];
const llms: StalledLlm[] = [];
afterEach(async () => {
  await Promise.all([...proxies.splice(0), ...llms.splice(0)].map((each) => each.close()));
  await specialists.closeAll();
});

const byKey = (agents: readonly KnownAgent[], key: string): KnownAgent => agents.find((agent) => agent.key === key)!;
const clientOf = (agent: KnownAgent): A2AClient => new A2AClient(agent.card!.url, { card: agent.card! });
const statuses = (items: readonly StreamItem[]): TaskStatusUpdateEvent[] =>
  items.flatMap(({ event }) => (event.kind === 'status-update' ? [event] : []));
const dataOf = (parts: readonly { kind: string }[] | undefined): Record<string, unknown>[] =>
  (parts ?? []).flatMap((part) => (part.kind === 'data' ? [(part as DataPart).data] : []));
const stateOf = (event: StreamEvent): string =>
  event.kind === 'task' || event.kind === 'status-update' ? event.status.state : event.kind;
const range = (count: number): number[] => Array.from({ length: count }, (_, index) => index + 1);

/**
 * Checks that the orchestrator's stream holds every event of `agent`'s upstream task, in the
 * upstream order, each once, with its provenance; returns the upstream task's final artifacts.
 */
async function expectWholeRelay(items: readonly StreamItem[], agent: KnownAgent, step: string): Promise<Artifact[]> {
  const client = clientOf(agent);
  const upstreamTaskId = upstreamTaskIdOf(items, agent.key);
  const upstream = await wholeLog(client, upstreamTaskId);
  expect(relayedView(items, agent.key)).toEqual(upstreamView(upstream, step, agent.key));
  expect(upstream.map((item) => item.id)).toEqual(range(upstream.length));
  for (const { event } of items) {
    if (event.kind === 'task' || event.metadata?.['upstreamKind'] === undefined) continue;
    if (event.metadata['agent'] === agent.key) expect(event.metadata).toMatchObject({ step, upstreamTaskId });
  }
  return (await client.getTask(upstreamTaskId)).artifacts ?? [];
}

/** The plan the orchestrator published: the data part `{ plan: { steps, planner } }`. */
function planIn(items: readonly StreamItem[]) {
  const plan = statuses(items)
    .flatMap((event) => dataOf(event.status.message?.parts))
    .find((data) => 'plan' in data)?.['plan'];
  return plan as { steps: { id: string; agent: string; dependsOn?: string[] }[]; planner: string };
}

describe('the orchestrator with the real specialists: run and relay', () => {
  it('chains knowledge → writer: relays every upstream event in order, with provenance, and answers with the summary', async () => {
    const agents = await specialists.startAll();
    const { client } = await specialists.orchestrator(agents, new DeterministicPlanner());
    const items = await collect(
      client.streamMessage(userText('How does resubscribe with Last-Event-ID work? Summarize it in 2 sentences')),
    );

    expect(items.map((item) => item.id)).toEqual(range(items.length));
    expect(finalStatus(items).status.state).toBe('completed');
    expect(textOf(statuses(items)[0]!.status.message)).toBe('Planning…');
    const plan = planIn(items);
    expect(plan.steps.map(({ id, agent, dependsOn }) => ({ id, agent, dependsOn }))).toEqual([
      { id: 's1', agent: 'knowledge', dependsOn: undefined },
      { id: 's2', agent: 'writer', dependsOn: ['s1'] },
    ]);
    const found = await expectWholeRelay(items, byKey(agents, 'knowledge'), 's1');
    const written = await expectWholeRelay(items, byKey(agents, 'writer'), 's2');

    // The writer started after the knowledge agent's last event, and was given its final artifacts.
    const lastKnowledge = items.findLastIndex(
      ({ event }) => event.kind !== 'task' && event.metadata?.['agent'] === 'knowledge',
    );
    const firstWriter = items.findIndex(({ event }) => event.kind !== 'task' && event.metadata?.['agent'] === 'writer');
    expect(firstWriter).toBeGreaterThan(lastKnowledge);
    const writerTask = await clientOf(byKey(agents, 'writer')).getTask(upstreamTaskIdOf(items, 'writer'));
    expect(dataOf(writerTask.history?.[0]?.parts)).toEqual([{ artifacts: found }]);

    // The answer is the writer's text (streamed sentence by sentence upstream), with every step's outcome.
    expect(answerText(items)).toBe(artifactText(written));
    expect(answerText(items).length).toBeGreaterThan(20);
    expect(dataOf(answerArtifact(items)?.parts)[0]).toMatchObject({
      planner: 'deterministic',
      outcomes: [
        { step: 's1', agent: 'knowledge', state: 'completed' },
        { step: 's2', agent: 'writer', state: 'completed' },
      ],
    });
  });

  it('fans out calculator ∥ knowledge and answers with each under a heading naming its agent', async () => {
    const agents = await specialists.startAll();
    const { client } = await specialists.orchestrator(agents, new DeterministicPlanner());
    const items = await collect(
      client.streamMessage(userText('what is 15% of 80 and how long are finished tasks kept?')),
    );

    expect(finalStatus(items).status.state).toBe('completed');
    expect(planIn(items).steps.map(({ agent, dependsOn }) => [agent, dependsOn ?? []])).toEqual([
      ['calculator', []],
      ['knowledge', []],
    ]);
    const calculated = artifactText(await expectWholeRelay(items, byKey(agents, 'calculator'), 's1'));
    const found = artifactText(await expectWholeRelay(items, byKey(agents, 'knowledge'), 's2'));
    expect(calculated).toBe('15% of 80 = 12');
    expect(answerText(items)).toBe(`## calculator\n\n${calculated}\n\n## knowledge\n\n${found}`);
  });

  it('resumes a dropped upstream stream from its cursor: every upstream event relayed once, in order', async () => {
    const agents = await specialists.startAll();
    const calculator = byKey(agents, 'calculator');
    const proxy = await startCutProxy(calculator.url);
    proxies.push(proxy);
    // Every connection to the calculator is cut after 2.5 KB of response: a few events each.
    proxy.cutAfterBytes(2_500);
    const behindProxy: KnownAgent = { ...calculator, card: { ...calculator.card!, url: `${proxy.url}/a2a` } };
    const reconnects: (number | undefined)[] = [];
    const { client } = await specialists.orchestrator(
      [behindProxy],
      testPlanner(
        planOf({
          id: 's1',
          agent: 'calculator',
          skillId: 'arithmetic',
          text: '(1 + 2) * (3 + 4) * (5 + 6) * (7 + 8) - (9 + 10) / 2',
        }),
      ),
      {
        retry: { attempts: 20, initialDelay: 1, maxDelay: 10 },
        onReconnect: (info) => reconnects.push(info.lastEventId),
      },
    );
    const items = await collect(client.streamMessage(userText('a long calculation')));

    expect(finalStatus(items).status.state).toBe('completed');
    expect(reconnects.length).toBeGreaterThan(2);
    const relayed = relayedView(items, 'calculator').map((view) => view.seq);
    expect(relayed).toEqual(range(relayed.length));
    const result = await expectWholeRelay(items, calculator, 's1');
    expect(answerText(items)).toBe(artifactText(result));
    expect(answerText(items)).toBe('(1 + 2) * (3 + 4) * (5 + 6) * (7 + 8) - (9 + 10) / 2 = 3455.5');
  });

  it('fails naming the agent when a specialist process is killed mid-stream; its sibling finishes, its dependent is skipped', async () => {
    const llm = await startStalledLlm(['Streams', ' resume', ' from', ' a', ' cursor.']);
    llms.push(llm);
    const [{ agent: writer, child }, knowledge, calculator] = await Promise.all([
      specialists.spawn('writer', 'writer', { LLM_BASE_URL: llm.baseUrl, LLM_MODEL: 'fake-model' }),
      specialists.start('knowledge', {
        card: knowledgeCard,
        executor: createKnowledgeExecutor({ knowledgeBase: new KnowledgeBase({ folder: defaultDocsFolder }) }),
      }),
      specialists.start('calculator', { card: calculatorCard, executor: createCalculatorExecutor() }),
    ]);
    const { client } = await specialists.orchestrator(
      [writer, knowledge, calculator],
      testPlanner(
        planOf(
          { id: 's1', agent: 'writer', skillId: 'summarize', text: 'summarize: The log is ordered. Streams resume.' },
          { id: 's2', agent: 'calculator', skillId: 'arithmetic', text: '2 + 2' },
          { id: 's3', agent: 'knowledge', skillId: 'search-docs', text: 'heartbeats', dependsOn: ['s1'] },
        ),
      ),
      { retry: { attempts: 2, initialDelay: 10, maxDelay: 20 } },
    );
    const items: StreamItem[] = [];
    for await (const item of client.streamMessage(userText('summarize, add, search'))) {
      items.push(item);
      const { event } = item;
      // The writer is streaming its answer: kill its process there.
      if (event.kind === 'artifact-update' && event.metadata?.['agent'] === 'writer' && child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }

    const final = finalStatus(items);
    expect(final.status.state).toBe('failed');
    expect(textOf(final.status.message)).toMatch(
      /^writer \(step s1\) failed: it stopped answering mid-task: the connection dropped and could not be resumed \(.+\)\n/,
    );
    expect(textOf(final.status.message)).toMatch(
      /\nknowledge \(step s3\) was skipped: it needs s1 \(writer\), which failed$/,
    );
    expect(answerText(items)).toContain('## calculator\n\n2 + 2 = 4');
    // What the writer streamed before it died stays on the orchestrator's task, without a gap.
    const written = relayedView(items, 'writer');
    expect(written.map((view) => view.seq)).toEqual(range(written.length));
    const task = await client.getTask(final.taskId);
    const partial = task.artifacts?.find((artifact) => artifact.artifactId.startsWith('s1/writer/'));
    expect('Streams resume from a cursor.'.startsWith(artifactText(partial ? [partial] : []))).toBe(true);
    expect(artifactText(partial ? [partial] : [])).not.toBe('');
  });

  it('reports a specialist that answers failed, lets its sibling finish and skips what needed it', async () => {
    const agents = await specialists.startAll();
    const { client } = await specialists.orchestrator(
      agents,
      testPlanner(
        planOf(
          { id: 's1', agent: 'calculator', skillId: 'arithmetic', text: '10 / (5 - 5)' },
          { id: 's2', agent: 'knowledge', skillId: 'answer-question', text: 'How long are finished tasks kept?' },
          { id: 's3', agent: 'writer', skillId: 'summarize', text: 'summarize', dependsOn: ['s1'] },
        ),
      ),
    );
    const items = await collect(client.streamMessage(userText('divide, ask, summarize')));
    expect(finalStatus(items).status.state).toBe('failed');
    expect(textOf(finalStatus(items).status.message)).toBe(
      'calculator (step s1) failed: Division by zero: "10 / (5 - 5)" divides by "5 - 5", which is 0. A number cannot be divided by zero.\n' +
        'writer (step s3) was skipped: it needs s1 (calculator), which failed',
    );
    expect(dataOf(answerArtifact(items)?.parts)[0]?.['outcomes']).toMatchObject([
      { agent: 'calculator', state: 'failed' },
      { agent: 'knowledge', state: 'completed' },
      { agent: 'writer', state: 'skipped' },
    ]);
    await expectWholeRelay(items, byKey(agents, 'knowledge'), 's2');
  });

  it('cancels every upstream task, promptly, when the orchestrator task is canceled', async () => {
    const gates = { knowledge: new NodeGate('search'), calculator: new NodeGate('evaluate') };
    const agents = await Promise.all([
      specialists.start('knowledge', {
        card: knowledgeCard,
        executor: createKnowledgeExecutor({
          knowledgeBase: new KnowledgeBase({ folder: defaultDocsFolder }),
          beforeNode: gates.knowledge.beforeNode,
        }),
      }),
      specialists.start('calculator', {
        card: calculatorCard,
        executor: createCalculatorExecutor({ beforeNode: gates.calculator.beforeNode }),
      }),
      specialists.start('writer', { card: writerCard, executor: createWriterExecutor() }),
    ]);
    const { client } = await specialists.orchestrator(
      agents,
      testPlanner(
        planOf(
          { id: 's1', agent: 'knowledge', skillId: 'answer-question', text: 'What happens to a slow subscriber?' },
          { id: 's2', agent: 'calculator', skillId: 'arithmetic', text: '(2 + 3) * 4^2' },
          { id: 's3', agent: 'writer', skillId: 'summarize', text: 'summarize', dependsOn: ['s1', 's2'] },
        ),
      ),
    );
    const stream = client.streamMessage(userText('search and calculate, then summarize'));
    const first = await stream.next();
    const taskId = taskIdOf(first.value!.event);
    // Both specialists are mid-task, each held in one of its nodes.
    await Promise.all([gates.knowledge.reached, gates.calculator.reached]);
    await client.cancelTask(taskId);
    const items = [first.value!, ...(await collect(stream))];

    expect(finalStatus(items).status.state).toBe('canceled');
    for (const key of ['knowledge', 'calculator'] as const) {
      const upstream = clientOf(byKey(agents, key));
      const upstreamTaskId = upstreamTaskIdOf(items, key);
      // Read to the end: the snapshot of an ended task, or the live events up to its final one.
      const ending = (await collect(upstream.resubscribe(upstreamTaskId))).at(-1)!.event;
      expect(stateOf(ending)).toBe('canceled');
      expect((await upstream.getTask(upstreamTaskId)).status.state).toBe('canceled');
      expect(gates[key].sawAbort).toBe(true);
    }
    expect(items.some(({ event }) => event.kind !== 'task' && event.metadata?.['agent'] === 'writer')).toBe(false);
  });

  it('passes each specialist’s question to the user and each reply back to it, then finishes the plan', async () => {
    const agents = await specialists.startAll();
    const { client } = await specialists.orchestrator(
      agents,
      testPlanner(
        planOf(
          { id: 's1', agent: 'calculator', skillId: 'arithmetic', text: '2 + * 3' },
          { id: 's2', agent: 'knowledge', skillId: 'search-docs', text: 'find what the docs say about it' },
          { id: 's3', agent: 'writer', skillId: 'summarize', text: 'summarize', dependsOn: ['s1', 's2'] },
        ),
      ),
    );
    const first = await collect(client.streamMessage(userText('calculate and search, then summarize')));
    const taskId = taskIdOf(first[0]!.event);
    const asked = finalStatus(first);
    expect(asked.status.state).toBe('input-required');
    expect(textOf(asked.status.message)).toMatch(/^calculator asks: I could not read "2 \+ \* 3": expected a number/);
    expect(dataOf(asked.status.message?.parts)).toEqual([
      { interrupts: [expect.objectContaining({ value: expect.objectContaining({ problem: expect.anything() }) })] },
      { waitingFor: { step: 's1', agent: 'calculator', upstreamTaskId: upstreamTaskIdOf(first, 'calculator') } },
    ]);

    const second = await collect(client.streamMessage(userText('2 + 3', { taskId })));
    expect(finalStatus(second).status.state).toBe('input-required');
    expect(textOf(finalStatus(second).status.message)).toMatch(
      /^knowledge asks: "find what the docs say about it" is too vague/,
    );

    const third = await collect(client.streamMessage(userText('heartbeats', { taskId })));
    expect(finalStatus(third).status.state).toBe('completed');
    // Each continuation's stream opens with the task snapshot: the rest is relayed events.
    const all = [...first, ...second.slice(1), ...third.slice(1)];
    const calculated = await expectWholeRelay(all, byKey(agents, 'calculator'), 's1');
    const found = await expectWholeRelay(all, byKey(agents, 'knowledge'), 's2');
    const written = await expectWholeRelay(all, byKey(agents, 'writer'), 's3');
    expect(artifactText(calculated)).toBe('2 + 3 = 5');
    expect(artifactText(found)).toContain('heartbeat');
    expect(answerText(third)).toBe(artifactText(written));
    expect(all.map((item) => item.id)).toEqual(range(all.length));
  });

  it('cancels the specialist task that asked, when the orchestrator task is canceled while waiting', async () => {
    const agents = await specialists.startAll();
    const { client } = await specialists.orchestrator(
      agents,
      testPlanner(planOf({ id: 's1', agent: 'calculator', skillId: 'arithmetic', text: '2 + * 3' })),
    );
    const first = await collect(client.streamMessage(userText('calculate')));
    const taskId = taskIdOf(first[0]!.event);
    expect(finalStatus(first).status.state).toBe('input-required');
    const upstreamTaskId = upstreamTaskIdOf(first, 'calculator');
    const upstream = await A2AClient.fromCardUrl(byKey(agents, 'calculator').url);
    expect((await upstream.getTask(upstreamTaskId)).status.state).toBe('input-required');
    expect((await client.cancelTask(taskId)).status.state).toBe('canceled');
    expect((await upstream.getTask(upstreamTaskId)).status.state).toBe('canceled');
    await upstream.close();
  });

  it('answers a request no specialist serves with a clear sentence, and completes', async () => {
    const agents = await specialists.startAll();
    const { client } = await specialists.orchestrator(agents, new DeterministicPlanner());
    const items = await collect(client.streamMessage(userText('book me a flight to Paris')));
    expect(finalStatus(items).status.state).toBe('completed');
    expect(answerText(items)).toMatch(
      /^No specialist can help with "book me a flight to Paris"\. The mesh can help with: /,
    );
    expect(items.some(({ event }) => event.kind !== 'task' && event.metadata?.['upstreamKind'] !== undefined)).toBe(
      false,
    );
  });

  it('serves its own stream gap-free: through dropped connections, and from any cursor', async () => {
    const agents = await specialists.startAll();
    const { url } = await specialists.orchestrator(agents, new DeterministicPlanner());
    const proxy = await startCutProxy(url);
    proxies.push(proxy);
    // Larger than any one event (the knowledge agent's answer is about 10 KB), far smaller than the stream.
    proxy.cutAfterBytes(16 * 1024);
    const reconnects: (number | undefined)[] = [];
    const client = new A2AClient(`${proxy.url}/a2a`, {
      retry: { attempts: 20, initialDelay: 1, maxDelay: 10 },
      onReconnect: (info) => reconnects.push(info.lastEventId),
    });
    const items = await collect(
      client.streamMessage(userText('How does resubscribe with Last-Event-ID work? Summarize it in 2 sentences')),
    );
    expect(finalStatus(items).status.state).toBe('completed');
    expect(reconnects.length).toBeGreaterThan(0);
    expect(items.map((item) => item.id)).toEqual(range(items.length));

    const direct = new A2AClient(`${url}/a2a`);
    const taskId = taskIdOf(items[0]!.event);
    const whole = await collect(direct.resubscribe(taskId, { lastEventId: 0 }));
    expect(whole.map((item) => JSON.stringify(item))).toEqual(items.map((item) => JSON.stringify(item)));
    const cursor = Math.floor(items.length / 2);
    const rest = await collect(direct.resubscribe(taskId, { lastEventId: cursor }));
    expect(rest.map((item) => JSON.stringify(item))).toEqual(items.slice(cursor).map((item) => JSON.stringify(item)));
  });
});
