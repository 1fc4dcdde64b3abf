import { afterEach, describe, expect, it } from 'vitest';
import type { A2AClient, StreamItem } from '@a2a-mesh/client';
import type { Message } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';
import type { AgentExecutor } from '@a2a-mesh/server';
import {
  Gate,
  OrchestratorHarness,
  answerArtifact,
  answerText,
  collect,
  finalStatus,
  planOf,
  relayedView,
  taskIdOf,
  testPlanner,
  upstreamTaskIdOf,
  upstreamView,
  userText,
  wholeLog,
} from './orchestrator-executor-harness.ts';
import type { PlanStep } from './plan.ts';

const harness = new OrchestratorHarness();
afterEach(() => harness.close());

/** A specialist that answers with one artifact, `answer`, holding `text` in two chunks; it keeps what it was sent. */
function answering(text: string, received: Message[] = [], gate?: Gate): AgentExecutor {
  return {
    async execute(context, publisher, signal) {
      received.push(context.message);
      await publisher.status('working', `working on ${textOf(context.message).split('\n')[0]}`);
      await gate?.pass(signal);
      const half = Math.ceil(text.length / 2);
      await publisher.artifact({ artifactId: 'answer', parts: [{ kind: 'text', text: text.slice(0, half) }] });
      await publisher.artifact(
        { artifactId: 'answer', parts: [{ kind: 'text', text: text.slice(half) }] },
        { append: true, lastChunk: true },
      );
    },
  };
}

const step = (id: string, agent: string, extra: Partial<PlanStep> = {}): PlanStep => ({
  id,
  agent,
  skillId: agent,
  text: `${agent} this`,
  ...extra,
});

/** Checks that the orchestrator relayed `agent`'s whole upstream log, in order, nothing missing or repeated. */
async function expectRelayedWhole(items: readonly StreamItem[], agent: string, stepId: string): Promise<void> {
  const upstream = await wholeLog(harness.client(agent), upstreamTaskIdOf(items, agent));
  expect(relayedView(items, agent)).toEqual(upstreamView(upstream, stepId, agent));
}

describe('PlanRunner (through a real orchestrator and real test specialists)', () => {
  it('runs a dependent step after its input, giving it the final artifact as text and as data', async () => {
    const textOnly: Message[] = [];
    const takesJson: Message[] = [];
    await harness.specialist('alpha', answering('Alpha found it.'));
    await harness.specialist('beta', answering('Beta wrote it.', textOnly));
    await harness.specialist('gamma', answering('Gamma wrote it.', takesJson), { json: true });
    const orchestrator = await harness.orchestrator(
      testPlanner(
        planOf(
          step('s1', 'alpha'),
          step('s2', 'beta', { text: 'summarize', dependsOn: ['s1'] }),
          step('s3', 'gamma', { text: 'summarize', dependsOn: ['s1'] }),
        ),
      ),
    );
    const items = await collect(orchestrator.streamMessage(userText('find and summarize')));

    expect(items.map((item) => item.id)).toEqual(items.map((_, index) => index + 1));
    expect(finalStatus(items).status.state).toBe('completed');
    const inputArtifact = {
      artifactId: 'answer',
      parts: [
        { kind: 'text', text: 'Alpha fo' },
        { kind: 'text', text: 'und it.' },
      ],
    };
    // A text-only agent gets the input's text in the message text; an agent that takes JSON reads the data part.
    expect(textOnly[0]!.parts).toEqual([
      { kind: 'text', text: 'summarize\n\nAlpha found it.' },
      { kind: 'data', data: { artifacts: [inputArtifact] } },
    ]);
    expect(takesJson[0]!.parts).toEqual([
      { kind: 'text', text: 'summarize' },
      { kind: 'data', data: { artifacts: [inputArtifact] } },
    ]);
    // The dependents started only once their input had completed upstream.
    const alphaCompleted = items.findIndex(
      ({ event }) => event.kind === 'status-update' && event.metadata?.['upstreamState'] === 'completed',
    );
    const betaFirst = items.findIndex(({ event }) => event.kind !== 'task' && event.metadata?.['agent'] === 'beta');
    expect(alphaCompleted).toBeGreaterThan(0);
    expect(betaFirst).toBeGreaterThan(alphaCompleted);
    for (const [agent, id] of [
      ['alpha', 's1'],
      ['beta', 's2'],
      ['gamma', 's3'],
    ] as const) {
      await expectRelayedWhole(items, agent, id);
    }
    // Two last steps: each under a heading naming its agent.
    expect(answerText(items)).toBe('## beta\n\nBeta wrote it.\n\n## gamma\n\nGamma wrote it.');
  });

  it('starts independent steps at once, in parallel', async () => {
    const gates = { alpha: new Gate(), beta: new Gate() };
    await harness.specialist('alpha', answering('A.', [], gates.alpha));
    await harness.specialist('beta', answering('B.', [], gates.beta));
    const orchestrator = await harness.orchestrator(testPlanner(planOf(step('s1', 'alpha'), step('s2', 'beta'))));
    const done = collect(orchestrator.streamMessage(userText('both')));
    // Each gate is reached only while the other specialist is still held: only parallel calls get here.
    await Promise.all([gates.alpha.reached, gates.beta.reached]);
    gates.beta.open();
    gates.alpha.open();
    const items = await done;
    expect(finalStatus(items).status.state).toBe('completed');
    expect(answerText(items)).toBe('## alpha\n\nA.\n\n## beta\n\nB.');
  });

  it('skips the steps that need a failed step, lets its siblings finish, and fails naming the agent', async () => {
    await harness.specialist('alpha', {
      async execute() {
        throw new Error('the index is corrupt');
      },
    });
    await harness.specialist('beta', answering('Beta is fine.'));
    await harness.specialist('gamma', answering('never'));
    const orchestrator = await harness.orchestrator(
      testPlanner(planOf(step('s1', 'alpha'), step('s2', 'beta'), step('s3', 'gamma', { dependsOn: ['s1'] }))),
    );
    const items = await collect(orchestrator.streamMessage(userText('go')));
    const final = finalStatus(items);
    expect(final.status.state).toBe('failed');
    expect(textOf(final.status.message)).toBe(
      'alpha (step s1) failed: The agent failed: the index is corrupt\n' +
        'gamma (step s3) was skipped: it needs s1 (alpha), which failed',
    );
    const task = await orchestrator.getTask(taskIdOf(final));
    expect(task.artifacts?.map((artifact) => artifact.artifactId)).toEqual(['s2/beta/answer', 'answer']);
    const outcomes = answerArtifact(items)!.parts.find((part) => part.kind === 'data')!;
    expect(outcomes).toMatchObject({
      data: {
        outcomes: [
          { step: 's1', agent: 'alpha', state: 'failed' },
          { step: 's2', agent: 'beta', state: 'completed', artifactIds: ['s2/beta/answer'] },
          { step: 's3', agent: 'gamma', state: 'skipped' },
        ],
      },
    });
  });

  it('fails a step whose agent is unknown or unavailable, saying so', async () => {
    harness.register({
      key: 'sleepy',
      url: 'http://127.0.0.1:9',
      card: undefined,
      healthy: false,
      problem: 'connection refused',
    });
    const orchestrator = await harness.orchestrator(testPlanner(planOf(step('s1', 'ghost'), step('s2', 'sleepy'))));
    const items = await collect(orchestrator.streamMessage(userText('go')));
    expect(textOf(finalStatus(items).status.message)).toBe(
      'ghost (step s1) failed: no such agent\nsleepy (step s2) failed: it is not available (connection refused)',
    );
  });

  it('waits for running siblings, then asks the user what a specialist asks, and sends the reply to its task', async () => {
    const siblingGate = new Gate();
    const asked: Message[] = [];
    await harness.specialist('alpha', {
      async execute(context, publisher) {
        asked.push(context.message);
        if (!context.isContinuation) return publisher.status('input-required', 'Which colour?');
        await publisher.status('working', 'Thanks.');
        await publisher.artifact({
          artifactId: 'answer',
          parts: [{ kind: 'text', text: `You chose ${textOf(context.message)}.` }],
        });
      },
    });
    await harness.specialist('beta', answering('Beta done.', [], siblingGate));
    await harness.specialist('gamma', answering('Gamma read it.'));
    const orchestrator = await harness.orchestrator(
      testPlanner(planOf(step('s1', 'alpha'), step('s2', 'beta'), step('s3', 'gamma', { dependsOn: ['s1'] }))),
    );
    const first: StreamItem[] = [];
    const stream = orchestrator.streamMessage(userText('go'));
    for await (const item of stream) {
      first.push(item);
      const { event } = item;
      // alpha has asked; the orchestrator goes on working while beta still runs.
      if (event.kind === 'status-update' && event.metadata?.['upstreamState'] === 'input-required') {
        expect((await orchestrator.getTask(taskIdOf(event))).status.state).toBe('working');
        siblingGate.open();
      }
    }
    const question = finalStatus(first);
    expect(question.status.state).toBe('input-required');
    const upstreamTaskId = upstreamTaskIdOf(first, 'alpha');
    expect(question.status.message?.parts).toEqual([
      { kind: 'text', text: 'alpha asks: Which colour?' },
      { kind: 'data', data: { waitingFor: { step: 's1', agent: 'alpha', upstreamTaskId } } },
    ]);

    const taskId = taskIdOf(question);
    const rest = await collect(orchestrator.streamMessage(userText('blue', { taskId })));
    expect(finalStatus(rest).status.state).toBe('completed');
    expect(asked.map((message) => [message.taskId, textOf(message)])).toEqual([
      [upstreamTaskId, 'alpha this'],
      [upstreamTaskId, 'blue'],
    ]);
    expect(answerText(rest)).toBe('## beta\n\nBeta done.\n\n## gamma\n\nGamma read it.');
    // Across both runs: alpha's whole log, each event once (the continuation's snapshot is not relayed again).
    await expectRelayedWhole([...first, ...rest.slice(1)], 'alpha', 's1');
  });

  it('cancels every upstream task when the orchestrator task is canceled', async () => {
    const gates = { alpha: new Gate(), beta: new Gate() };
    await harness.specialist('alpha', answering('A.', [], gates.alpha));
    await harness.specialist('beta', answering('B.', [], gates.beta));
    const orchestrator = await harness.orchestrator(testPlanner(planOf(step('s1', 'alpha'), step('s2', 'beta'))));
    const stream = orchestrator.streamMessage(userText('both'));
    const items: StreamItem[] = [];
    const relayedTwice = new Set<string>();
    for await (const item of stream) {
      items.push(item);
      const agent = item.event.kind === 'status-update' ? item.event.metadata?.['agent'] : undefined;
      // Each specialist's "working on" update has come through: both upstream tasks are running.
      if (
        typeof agent === 'string' &&
        textOf(item.event.kind === 'status-update' ? item.event.status.message : undefined).startsWith('working on')
      ) {
        relayedTwice.add(agent);
        if (relayedTwice.size === 2) await orchestrator.cancelTask(taskIdOf(item.event));
      }
    }
    expect(finalStatus(items).status.state).toBe('canceled');
    for (const agent of ['alpha', 'beta'])
      await expectUpstreamCanceled(harness.client(agent), upstreamTaskIdOf(items, agent));
  });
});

/** Reads the upstream task's stream to its end (a snapshot when it has ended, else live events) and checks it ended canceled. */
async function expectUpstreamCanceled(client: A2AClient, taskId: string): Promise<void> {
  const last = (await collect(client.resubscribe(taskId))).at(-1)!.event;
  expect(last.kind === 'task' || last.kind === 'status-update' ? last.status.state : last.kind).toBe('canceled');
  expect((await client.getTask(taskId)).status.state).toBe('canceled');
}
