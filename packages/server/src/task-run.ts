import { isInterruptedState, isTerminalState } from '@a2a-mesh/protocol';
import type { Artifact, TaskState, TaskUpdateEvent } from '@a2a-mesh/protocol';
import type {
  AgentExecutor,
  ArtifactOptions,
  EventPublisher,
  RequestContext,
  StatusOptions,
} from './agent-executor.ts';
import type { Logger } from './logger.ts';
import { toAgentMessage } from './messages.ts';
import type { MessageContent } from './messages.ts';
import type { ServerMetrics } from './server-metrics.ts';
import type { StreamPacer } from './stream-pacer.ts';
import type { LogEntry, TaskStore } from './task-store.ts';

/**
 * One execution of an agent on a task, and the task's state machine while it runs. It is the
 * task's only writer: events are appended in call order through one promise chain, a terminal
 * state is never left, and `final` is set here, never by the agent.
 */
export class TaskRun implements EventPublisher {
  readonly #controller = new AbortController();
  readonly #store: TaskStore;
  readonly #logger: Logger;
  readonly #context: RequestContext;
  #state: TaskState;
  readonly #metrics: ServerMetrics | undefined;
  readonly #startedAt = Date.now();
  #tail: Promise<unknown> = Promise.resolve();
  /** Appends handed to the store and not yet settled. */
  #pending = 0;
  /** The sequence number of the last event this run logged (0 before the first). */
  #head = 0;
  readonly #pacer: StreamPacer | undefined;
  #done: Promise<void> | undefined;

  constructor(context: RequestContext, store: TaskStore, logger: Logger, metrics?: ServerMetrics, pacer?: StreamPacer) {
    this.#context = context;
    this.#pacer = pacer;
    this.#store = store;
    this.#logger = logger;
    this.#metrics = metrics;
    this.#state = context.task.status.state;
  }

  /** The state after every event published so far. */
  get state(): TaskState {
    return this.#state;
  }

  /** Settles when the agent has returned and its last event is logged. */
  get done(): Promise<void> {
    return this.#done ?? Promise.resolve();
  }

  /** Runs the agent in the background; the returned promise never rejects. */
  start(executor: AgentExecutor): Promise<void> {
    this.#done = this.#execute(executor);
    return this.#done;
  }

  status(state: TaskState, message?: MessageContent, options: StatusOptions = {}): Promise<void> {
    const { taskId, contextId } = this.#context;
    if (!this.#accepts(`status ${state}`)) return Promise.resolve();
    this.#state = state;
    const final = isTerminalState(state) || isInterruptedState(state);
    const status = {
      state,
      timestamp: new Date().toISOString(),
      ...(message === undefined ? {} : { message: toAgentMessage(message, taskId, contextId) }),
    };
    return this.#append({
      kind: 'status-update',
      taskId,
      contextId,
      status,
      final,
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
  }

  artifact(artifact: Artifact, options: ArtifactOptions = {}): Promise<void> {
    const { taskId, contextId } = this.#context;
    if (!this.#accepts(`artifact ${artifact.artifactId}`)) return Promise.resolve();
    return this.#append({
      kind: 'artifact-update',
      taskId,
      contextId,
      artifact,
      ...(options.append === undefined ? {} : { append: options.append }),
      ...(options.lastChunk === undefined ? {} : { lastChunk: options.lastChunk }),
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
  }

  /** Cancels the task: logs `canceled` (final) at once, then aborts the agent. */
  async cancel(reason = 'Canceled by request'): Promise<void> {
    if (isTerminalState(this.#state)) return;
    const logged = this.status('canceled', reason);
    this.#controller.abort(new Error(reason));
    await logged;
  }

  /** Stops the agent because the server is going away; the task fails with a clear reason. */
  async abort(reason: string): Promise<void> {
    if (isTerminalState(this.#state)) return;
    const logged = this.status('failed', reason);
    this.#controller.abort(new Error(reason));
    await logged;
  }

  async #execute(executor: AgentExecutor): Promise<void> {
    try {
      await executor.execute(this.#context, this, this.#controller.signal);
      if (!isTerminalState(this.#state) && !isInterruptedState(this.#state)) {
        await this.status('completed');
      }
    } catch (error) {
      if (!isTerminalState(this.#state)) {
        this.#logger.error({ err: error }, 'agent failed');
        await this.status('failed', `The agent failed: ${describe(error)}`);
      } else if (!this.#controller.signal.aborted) {
        this.#logger.warn({ err: error }, 'agent threw after the task had ended');
      }
    }
    await this.#tail;
  }

  #accepts(what: string): boolean {
    if (!isTerminalState(this.#state)) return true;
    this.#logger.warn({ state: this.#state }, `ignored ${what}: the task has already ended`);
    return false;
  }

  #append(event: TaskUpdateEvent): Promise<void> {
    const { taskId } = event;
    const pacer = this.#pacer;
    // The chain keeps events in call order; when nothing is in flight (an agent that awaits each
    // event) the store is called at once, a microtask sooner. While a subscriber lags too far, the
    // event waits for it in the chain (a cancel or a shutdown aborts the wait: they never wait).
    let appended: Promise<LogEntry>;
    if (pacer?.mustWait(taskId, this.#head)) {
      appended = this.#tail
        .then(() => pacer.wait(taskId, () => this.#head, this.#controller.signal))
        .then(() => this.#store.append(taskId, event));
    } else if (this.#pending === 0) appended = this.#store.append(taskId, event);
    else appended = this.#tail.then(() => this.#store.append(taskId, event));
    this.#pending += 1;
    const logged = appended.then(
      (entry: LogEntry) => {
        this.#pending -= 1;
        this.#head = entry.seq;
        this.#metrics?.eventLogged(event, this.#startedAt);
        this.#logger.debug({ seq: entry.seq, kind: event.kind }, 'event logged');
      },
      (error: unknown) => {
        this.#pending -= 1;
        this.#logger.error({ err: error }, 'could not log an event');
        throw error;
      },
    );
    this.#tail = logged.catch(() => undefined);
    return logged;
  }
}

/** A message a person can read: the error's own message, never its stack. */
function describe(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'unknown error';
}
