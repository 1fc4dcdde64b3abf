/**
 * An event refused because its task had already ended, here or on another replica: with several
 * writers (the run's replica, a replica that canceled it, one that found its process gone), the
 * first end wins and the log never continues past it.
 */
export class TaskEndedError extends Error {
  override readonly name = 'TaskEndedError';
  readonly code = 'task-ended';

  constructor(
    readonly taskId: string,
    /** The state the task ended in. */
    readonly state: string,
  ) {
    super(`task ${taskId} has already ended (${state}); events after its end are not logged`);
  }
}
