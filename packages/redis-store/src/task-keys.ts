/** The keys of one task. They share the `{taskId}` hash tag, so they live on one Redis Cluster slot. */
export interface TaskKeySet {
  /** Hash: `seq`, the task without its status/history/artifacts (`task`), `status`, `state`, flags. */
  readonly meta: string;
  /** Stream: the event log, entry id `<seq>-0`, field `e` = the event's JSON. */
  readonly log: string;
  /** List: the history's messages, oldest first. */
  readonly history: string;
  /** Hash: artifact id → its position among the task's artifacts. */
  readonly artifacts: string;
}

/**
 * Key names of one store. Every key starts with the prefix, so that several services (or meshes)
 * can share a Redis; the artifact lists of a task are `<meta>:artifact:<artifactId>`, a name the
 * Lua scripts build from the meta key.
 */
export class TaskKeys {
  constructor(readonly prefix: string) {}

  task(taskId: string): TaskKeySet {
    const meta = `${this.prefix}task:{${taskId}}`;
    return { meta, log: `${meta}:log`, history: `${meta}:history`, artifacts: `${meta}:artifacts` };
  }

  /** Sorted set of every task, scored by its creation number: the listing, newest first. */
  get tasks(): string {
    return `${this.prefix}tasks`;
  }

  /** Sorted set of one context's tasks, scored like {@link TaskKeys.tasks}. */
  context(contextId: string): string {
    return `${this.prefix}context:${contextId}:tasks`;
  }

  /** Counter that numbers tasks in creation order, across replicas. */
  get created(): string {
    return `${this.prefix}created`;
  }

  /** Sorted set of ended tasks, scored by when their keys expire: what the listing drops. */
  get expiries(): string {
    return `${this.prefix}expiries`;
  }

  /** String: which process runs the task, while it does (a lease that expires). */
  lease(taskId: string): string {
    return `${this.prefix}lease:{${taskId}}`;
  }

  /** Pub/sub channel of cancel requests. */
  get cancels(): string {
    return `${this.prefix}cancel`;
  }

  /** Stream that wakes one process's blocked reader when it must read more streams. */
  doorbell(processId: string): string {
    return `${this.prefix}doorbell:${processId}`;
  }
}
