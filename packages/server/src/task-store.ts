import type { Message, StreamEvent, Task, TaskState, TaskUpdateEvent } from '@a2a-mesh/protocol';

/** One event of a task's log. */
export interface LogEntry {
  /** The per-task sequence number: 1 for the task's creation, then +1 per event. */
  readonly seq: number;
  readonly event: StreamEvent;
  /** `event` serialized once, so that every subscriber shares the same bytes. */
  readonly json: string;
  /** True for the last event of an interaction: a terminal or interrupted status update. */
  readonly final: boolean;
}

/** A task snapshot and where it stands in its log. */
export interface TaskRecord {
  /** The task as of event `seq`. Callers must not mutate it; copy before handing it out. */
  readonly task: Task;
  /** The sequence number of the last logged event; `task` reflects every event up to it. */
  readonly seq: number;
  /** The oldest sequence number still in the log (older events were trimmed by the cap). */
  readonly firstSeq: number;
}

/** Retention limits of a store. */
export interface RetentionOptions {
  /** Events kept per task; older ones are trimmed (the snapshot keeps their effect). */
  maxEventsPerTask?: number;
  /** How long a task and its log are kept after it reaches a terminal state. */
  retentionMs?: number;
}

/** Defaults: 10,000 events per task, kept 15 minutes after the task ends. */
export const defaultRetention = { maxEventsPerTask: 10_000, retentionMs: 15 * 60_000 } as const;

/** A read of the log fell behind what the log retains: the reader must resume from a snapshot. */
export class CursorExpiredError extends Error {
  override readonly name = 'CursorExpiredError';
  readonly code = 'cursor-expired';
}

/** Which tasks `TaskStore.list` returns, newest first, a page at a time. */
export interface ListTasksQuery {
  contextId?: string;
  state?: TaskState;
  /** Tasks per page (1–100). */
  pageSize: number;
  /** The `nextPageToken` of the previous page; absent for the first page. */
  pageToken?: string;
}

/** One page of tasks. */
export interface TaskPage {
  readonly tasks: readonly TaskRecord[];
  /** Present when more tasks follow: pass it back as `pageToken`. Opaque to callers. */
  readonly nextPageToken?: string;
  /** How many tasks match the query in all. */
  readonly totalSize: number;
}

/**
 * Where tasks live: a snapshot per task and its ordered, append-only event log. One writer per
 * task (the server running it) appends; any number of readers read from a cursor.
 */
export interface TaskStore {
  /** Stores a new task and logs it as event 1. */
  create(task: Task): Promise<LogEntry>;
  /** Folds an update into the snapshot and logs it, atomically; returns the logged entry. */
  append(taskId: string, event: TaskUpdateEvent): Promise<LogEntry>;
  /** Records a user message in the task's history (not an event of the stream). */
  addMessage(taskId: string, message: Message): Promise<void>;
  /** The snapshot and log position, or undefined for an unknown (or expired) task. */
  get(taskId: string): Promise<TaskRecord | undefined>;
  /**
   * Reads the log after `after`, in batches, waiting for new events when it reaches the end,
   * until `signal` aborts or the task is removed. Throws `CursorExpiredError` when the entries
   * after the cursor were trimmed.
   */
  read(taskId: string, after: number, signal: AbortSignal): AsyncIterable<readonly LogEntry[]>;
  /**
   * Tasks newest first (by creation), optionally of one context or in one state, with cursor
   * pagination that stays stable while new tasks arrive (a token names the last task returned).
   */
  list(query: ListTasksQuery): Promise<TaskPage>;
  /** Releases timers and connections. */
  close(): Promise<void>;
}
