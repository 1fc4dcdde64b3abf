import type { BaseCallbackHandler } from '@langchain/core/callbacks/base';
import { Command, MemorySaver } from '@langchain/langgraph';
import type { BaseCheckpointSaver, StateSnapshot } from '@langchain/langgraph';
import type { Artifact } from '@a2a-mesh/protocol';
import { silentLogger } from '@a2a-mesh/server';
import type { AgentExecutor, Logger, RequestContext } from '@a2a-mesh/server';
import { BeforeNodeHandler } from './before-node-handler.ts';
import type { BeforeNode } from './before-node-handler.ts';
import { defaultResultToArtifacts } from './default-result-to-artifacts.ts';
import { defaultToInput, defaultToResume } from './default-to-input.ts';
import { describeGraphError } from './describe-graph-error.ts';
import { guardedPublisher } from './guarded-publisher.ts';
import { interruptQuestion } from './interrupt-question.ts';
import type { ReplayRecord } from './replay-filter.ts';
import { StreamMapper } from './stream-mapper.ts';

/**
 * What the executor needs of a compiled graph (`StateGraph.compile()` returns one). Structural,
 * so that any graph state type fits without casts.
 */
export interface RunnableGraph {
  checkpointer?: BaseCheckpointSaver | boolean;
  stream(input: unknown, options: GraphStreamOptions): Promise<AsyncIterable<unknown>>;
  getState(config: { configurable: { thread_id: string } }): Promise<StateSnapshot>;
  withConfig(config: Record<string, never>): RunnableGraph;
}

/** The options the executor passes to `graph.stream`. */
export interface GraphStreamOptions {
  streamMode: (typeof StreamMapper.streamModes)[number][];
  configurable: { thread_id: string };
  signal: AbortSignal;
  recursionLimit?: number;
  callbacks?: BaseCallbackHandler[];
}

/** Options of {@link createGraphExecutor}; only `graph` is required. */
export interface GraphExecutorOptions {
  graph: RunnableGraph;
  /** The graph input for a new task. Default {@link defaultToInput}: `{ messages: [HumanMessage] }`. */
  toInput?: (context: RequestContext) => unknown;
  /** The value `interrupt()` returns on resume. Default {@link defaultToResume}: the reply's text. */
  toResume?: (context: RequestContext) => unknown;
  /** The final artifacts, from the last state. Default {@link defaultResultToArtifacts}. */
  resultToArtifacts?: (state: Record<string, unknown>) => Artifact[];
  /**
   * Where interrupted runs wait, keyed by task id. Default: the graph's own checkpointer, else a
   * `MemorySaver`. A task's thread is deleted when the task ends.
   */
  checkpointer?: BaseCheckpointSaver;
  /** Which nodes' LLM tokens stream as artifacts. Default: all. */
  streamMessages?: boolean | ((node: string) => boolean);
  /** Most supersteps per run. Default: LangGraph's (25). */
  recursionLimit?: number;
  /** The `failed` text for an error; `undefined` falls back to {@link describeGraphError}. */
  describeError?: (error: unknown) => string | undefined;
  /**
   * Awaited before each node of the graph starts, with the node's name and the task run's signal
   * (see {@link BeforeNode}). A seam for tests: holding a node until `signal` aborts keeps a task
   * running for exactly as long as the test needs, to cancel it mid-run without sleeping. Once
   * the signal has aborted, no node starts. Default: none, and no callback is attached.
   */
  beforeNode?: BeforeNode;
  logger?: Logger;
}

/**
 * An A2A agent executor that runs a compiled LangGraph graph once per task run, on the thread
 * named after the task id, and publishes what it streams as it streams it (see
 * {@link StreamMapper}): progress and node timings as `working` updates, streamed text as
 * chunked artifacts, the final state as artifacts before `completed`. An `interrupt()` leaves
 * the task `input-required` with the question; the next message resumes the graph with
 * `Command({ resume })`. An error fails the task with a readable message; `tasks/cancel` aborts
 * the run, after which nothing more is published.
 *
 * @example
 * ```ts
 * const server = createAgentServer({ card, executor: createGraphExecutor({ graph: builder.compile() }) });
 * ```
 */
export function createGraphExecutor(options: GraphExecutorOptions): AgentExecutor {
  const {
    toInput = defaultToInput,
    toResume = defaultToResume,
    resultToArtifacts = defaultResultToArtifacts,
  } = options;
  const logger = options.logger ?? silentLogger;
  const own = options.graph.checkpointer;
  const checkpointer = options.checkpointer ?? (typeof own === 'object' ? own : new MemorySaver());
  const graph = own === checkpointer ? options.graph : withCheckpointer(options.graph, checkpointer);
  /** Writes of interrupted nodes, per waiting task; in memory, like the default checkpointer. */
  const replays = new Map<string, ReplayRecord>();

  async function forget(taskId: string): Promise<void> {
    replays.delete(taskId);
    try {
      await checkpointer.deleteThread(taskId);
    } catch (error) {
      logger.warn({ err: error, taskId }, 'could not delete the checkpoints of an ended task');
    }
  }

  /** The run's input; none when a continued task has no interrupted run to resume. */
  async function startInput(context: RequestContext): Promise<{ input: unknown } | undefined> {
    if (!context.isContinuation) return { input: toInput(context) };
    const snapshot = await graph.getState({ configurable: { thread_id: context.taskId } });
    if (!snapshot.tasks.some((task) => task.interrupts.length > 0)) return undefined;
    return { input: new Command({ resume: toResume(context) }) };
  }

  return {
    async execute(context, publisher, signal) {
      const publish = guardedPublisher(publisher, signal);
      const replay = replays.get(context.taskId);
      const mapper = new StreamMapper({
        ...(replay ? { replay } : {}),
        ...(options.streamMessages === undefined ? {} : { streamMessages: options.streamMessages }),
      });
      try {
        await publish.status('working');
        const start = await startInput(context);
        if (!start) {
          // The checkpoint is gone: a `MemorySaver` does not survive a restart of the process.
          await forget(context.taskId);
          await publish.status('failed', 'The agent no longer knows where this task stopped; send it as a new task.');
          return;
        }
        const stream = await graph.stream(start.input, {
          // Without `messages`, LangGraph attaches no token callback to every LLM call.
          streamMode: StreamMapper.streamModes.filter(
            (mode) => mode !== 'messages' || options.streamMessages !== false,
          ),
          configurable: { thread_id: context.taskId },
          signal,
          ...(options.recursionLimit === undefined ? {} : { recursionLimit: options.recursionLimit }),
          ...(options.beforeNode ? { callbacks: [new BeforeNodeHandler(options.beforeNode, signal)] } : {}),
        });
        for await (const item of stream) {
          const [mode, chunk] = item as [string, unknown];
          for (const update of mapper.map(mode, chunk)) await publish.update(update);
        }
        for (const update of mapper.finish()) await publish.update(update);
        if (mapper.interrupts.length > 0) {
          replays.set(context.taskId, mapper.replayRecord());
          await publish.status('input-required', interruptQuestion(mapper.interrupts));
          return;
        }
        for (const artifact of resultToArtifacts(mapper.state)) {
          await publish.update({ kind: 'artifact', artifact, append: false, lastChunk: true });
        }
        // Returning completes the task (the server publishes `completed`).
        await forget(context.taskId);
      } catch (error) {
        await forget(context.taskId);
        // Canceled: the server has logged `canceled`; the stream threw the abort reason.
        if (signal.aborted) return;
        logger.warn({ err: error, taskId: context.taskId }, 'graph run failed');
        for (const update of mapper.finish()) await publish.update(update);
        await publish.status('failed', options.describeError?.(error) ?? describeGraphError(error));
      }
    },
    // A task canceled while it waited for an answer: its checkpoints would otherwise stay forever.
    async canceledWhileIdle({ taskId }) {
      await forget(taskId);
    },
  };
}

/** A copy of the graph that checkpoints to `checkpointer`; the caller's graph is left as it is. */
function withCheckpointer(graph: RunnableGraph, checkpointer: BaseCheckpointSaver): RunnableGraph {
  const copy = graph.withConfig({});
  copy.checkpointer = checkpointer;
  return copy;
}
