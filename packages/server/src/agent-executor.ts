import type { Artifact, Message, MessageSendConfiguration, Metadata, Task, TaskState } from '@a2a-mesh/protocol';
import type { MessageContent } from './messages.ts';

/** What an agent knows about the request it serves. */
export interface RequestContext {
  readonly taskId: string;
  readonly contextId: string;
  /** The user message that started this task, or that answers its `input-required` question. */
  readonly message: Message;
  /** A copy of the task as it stood when this run began (history includes `message`). */
  readonly task: Task;
  /** True when this run continues an interrupted (`input-required`/`auth-required`) task. */
  readonly isContinuation: boolean;
  readonly configuration?: MessageSendConfiguration;
  /** The request's `params.metadata`. */
  readonly metadata?: Metadata;
  /**
   * The trace this run belongs to (W3C trace id, 32 hex digits), from the request's `traceparent`
   * header or made up: pass it on (`traceparent`) when calling other agents, so logs follow a task
   * across hops.
   */
  readonly traceId?: string;
}

/** Options of one status update. */
export interface StatusOptions {
  metadata?: Metadata;
}

/** Options of one artifact update. */
export interface ArtifactOptions {
  /** Concatenate these parts onto the artifact with the same id sent before. */
  append?: boolean;
  /** This is the artifact's last chunk. */
  lastChunk?: boolean;
  metadata?: Metadata;
}

/**
 * How an agent reports what it does. Each call appends one event to the task's log, in call
 * order; the returned promise settles once it is logged. The server fills in task and context
 * ids and decides `final`; an update after the task ended is ignored (and logged).
 */
export interface EventPublisher {
  status(state: TaskState, message?: MessageContent, options?: StatusOptions): Promise<void>;
  artifact(artifact: Artifact, options?: ArtifactOptions): Promise<void>;
}

/**
 * An agent's logic. The server calls `execute` once per run (a new task, or a message that
 * continues an interrupted one), outside any HTTP request: the run goes on when the caller
 * disconnects. `signal` aborts when the task is canceled or the server stops.
 *
 * Returning while the task is still `submitted`/`working` completes it; throwing fails it with
 * the error's message (never its stack); stopping in `input-required` waits for the next message.
 */
export interface AgentExecutor {
  execute(context: RequestContext, publisher: EventPublisher, signal: AbortSignal): Promise<void>;
  /**
   * Called after a task that had no run in progress (it was waiting in `input-required` or
   * `auth-required`) was canceled, so the agent can release what it kept for the task: a
   * checkpoint, a question pending on another agent. A running task is canceled through the
   * run's `signal` instead. Errors are logged, never surfaced to the caller.
   */
  canceledWhileIdle?(task: { readonly taskId: string; readonly contextId: string }): Promise<void>;
}
