import { randomUUID } from 'node:crypto';
import { A2AError, ErrorCode, isInterruptedState, isTerminalState } from '@a2a-mesh/protocol';
import type {
  AgentCard,
  Message,
  MessageSendParams,
  SendMessageResult,
  Task,
  TaskIdParams,
  TaskQueryParams,
} from '@a2a-mesh/protocol';
import type { AgentExecutor, RequestContext } from './agent-executor.ts';
import { checkContentTypes } from './content-types.ts';
import type { Logger } from './logger.ts';
import type { ServerMetrics } from './server-metrics.ts';
import { copyTask, snapshotEntry } from './snapshot.ts';
import { InProcessTaskControl, untilOwnerAnswers } from './task-control.ts';
import type { ReleaseClaim, TaskControl } from './task-control.ts';
import type { LogEntry, TaskRecord, TaskStore } from './task-store.ts';
import type { StreamPacer } from './stream-pacer.ts';
import { TaskRun } from './task-run.ts';

/** How a task ends when the process running it is gone, as any replica that notices logs it. */
const ownerGoneReason = 'The agent stopped before the task finished: its agent process stopped';

/** A stream of log entries for one subscriber, in order, ending after a final entry. */
export type EntryStream = AsyncIterable<readonly LogEntry[]>;

/** What the request handler needs. */
export interface RequestHandlerOptions {
  /** The card as served (the handler reads its capabilities and modes). */
  card: () => AgentCard;
  executor: AgentExecutor;
  store: TaskStore;
  logger: Logger;
  /** The card returned by `agent/getAuthenticatedExtendedCard`, when the card declares one. */
  extendedCard?: () => AgentCard;
  metrics?: ServerMetrics;
  /** How replicas reach each other's runs (cancel, a run's process gone). Default: this process only. */
  control?: TaskControl;
  /** How long a cancel of a task run by another replica waits for that replica to log it. Default 5 s. */
  cancelWaitMs?: number;
  /** Paces agents to the subscribers of their tasks in this process; none: agents are never paced. */
  pacer?: StreamPacer;
}

/** Per-call facts from the transport. */
export interface CallContext {
  /** The caller's trace id; runs started by this call carry it. */
  traceId?: string;
}

/**
 * The A2A business logic, free of any transport: it validates what the params schemas cannot,
 * owns task creation and continuation, and answers streams as readers of the task's log.
 */
export class DefaultRequestHandler {
  readonly #options: RequestHandlerOptions;
  readonly #store: TaskStore;
  readonly #control: TaskControl;
  readonly #stopListening: () => void;
  readonly #runs = new Map<string, TaskRun>();
  /** Tasks between "a message arrived" and "its run started": one continuation at a time. */
  readonly #starting = new Set<string>();

  constructor(options: RequestHandlerOptions) {
    this.#options = options;
    this.#store = options.store;
    this.#control = options.control ?? new InProcessTaskControl();
    // A cancel sent to any replica arrives here; only the process running the task acts on it.
    this.#stopListening = this.#control.onCancel((taskId) => void this.#runs.get(taskId)?.cancel());
  }

  /** Number of runs executing in this process. */
  get activeRuns(): number {
    return this.#runs.size;
  }

  /** `message/send`: blocking (default) waits until the task ends or asks for input. */
  async sendMessage(
    params: MessageSendParams,
    signal: AbortSignal,
    call: CallContext = {},
  ): Promise<SendMessageResult> {
    const { taskId, after } = await this.#begin(params, 'message/send', call);
    if (params.configuration?.blocking !== false) {
      for await (const batch of this.#follow(taskId, after, signal)) void batch;
    }
    return copyTask(await this.#record(taskId).then((record) => record.task), params.configuration?.historyLength);
  }

  /** `message/stream`: the task (or its snapshot when continuing), then every event to the final one. */
  async streamMessage(params: MessageSendParams, signal: AbortSignal, call: CallContext = {}): Promise<EntryStream> {
    this.#requireStreaming('message/stream');
    const { taskId, after, preamble } = await this.#begin(params, 'message/stream', call);
    const rest = this.#follow(taskId, after, signal);
    // Every generator layer costs a few microtasks per batch: add one only when there is a preamble.
    return preamble ? this.#withPreamble(preamble, rest) : rest;
  }

  /**
   * `tasks/resubscribe`. Without a cursor: the snapshot, then live events. With one: exactly the
   * events after it, then live; a cursor older than the retained log gets the snapshot, marked.
   */
  async resubscribe(params: TaskIdParams, lastEventId: number | undefined, signal: AbortSignal): Promise<EntryStream> {
    const record = await this.#record(params.id);
    if (lastEventId === undefined) return this.#fromSnapshot(record, false, signal);
    if (lastEventId > record.seq) {
      throw A2AError.of(
        ErrorCode.InvalidParams,
        `lastEventId ${lastEventId} is ahead of task ${params.id}, whose last event is ${record.seq}`,
      );
    }
    this.#options.metrics?.resumed(record.seq - lastEventId);
    if (lastEventId + 1 < record.firstSeq) return this.#fromSnapshot(record, true, signal);
    if (lastEventId === record.seq) return this.#fromSnapshot(record, false, signal);
    return this.#follow(params.id, lastEventId, signal);
  }

  /** `tasks/get`. */
  async getTask(params: TaskQueryParams): Promise<Task> {
    return copyTask((await this.#record(params.id)).task, params.historyLength);
  }

  /** `tasks/cancel`: the task ends `canceled` at once; its agent is aborted, on whichever replica runs it. */
  async cancelTask(params: TaskIdParams): Promise<Task> {
    const record = await this.#record(params.id);
    const state = record.task.status.state;
    if (isTerminalState(state)) {
      throw A2AError.of(ErrorCode.TaskNotCancelable, `task ${params.id} is already ${state}`);
    }
    const running = this.#runs.get(params.id);
    if (running) await running.cancel();
    else if (state === 'submitted' || state === 'working') await this.#cancelElsewhere(record);
    else await this.#cancelIdle(record);
    return copyTask((await this.#record(params.id)).task);
  }

  /** `agent/getAuthenticatedExtendedCard`. */
  async getAuthenticatedExtendedCard(): Promise<AgentCard> {
    if (!this.#options.card().supportsAuthenticatedExtendedCard) {
      throw A2AError.of(ErrorCode.UnsupportedOperation, 'this agent declares no authenticated extended card');
    }
    if (!this.#options.extendedCard) throw A2AError.of(ErrorCode.AuthenticatedExtendedCardNotConfigured);
    return this.#options.extendedCard();
  }

  /** Push notifications are not offered: every push-config method answers -32003. */
  pushNotificationsUnsupported(): never {
    throw A2AError.of(ErrorCode.PushNotificationNotSupported, 'this agent does not declare pushNotifications');
  }

  /**
   * Lets running tasks finish within `deadlineMs`; those still running then end `failed`, saying
   * the server stopped, so that no task is left `working` forever.
   */
  async shutdown(deadlineMs: number): Promise<void> {
    const runs = [...this.#runs.values()];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, deadlineMs)));
    await Promise.race([Promise.all(runs.map((run) => run.done)), deadline]);
    clearTimeout(timer);
    await Promise.all(
      [...this.#runs.values()].map((run) =>
        run.abort('The agent stopped before the task finished: its server shut down'),
      ),
    );
    this.#stopListening();
  }

  /** A2A §7.2/§7.9: streaming methods need `capabilities.streaming`; 1.0 §3.3.4 names the error. */
  #requireStreaming(method: string): void {
    if (this.#options.card().capabilities.streaming !== true) {
      throw A2AError.of(
        ErrorCode.UnsupportedOperation,
        `${method} needs capabilities.streaming, which this agent does not declare`,
      );
    }
  }

  async #begin(
    params: MessageSendParams,
    method: string,
    call: CallContext,
  ): Promise<{ taskId: string; after: number; preamble?: LogEntry }> {
    const message = params.message;
    if (message.role !== 'user') {
      throw A2AError.of(ErrorCode.InvalidParams, `params.message.role: expected "user", received "${message.role}"`);
    }
    checkContentTypes(this.#options.card(), params);
    if (message.taskId) return this.#continue(message.taskId, params, method, call);
    const taskId = randomUUID();
    const contextId = message.contextId ?? randomUUID();
    const stored: Message = { ...message, taskId, contextId };
    const task: Task = {
      kind: 'task',
      id: taskId,
      contextId,
      status: { state: 'submitted', timestamp: new Date().toISOString() },
      history: [stored],
    };
    // Claimed before it exists, so that no replica ever sees it running without an owner.
    const release = await this.#control.claim(taskId);
    await this.#store.create(task).catch((error: unknown) => {
      release();
      throw error;
    });
    this.#start(taskId, release, { task, message: stored, isContinuation: false, params, method, call });
    return { taskId, after: 0 };
  }

  async #continue(
    taskId: string,
    params: MessageSendParams,
    method: string,
    call: CallContext,
  ): Promise<{ taskId: string; after: number; preamble: LogEntry }> {
    if (this.#starting.has(taskId)) {
      throw A2AError.of(ErrorCode.UnsupportedOperation, `task ${taskId} is already taking another message`);
    }
    this.#starting.add(taskId);
    try {
      await this.#runs.get(taskId)?.done;
      const record = await this.#record(taskId);
      const { state } = record.task.status;
      if (isTerminalState(state)) {
        throw A2AError.of(
          ErrorCode.UnsupportedOperation,
          `task ${taskId} is already ${state}; send the message without taskId to start a new task`,
        );
      }
      if (!isInterruptedState(state)) {
        throw A2AError.of(
          ErrorCode.UnsupportedOperation,
          `task ${taskId} is ${state}; it takes a new message only when input-required or auth-required`,
        );
      }
      const contextId = record.task.contextId;
      if (params.message.contextId && params.message.contextId !== contextId) {
        throw A2AError.of(
          ErrorCode.InvalidParams,
          `params.message.contextId: task ${taskId} belongs to context ${contextId}, not ${params.message.contextId}`,
        );
      }
      const stored: Message = { ...params.message, taskId, contextId };
      const release = await this.#control.claim(taskId);
      const current = await this.#store
        .addMessage(taskId, stored)
        .then(() => this.#record(taskId))
        .catch((error: unknown) => {
          release();
          throw error;
        });
      const preamble = snapshotEntry(current);
      this.#start(taskId, release, { task: current.task, message: stored, isContinuation: true, params, method, call });
      return { taskId, after: current.seq, preamble: { ...preamble, final: false } };
    } finally {
      this.#starting.delete(taskId);
    }
  }

  #start(
    taskId: string,
    release: ReleaseClaim,
    run: {
      task: Task;
      message: Message;
      isContinuation: boolean;
      params: MessageSendParams;
      method: string;
      call: CallContext;
    },
  ): void {
    const context: RequestContext = {
      taskId,
      contextId: run.task.contextId,
      message: run.message,
      task: copyTask(run.task),
      isContinuation: run.isContinuation,
      ...(run.params.configuration ? { configuration: run.params.configuration } : {}),
      ...(run.params.metadata ? { metadata: run.params.metadata } : {}),
      ...(run.call.traceId ? { traceId: run.call.traceId } : {}),
    };
    // Every line about a run names its task, its context and the method that started the run.
    const logger = this.#options.logger.child({
      method: run.method,
      taskId,
      contextId: context.contextId,
      ...(run.call.traceId ? { traceId: run.call.traceId } : {}),
    });
    const taskRun = new TaskRun(context, this.#store, logger, this.#options.metrics, this.#options.pacer);
    this.#runs.set(taskId, taskRun);
    logger.info({ continuation: run.isContinuation }, 'task started');
    void taskRun.start(this.#options.executor).then(() => {
      if (this.#runs.get(taskId) === taskRun) this.#runs.delete(taskId);
      release();
      logger.info({ state: taskRun.state }, 'task run ended');
    });
  }

  async #cancelIdle(record: TaskRecord): Promise<void> {
    await this.#idleRun(record, 'tasks/cancel').cancel();
    await this.#releaseIdle(record);
  }

  /**
   * The task runs in another process: asks it to cancel, then waits, bounded, for an end in the
   * log. When none comes (that process is gone or does not answer), the cancel is logged here; the
   * store refuses a second end, so a replica that ended it meanwhile wins.
   */
  async #cancelElsewhere(record: TaskRecord): Promise<void> {
    const taskId = record.task.id;
    await this.#control.requestCancel(taskId);
    await untilOwnerAnswers(this.#store, this.#control, record, this.#options.cancelWaitMs ?? 5_000);
    const current = await this.#record(taskId);
    const state = current.task.status.state;
    if (isInterruptedState(state)) return this.#cancelIdle(current);
    if (isTerminalState(state)) return;
    await this.#idleRun(current, 'tasks/cancel')
      .cancel()
      .catch((error: unknown) => this.#options.logger.warn({ taskId, err: error }, 'could not log the cancel'));
  }

  /** Ends a task whose run's process is gone (no claim holds it any more), if it still looks running. */
  async #endOrphan(taskId: string): Promise<void> {
    try {
      const record = await this.#store.get(taskId);
      const state = record?.task.status.state;
      if (!record || this.#runs.has(taskId) || (state !== 'submitted' && state !== 'working')) return;
      await this.#idleRun(record, 'tasks/resubscribe').abort(ownerGoneReason);
    } catch (error) {
      // Another replica may have ended it first (the store refuses a second end); readers see that end.
      this.#options.logger.warn({ taskId, err: error }, 'could not end a task whose process is gone');
    }
  }

  /** A run with no agent behind it, to end a task that no process runs (an idle one, or an orphan). */
  #idleRun(record: TaskRecord, method: string): TaskRun {
    const task = record.task;
    const context: RequestContext = {
      taskId: task.id,
      contextId: task.contextId,
      message: task.history?.at(-1) ?? { kind: 'message', messageId: randomUUID(), role: 'user', parts: [] },
      task,
      isContinuation: false,
    };
    const logger = this.#options.logger.child({ method, taskId: task.id, contextId: task.contextId });
    return new TaskRun(context, this.#store, logger, this.#options.metrics, this.#options.pacer);
  }

  async #releaseIdle(record: TaskRecord): Promise<void> {
    const { id: taskId, contextId } = record.task;
    try {
      await this.#options.executor.canceledWhileIdle?.({ taskId, contextId });
    } catch (error) {
      this.#options.logger.child({ taskId, contextId }).warn({ err: error }, 'agent failed to release a canceled task');
    }
  }

  async #record(taskId: string): Promise<TaskRecord> {
    const record = await this.#store.get(taskId);
    if (!record) throw A2AError.of(ErrorCode.TaskNotFound, taskId);
    return record;
  }

  async *#fromSnapshot(record: TaskRecord, truncated: boolean, signal: AbortSignal): EntryStream {
    const snapshot = snapshotEntry(record, { truncated });
    yield [snapshot];
    if (!snapshot.final) yield* this.#follow(record.task.id, record.seq, signal);
  }

  async *#withPreamble(preamble: LogEntry, rest: EntryStream): EntryStream {
    yield [preamble];
    yield* rest;
  }

  /**
   * Reads the log after `after` up to and including the next final entry. Should the process
   * running the task die meanwhile, the task is ended `failed` so that the stream ends too.
   */
  async *#follow(taskId: string, after: number, signal: AbortSignal): EntryStream {
    // Aborted when this generator ends, which is also how a client's departure reaches it (the
    // store's read ends on `signal`): no composite signal to keep per stream.
    const following = new AbortController();
    void this.#control.ownerGone(taskId, following.signal).then((gone) => (gone ? this.#endOrphan(taskId) : undefined));
    try {
      for await (const batch of this.#store.read(taskId, after, signal)) {
        const end = batch.findIndex((entry) => entry.final);
        if (end >= 0) {
          yield batch.slice(0, end + 1);
          return;
        }
        yield batch;
      }
    } finally {
      following.abort();
    }
  }
}
