import { Command, MemorySaver } from '@langchain/langgraph';
import type { A2AClientOptions } from '@a2a-mesh/client';
import type { Part } from '@a2a-mesh/protocol';
import { textOf, traceparentFor } from '@a2a-mesh/server';
import type { AgentExecutor, Logger, RequestContext } from '@a2a-mesh/server';
import { ConversationStore } from './conversation-store.ts';
import { createOrchestratorGraph } from './orchestrator-executor-graph.ts';
import type { OrchestratorDirectory, OrchestratorSession } from './orchestrator-executor-graph.ts';
import type { Planner } from './plan.ts';

/** Options of {@link createOrchestratorExecutor}. */
export interface OrchestratorExecutorOptions {
  /** The specialists the planner may choose from and the runner calls. */
  directory: OrchestratorDirectory;
  planner: Planner;
  logger: Logger;
  /** Options of the clients that call the specialists: retry budget, timeouts, `onReconnect`. */
  clientOptions?: Omit<A2AClientOptions, 'card'>;
  /** Where earlier turns of each conversation are kept; default a `ConversationStore` with its defaults. */
  conversations?: ConversationStore;
  /** Tasks that may wait for a reply at once; beyond it the oldest is forgotten. Default 1,000. */
  maxWaitingTasks?: number;
}

/** Said when a reply arrives for a task whose waiting state is gone. */
export const forgottenTask =
  'The orchestrator no longer knows where this task stopped; send the request as a new task.';

/**
 * The orchestrator as an A2A agent executor. Each task runs the orchestrator graph
 * (`createOrchestratorGraph`): plan the request with the planner (the plan is published as a
 * data part `{ plan: { steps, planner } }`), run its steps against the specialists, relaying
 * every upstream event on this task as it happens, then publish the `answer` artifact. The task
 * completes, or fails naming each agent whose step failed (the relayed artifacts stay). A
 * specialist's question leaves the task `input-required` ("<agent> asks: …"); the reply on this
 * task goes to that specialist's task and the plan goes on. `tasks/cancel` cancels every
 * upstream task still running. Each conversation's last turns (per `contextId`) are the
 * planner's `history`.
 */
export function createOrchestratorExecutor(options: OrchestratorExecutorOptions): AgentExecutor {
  const { logger } = options;
  const checkpointer = new MemorySaver();
  const graph = createOrchestratorGraph({ ...options, checkpointer });
  const conversations = options.conversations ?? new ConversationStore();
  const maxWaiting = options.maxWaitingTasks ?? 1_000;
  /** Tasks waiting for a reply, oldest first. */
  const waiting = new Map<string, OrchestratorSession>();

  async function forget(taskId: string, session: OrchestratorSession): Promise<void> {
    waiting.delete(taskId);
    await session.runner?.close();
    await checkpointer.deleteThread(taskId);
  }

  function wait(taskId: string, session: OrchestratorSession): void {
    waiting.set(taskId, session);
    for (const [oldest, forgotten] of waiting) {
      if (waiting.size <= maxWaiting) break;
      logger.warn({ taskId: oldest }, 'too many tasks wait for a reply: forgetting the oldest');
      // Its specialists' tasks would otherwise wait for a reply that can no longer reach them.
      void forgotten.runner?.cancel().finally(() => forget(oldest, forgotten));
      waiting.delete(oldest);
    }
  }

  return {
    async execute(context, publisher, signal) {
      const { taskId, contextId } = context;
      const resumed = waiting.get(taskId);
      waiting.delete(taskId);
      if (context.isContinuation && !resumed) {
        await publisher.status('failed', forgottenTask);
        return;
      }
      const session: OrchestratorSession = resumed ?? {};
      const input = resumed
        ? new Command<unknown, never, never>({ resume: context.message })
        : { request: textOf(context.message).trim(), history: conversations.history(contextId) };
      const headers = traceHeaders(context);
      try {
        const stream = await graph.stream(input, {
          configurable: { thread_id: taskId },
          context: { run: { publisher, signal, session, ...(headers ? { headers } : {}) } },
          streamMode: ['updates', 'values'],
          signal,
          recursionLimit: 100,
        });
        let question: Part[] | undefined;
        let values: Record<string, unknown> = {};
        for await (const [mode, chunk] of stream) {
          if (mode === 'values') values = chunk as Record<string, unknown>;
          const interrupts =
            mode === 'updates' ? (chunk as { __interrupt__?: { value: Part[] }[] }).__interrupt__ : undefined;
          if (interrupts?.[0]) question = interrupts[0].value;
        }
        if (question) {
          wait(taskId, session);
          await publisher.status('input-required', question);
          return;
        }
        await forget(taskId, session);
        const answer = values['answer'] as { text: string; failure?: string } | null | undefined;
        if (!answer) throw new Error('The orchestrator ended its plan without an answer.');
        conversations.record(contextId, { request: String(values['request'] ?? ''), answer: answer.text });
        if (answer.failure) await publisher.status('failed', answer.failure);
      } catch (error) {
        // Canceled (the server has logged `canceled`) or broken: nothing upstream may run on.
        await session.runner?.cancel();
        await forget(taskId, session);
        if (signal.aborted) return;
        logger.warn({ err: error, taskId }, 'orchestrator run failed');
        await publisher.status('failed', (error as Error).message || 'The orchestrator failed.');
      }
    },
    // Canceled while waiting for the user's reply: the specialist task that asked must not wait on.
    async canceledWhileIdle({ taskId }) {
      const session = waiting.get(taskId);
      if (!session) return;
      await session.runner?.cancel();
      await forget(taskId, session);
    },
  };
}

/** A W3C `traceparent` for the upstream calls, in the caller's trace when it sent one. */
function traceHeaders(context: RequestContext): Record<string, string> | undefined {
  const traceId = context.traceId;
  if (!traceId) return undefined;
  return { traceparent: traceparentFor(traceId) };
}
