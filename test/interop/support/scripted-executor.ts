import type { Message, TaskState } from '@a2a-js/sdk';
import type { AgentExecutionEvent, AgentExecutor, ExecutionEventBus, RequestContext } from '@a2a-js/sdk/server';
import type { Gate } from './gate.ts';

/** What the scripted agent says: three progress steps, then a three-chunk answer. */
export const script = {
  steps: ['Planning the answer', 'Looking things up', 'Writing it down'],
  chunks: ['The quick ', 'brown fox ', 'jumps.'],
} as const;

/** Options of {@link createScriptedExecutor}. */
export interface ScriptedExecutorOptions {
  /** Gates to wait at before publishing the event at that position of the script (0 is the Task). */
  pauses?: Readonly<Record<number, Gate>>;
  /** Publish the Task and the first step, then wait until the task is canceled. */
  waitForCancel?: boolean;
}

/**
 * A reference-SDK executor that plays a fixed script, the way its README's agents publish: the
 * Task first, `working` status updates with text, the artifact in chunks (`append` after the
 * first, `lastChunk` on the last), then `completed` with `final: true` and `finished()`.
 * `cancelTask` publishes `canceled` with `final: true`, as the SDK's contract asks.
 */
export function createScriptedExecutor(options: ScriptedExecutorOptions = {}): AgentExecutor {
  const contexts = new Map<string, string>();
  const cancellations = new Map<string, () => void>();
  const canceled = new Set<string>();

  return {
    async execute(requestContext: RequestContext, bus: ExecutionEventBus) {
      const { taskId, contextId, userMessage } = requestContext;
      contexts.set(taskId, contextId);
      const events = options.waitForCancel
        ? scriptedEvents(taskId, contextId, userMessage).slice(0, 2)
        : scriptedEvents(taskId, contextId, userMessage);
      for (const [index, event] of events.entries()) {
        await options.pauses?.[index]?.pass();
        if (canceled.has(taskId)) return;
        bus.publish(event);
      }
      if (options.waitForCancel) {
        await new Promise<void>((resolve) => cancellations.set(taskId, resolve));
        return;
      }
      bus.finished();
    },
    async cancelTask(taskId: string, bus: ExecutionEventBus) {
      canceled.add(taskId);
      const contextId = contexts.get(taskId) ?? taskId;
      bus.publish(status(taskId, contextId, 'canceled', 'Canceled at the client’s request.', true));
      bus.finished();
      cancellations.get(taskId)?.();
    },
  };
}

/** The script as events: Task, one status per step, one artifact update per chunk, completed. */
function scriptedEvents(taskId: string, contextId: string, userMessage: Message): AgentExecutionEvent[] {
  return [
    {
      kind: 'task',
      id: taskId,
      contextId,
      status: { state: 'submitted', timestamp: new Date().toISOString() },
      history: [userMessage],
    },
    ...script.steps.map((step) => status(taskId, contextId, 'working', step, false)),
    ...script.chunks.map((text, index): AgentExecutionEvent => ({
      kind: 'artifact-update',
      taskId,
      contextId,
      artifact: { artifactId: 'answer', name: 'answer', parts: [{ kind: 'text', text }] },
      append: index > 0,
      lastChunk: index === script.chunks.length - 1,
    })),
    status(taskId, contextId, 'completed', 'Done.', true),
  ];
}

function status(
  taskId: string,
  contextId: string,
  state: TaskState,
  text: string,
  final: boolean,
): AgentExecutionEvent {
  return {
    kind: 'status-update',
    taskId,
    contextId,
    final,
    status: {
      state,
      timestamp: new Date().toISOString(),
      message: {
        kind: 'message',
        role: 'agent',
        messageId: crypto.randomUUID(),
        taskId,
        contextId,
        parts: [{ kind: 'text', text }],
      },
    },
  };
}
