import { Annotation, END, MemorySaver, START, StateGraph, interrupt } from '@langchain/langgraph';
import type { BaseCheckpointSaver, LangGraphRunnableConfig } from '@langchain/langgraph';
import type { A2AClientOptions } from '@a2a-mesh/client';
import type { Message, Part } from '@a2a-mesh/protocol';
import { textOf } from '@a2a-mesh/server';
import type { EventPublisher, Logger } from '@a2a-mesh/server';
import type { ConversationTurn, KnownAgent, Plan, Planner } from './plan.ts';
import { planRunnerAnswer } from './plan-runner-answer.ts';
import { PlanRunner } from './plan-runner.ts';
import type { UpstreamOutcome } from './upstream-outcome.ts';
import { upstreamQuestion } from './upstream-question.ts';

/** The specialists the orchestrator can call, as a directory lists them. */
export interface OrchestratorDirectory {
  agents(): readonly KnownAgent[];
  get(key: string): KnownAgent | undefined;
}

/** What one orchestrator task keeps between its runs while it waits for a reply. */
export interface OrchestratorSession {
  runner?: PlanRunner;
}

/** What the graph's nodes get of the run in progress (LangGraph's run context: never checkpointed). */
export interface OrchestratorRun {
  publisher: EventPublisher;
  signal: AbortSignal;
  session: OrchestratorSession;
  /** Headers for every upstream call (a `traceparent`, say). */
  headers?: Record<string, string>;
}

const last = <TValue>(initial: TValue) => Annotation<TValue>({ reducer: (_, next) => next, default: () => initial });

/** The graph's state: what is checkpointed while a task waits for a reply. */
export const OrchestratorState = Annotation.Root({
  request: last(''),
  history: last<ConversationTurn[]>([]),
  /** The plan made for the request (the channel cannot be called `plan`: that is the node). */
  planned: last<Plan | null>(null),
  /** The question the task waits on: parts of an `input-required` status. */
  question: last<Part[] | null>(null),
  /** The user's reply to it, until a step takes it. */
  reply: last<Message | null>(null),
  outcomes: last<UpstreamOutcome[]>([]),
  answer: last<{ text: string; failure?: string } | null>(null),
});

const RunContext = Annotation.Root({ run: Annotation<OrchestratorRun>() });
type NodeConfig = LangGraphRunnableConfig<typeof RunContext.State>;

/** Options of {@link createOrchestratorGraph}. */
export interface OrchestratorGraphOptions {
  directory: OrchestratorDirectory;
  planner: Planner;
  logger: Logger;
  clientOptions?: Omit<A2AClientOptions, 'card'>;
  /** Where waiting tasks' graph state is kept, per task id (the thread). Default a `MemorySaver`. */
  checkpointer?: BaseCheckpointSaver;
}

/**
 * The orchestrator's flow as a LangGraph graph: `plan` → `run` → `compose`, with `clarify` before
 * planning an empty request and `ask` whenever a specialist asks something. Both are
 * `interrupt()`s: the task waits `input-required`, and the reply resumes the graph on the task's
 * thread. The nodes publish on the orchestrator's task as they go (`run` relays every upstream
 * event); what they publish with is the run context, never part of the checkpointed state.
 */
export function createOrchestratorGraph(options: OrchestratorGraphOptions) {
  const { directory, planner, logger } = options;

  async function plan(state: typeof OrchestratorState.State, config: NodeConfig) {
    const { publisher } = runOf(config);
    await publisher.status('working', 'Planning…');
    let plan: Plan;
    try {
      plan = await planner.plan(state.request, directory.agents(), state.history);
    } catch (error) {
      throw new Error(`The planner failed: ${(error as Error).message}`, { cause: error });
    }
    const problem = PlanRunner.problemWith(plan);
    if (problem) throw new Error(`The planner made a plan that cannot run: ${problem}.`);
    const data = {
      plan: { steps: plan.steps, planner: plan.planner, ...(plan.unserved ? { unserved: plan.unserved } : {}) },
    };
    await publisher.status('working', [
      { kind: 'text', text: describePlan(plan) },
      { kind: 'data', data },
    ]);
    return { planned: plan };
  }

  async function run(state: typeof OrchestratorState.State, config: NodeConfig) {
    const { publisher, signal, session, headers } = runOf(config);
    session.runner ??= new PlanRunner({
      plan: state.planned!,
      directory,
      logger,
      ...(options.clientOptions ? { clientOptions: options.clientOptions } : {}),
    });
    const call = { publisher, ...(headers ? { headers } : {}) };
    const pause = await session.runner.advance(call, signal, state.reply ?? undefined);
    signal.throwIfAborted();
    const question = pause.kind === 'waiting' ? upstreamQuestion(pause.step) : null;
    return { reply: null, question, outcomes: session.runner.outcomes() };
  }

  async function compose(state: typeof OrchestratorState.State, config: NodeConfig) {
    const answer = planRunnerAnswer(state.planned!, state.outcomes);
    await runOf(config).publisher.artifact(answer.artifact, { lastChunk: true });
    return { answer: { text: answer.text, ...(answer.failure ? { failure: answer.failure } : {}) } };
  }

  return new StateGraph(OrchestratorState, RunContext)
    .addNode('clarify', () => ({ request: textOf(interrupt<Part[], Message>(clarifyQuestion(directory))).trim() }))
    .addNode('plan', plan)
    .addNode('run', run)
    .addNode('ask', (state) => ({ reply: interrupt<Part[], Message>(state.question!), question: null }))
    .addNode('compose', compose)
    .addConditionalEdges(START, (state) => (state.request ? 'plan' : 'clarify'), ['plan', 'clarify'])
    .addConditionalEdges('clarify', (state) => (state.request ? 'plan' : 'clarify'), ['plan', 'clarify'])
    .addConditionalEdges('plan', (state) => (state.planned?.steps.length ? 'run' : 'compose'), ['run', 'compose'])
    .addConditionalEdges('run', (state) => (state.question ? 'ask' : 'compose'), ['ask', 'compose'])
    .addEdge('ask', 'run')
    .addEdge('compose', END)
    .compile({ checkpointer: options.checkpointer ?? new MemorySaver() });
}

function runOf(config: NodeConfig): OrchestratorRun {
  const run = config.context?.run;
  if (!run) throw new Error('the orchestrator graph runs only with its run context');
  return run;
}

/** One line per step, for people; the data part beside it is for programs. */
function describePlan(plan: Plan): string {
  if (plan.steps.length === 0) return `Plan (${plan.planner}): no step. ${plan.unserved ?? ''}`.trim();
  const steps = plan.steps.map((step) => {
    const after = step.dependsOn?.length ? `, after ${step.dependsOn.join(' and ')}` : '';
    return `${step.id}: ${step.agent} (${step.skillId})${after}`;
  });
  return `Plan (${plan.planner}): ${steps.join('; ')}`;
}

/** What an empty request is answered with, with a few example requests the known agents take. */
function clarifyQuestion(directory: OrchestratorDirectory): Part[] {
  const examples = directory
    .agents()
    .filter((agent) => agent.healthy)
    .flatMap((agent) => agent.card?.skills[0]?.examples?.slice(0, 1) ?? [])
    .slice(0, 3);
  const hint = examples.length > 0 ? ` For example: ${examples.map((example) => `"${example}"`).join(', ')}.` : '';
  return [{ kind: 'text', text: `What should I do? Send a question or a task.${hint}` }];
}
