import type { TaskRecord, TaskStore } from './task-store.ts';

/** Ends a claim: the process no longer runs the task. Never throws; failures are the control's to log. */
export type ReleaseClaim = () => void;

/**
 * What replicas of one agent tell each other about runs. A run (`TaskRun`) lives in the process
 * that started it; the task's log is shared through the store. This is how a request that lands
 * on another replica reaches that run, and how a replica learns that a run's process is gone.
 */
export interface TaskControl {
  /**
   * Records that this process runs `taskId`, until the returned function is called. A process
   * that dies without releasing loses its claims after a bounded time (a lease), which is what
   * {@link TaskControl.ownerGone} reports to the other replicas.
   */
  claim(taskId: string): Promise<ReleaseClaim>;
  /** Asks the process that runs `taskId` to cancel it. Resolves once the request is sent, not acted upon. */
  requestCancel(taskId: string): Promise<void>;
  /** Calls `listener` for every cancel requested of any task, by any replica. Returns the unsubscribe. */
  onCancel(listener: (taskId: string) => void): () => void;
  /**
   * Resolves true once no live process holds a claim on `taskId`, or false when `signal` aborts
   * first. A control that cannot tell (one process, which is the owner) resolves only on abort.
   */
  ownerGone(taskId: string, signal: AbortSignal): Promise<boolean>;
  /** Stops timers and releases connections. Claims are not released: that is the runs' job. */
  close(): Promise<void>;
}

/**
 * The default control for one process: cancels go to this process's listeners, and the owner of
 * every run is this process, so it is never gone. Several handlers sharing one instance behave as
 * replicas that share their store, which is how the request handler's tests use it.
 */
export class InProcessTaskControl implements TaskControl {
  readonly #listeners = new Set<(taskId: string) => void>();

  async claim(_taskId: string): Promise<ReleaseClaim> {
    return () => {};
  }

  async requestCancel(taskId: string): Promise<void> {
    for (const listener of this.#listeners) listener(taskId);
  }

  onCancel(listener: (taskId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  ownerGone(_taskId: string, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve(false);
      signal.addEventListener('abort', () => resolve(false), { once: true });
    });
  }

  async close(): Promise<void> {
    this.#listeners.clear();
  }
}

/**
 * Waits until the task's log shows a final entry after `record`, the process running the task is
 * gone, or `waitMs` has passed, whichever comes first. Never throws: the caller reads the task
 * afterwards and decides from what it finds.
 */
export async function untilOwnerAnswers(
  store: TaskStore,
  control: TaskControl,
  record: TaskRecord,
  waitMs: number,
): Promise<void> {
  const taskId = record.task.id;
  const waiting = new AbortController();
  const timer = setTimeout(() => waiting.abort(), waitMs);
  const logged = async (): Promise<void> => {
    for await (const batch of store.read(taskId, record.seq, waiting.signal)) {
      if (batch.some((entry) => entry.final)) return;
    }
  };
  try {
    await Promise.race([logged().catch(() => undefined), control.ownerGone(taskId, waiting.signal)]);
  } finally {
    clearTimeout(timer);
    waiting.abort();
  }
}
