import { afterEach, describe, expect, it } from 'vitest';
import { A2AClient } from '@a2a-mesh/client';
import type { StreamItem } from '@a2a-mesh/client';
import type { DataPart, TaskStatusUpdateEvent } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';
import type { AgentExecutor } from '@a2a-mesh/server';
import { forgottenTask } from './orchestrator-executor.ts';
import {
  OrchestratorHarness,
  answerText,
  collect,
  finalStatus,
  planOf,
  taskIdOf,
  testPlanner,
  userText,
} from './orchestrator-executor-harness.ts';
import type { Plan } from './plan.ts';

const harness = new OrchestratorHarness();
afterEach(() => harness.close());

/** A specialist that answers "<its key> answers: <request>". */
function echoing(key: string): AgentExecutor {
  return {
    async execute(context, publisher) {
      await publisher.artifact({
        artifactId: 'reply',
        parts: [{ kind: 'text', text: `${key} answers: ${textOf(context.message)}` }],
      });
    },
  };
}

const statuses = (items: readonly StreamItem[]): TaskStatusUpdateEvent[] =>
  items.flatMap(({ event }) => (event.kind === 'status-update' ? [event] : []));
const finalText = (items: readonly StreamItem[]) => textOf(finalStatus(items).status.message);
const alphaPlan = (request: string): Plan => planOf({ id: 's1', agent: 'alpha', skillId: 'alpha', text: request });

describe('createOrchestratorExecutor', () => {
  it('asks what to do when the message is empty, then plans the reply', async () => {
    await harness.specialist('alpha', echoing('alpha'));
    const planner = testPlanner(alphaPlan);
    const orchestrator = await harness.orchestrator(planner);
    const asked = await collect(orchestrator.streamMessage(userText('  ')));
    expect(finalStatus(asked).status.state).toBe('input-required');
    expect(finalText(asked)).toBe('What should I do? Send a question or a task. For example: "alpha this".');
    const taskId = taskIdOf(finalStatus(asked));

    const again = await collect(orchestrator.streamMessage(userText('', { taskId })));
    expect(finalStatus(again).status.state).toBe('input-required');
    const done = await collect(orchestrator.streamMessage(userText('count the stars', { taskId })));
    expect(finalStatus(done).status.state).toBe('completed');
    expect(planner.calls.map((call) => call.request)).toEqual(['count the stars']);
    expect(answerText(done)).toBe('alpha answers: count the stars');
  });

  it('answers an unserved request with the planner’s sentence and completes', async () => {
    const unserved = 'No agent I know can book flights.';
    const orchestrator = await harness.orchestrator(testPlanner({ steps: [], planner: 'deterministic', unserved }));
    const items = await collect(orchestrator.streamMessage(userText('book me a flight')));
    expect(finalStatus(items).status.state).toBe('completed');
    expect(answerText(items)).toBe(unserved);
    const planned = statuses(items).find((event) => event.status.message?.parts.some((part) => part.kind === 'data'));
    expect(planned?.status.message?.parts[1]).toEqual({
      kind: 'data',
      data: { plan: { steps: [], planner: 'deterministic', unserved } },
    });
  });

  it('fails clearly when the planner fails or makes a plan that cannot run', async () => {
    const broken = await harness.orchestrator({
      plan: () => Promise.reject(new Error('the LLM is down')),
    });
    expect(finalText(await collect(broken.streamMessage(userText('hi'))))).toBe('The planner failed: the LLM is down');

    const step = (id: string, dependsOn: string[]) => ({ id, agent: 'alpha', skillId: 'alpha', text: id, dependsOn });
    const cyclic = await harness.orchestrator(testPlanner(planOf(step('s1', ['s2']), step('s2', ['s1']))));
    const items = await collect(cyclic.streamMessage(userText('hi')));
    expect(finalStatus(items).status.state).toBe('failed');
    expect(finalText(items)).toBe(
      'The planner made a plan that cannot run: its steps depend on each other in a cycle: s1 → s2 → s1.',
    );
    const dangling = await harness.orchestrator(testPlanner(planOf(step('s1', ['s7']))));
    expect(finalText(await collect(dangling.streamMessage(userText('hi'))))).toBe(
      'The planner made a plan that cannot run: step s1 depends on s7, which is not in the plan.',
    );
  });

  it('gives the planner the earlier turns of the same conversation only', async () => {
    await harness.specialist('alpha', echoing('alpha'));
    const planner = testPlanner(alphaPlan);
    const orchestrator = await harness.orchestrator(planner);
    const first = await collect(orchestrator.streamMessage(userText('5 km in miles', { contextId: 'trip' })));
    await collect(orchestrator.streamMessage(userText('and in metres?', { contextId: 'trip' })));
    await collect(orchestrator.streamMessage(userText('unrelated', { contextId: 'other' })));
    expect(planner.calls.map((call) => call.history)).toEqual([
      [],
      [{ request: '5 km in miles', answer: answerText(first) }],
      [],
    ]);
    expect(answerText(first)).toBe('alpha answers: 5 km in miles');
  });

  it('forgets the oldest waiting task beyond its bound, canceling what waits upstream', async () => {
    await harness.specialist('alpha', {
      async execute(_context, publisher) {
        await publisher.status('input-required', 'Which one?');
      },
    });
    const orchestrator = await harness.orchestrator(testPlanner(alphaPlan), { maxWaitingTasks: 1 });
    const first = await collect(orchestrator.streamMessage(userText('pick')));
    expect(finalText(first)).toBe('alpha asks: Which one?');
    const waiting = finalStatus(first).status.message?.parts.find((part): part is DataPart => part.kind === 'data');
    const { upstreamTaskId } = waiting?.data['waitingFor'] as { upstreamTaskId: string };
    await collect(orchestrator.streamMessage(userText('')));

    // The specialist's task, left waiting by the forgotten one, ends canceled.
    const upstream = (await collect(harness.client('alpha').resubscribe(upstreamTaskId))).at(-1)!.event;
    expect(upstream.kind === 'task' || upstream.kind === 'status-update' ? upstream.status.state : upstream.kind).toBe(
      'canceled',
    );
    const reply = await collect(
      orchestrator.streamMessage(userText('the first', { taskId: taskIdOf(finalStatus(first)) })),
    );
    expect(finalStatus(reply).status.state).toBe('failed');
    expect(finalText(reply)).toBe(forgottenTask);
  });

  it('carries the caller’s trace to every specialist it calls', async () => {
    const traces: (string | undefined)[] = [];
    await harness.specialist('alpha', {
      async execute(context, publisher) {
        traces.push(context.traceId);
        await publisher.artifact({ artifactId: 'reply', parts: [{ kind: 'text', text: 'traced' }] });
      },
    });
    const orchestrator = await harness.orchestrator(testPlanner(alphaPlan));
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const traced = new A2AClient(orchestrator.endpoint, {
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01` },
    });
    expect(finalStatus(await collect(traced.streamMessage(userText('hello')))).status.state).toBe('completed');
    expect(traces).toEqual([traceId]);
  });

  it('serves its own stream from a cursor: a resubscribe gets exactly the events after it', async () => {
    await harness.specialist('alpha', echoing('alpha'));
    const orchestrator = await harness.orchestrator(testPlanner(alphaPlan));
    const seen: StreamItem[] = [];
    for await (const item of orchestrator.streamMessage(userText('hello'))) {
      seen.push(item);
      if (seen.length === 4) break; // the caller drops off mid-task
    }
    const taskId = taskIdOf(seen[0]!.event);
    const rest = await collect(orchestrator.resubscribe(taskId, { lastEventId: 4 }));
    const whole = await collect(orchestrator.resubscribe(taskId, { lastEventId: 0 }));
    expect([...seen, ...rest].map((item) => JSON.stringify(item))).toEqual(whole.map((item) => JSON.stringify(item)));
    expect(whole.map((item) => item.id)).toEqual(whole.map((_, index) => index + 1));
    expect(finalStatus(whole).status.state).toBe('completed');
  });
});
