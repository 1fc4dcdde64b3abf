import { applyTaskEvent, isTerminalState } from '@a2a-mesh/protocol';
import type { Message, StreamEvent, Task, TaskUpdateEvent } from '@a2a-mesh/protocol';
import { A2AError, ErrorCode } from '@a2a-mesh/protocol';
import { CursorExpiredError, defaultRetention } from './task-store.ts';
import type { ListTasksQuery, LogEntry, RetentionOptions, TaskPage, TaskRecord, TaskStore } from './task-store.ts';

/** Entries handed to a reader at once: enough to batch socket writes, small enough to stay fair. */
const maxBatch = 256;

interface Slot {
  task: Task;
  /** Retained entries live at `entries[offset…]`; trimming advances `offset`, compaction resets it. */
  entries: LogEntry[];
  offset: number;
  seq: number;
  /** Readers waiting at the end of the log; woken (and forgotten) by the next append. */
  waiting: Set<() => void>;
  expiry?: NodeJS.Timeout;
}

/**
 * The default store: tasks and logs in this process's memory. Appends are synchronous under the
 * hood, so a snapshot and its sequence number can never disagree.
 */
export class InMemoryTaskStore implements TaskStore {
  readonly #slots = new Map<string, Slot>();
  readonly #maxEvents: number;
  readonly #retentionMs: number;

  constructor(options: RetentionOptions = {}) {
    this.#maxEvents = options.maxEventsPerTask ?? defaultRetention.maxEventsPerTask;
    this.#retentionMs = options.retentionMs ?? defaultRetention.retentionMs;
    if (!(this.#maxEvents >= 1)) throw new RangeError('maxEventsPerTask must be at least 1');
  }

  async create(task: Task): Promise<LogEntry> {
    if (this.#slots.has(task.id)) throw new Error(`task ${task.id} already exists`);
    const entry = toEntry(1, structuredClone(task));
    const slot: Slot = { task, entries: [entry], offset: 0, seq: 1, waiting: new Set() };
    this.#slots.set(task.id, slot);
    return entry;
  }

  async append(taskId: string, event: TaskUpdateEvent): Promise<LogEntry> {
    const slot = this.#slot(taskId);
    applyTaskEvent(slot.task, event);
    slot.seq += 1;
    const entry = toEntry(slot.seq, event);
    slot.entries.push(entry);
    this.#trim(slot);
    if (event.kind === 'status-update' && isTerminalState(event.status.state)) this.#expire(taskId, slot);
    wake(slot);
    return entry;
  }

  async addMessage(taskId: string, message: Message): Promise<void> {
    (this.#slot(taskId).task.history ??= []).push(message);
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const slot = this.#slots.get(taskId);
    if (!slot) return undefined;
    return { task: slot.task, seq: slot.seq, firstSeq: firstSeqOf(slot) };
  }

  async *read(taskId: string, after: number, signal: AbortSignal): AsyncIterable<readonly LogEntry[]> {
    let cursor = after;
    // One abort listener per read rather than one per wait: a reader that keeps up waits once per event.
    let waiter: (() => void) | undefined;
    const onAbort = (): void => waiter?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal.aborted) {
        const slot = this.#slots.get(taskId);
        if (!slot) return;
        if (cursor < slot.seq) {
          const firstSeq = firstSeqOf(slot);
          if (cursor + 1 < firstSeq) {
            throw new CursorExpiredError(`events after ${cursor} of task ${taskId} were trimmed`);
          }
          const start = slot.offset + (cursor + 1 - firstSeq);
          const batch = slot.entries.slice(start, start + maxBatch);
          cursor = batch[batch.length - 1]!.seq;
          yield batch;
          continue;
        }
        await new Promise<void>((resolve) => {
          waiter = resolve;
          slot.waiting.add(resolve);
        });
        if (waiter) slot.waiting.delete(waiter);
        waiter = undefined;
      }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async list(query: ListTasksQuery): Promise<TaskPage> {
    // Map order is creation order; newest first means walking it backwards.
    const matching = [...this.#slots.entries()]
      .reverse()
      .filter(([, slot]) => query.contextId === undefined || slot.task.contextId === query.contextId)
      .filter(([, slot]) => query.state === undefined || slot.task.status.state === query.state);
    let start = 0;
    if (query.pageToken !== undefined) {
      const after = matching.findIndex(([id]) => id === query.pageToken);
      if (after < 0)
        throw A2AError.of(ErrorCode.InvalidParams, `pageToken ${query.pageToken} is not a task of this listing`);
      start = after + 1;
    }
    const page = matching.slice(start, start + query.pageSize);
    const last = page.at(-1);
    return {
      tasks: page.map(([, slot]) => ({ task: slot.task, seq: slot.seq, firstSeq: firstSeqOf(slot) })),
      totalSize: matching.length,
      ...(last && start + page.length < matching.length ? { nextPageToken: last[0] } : {}),
    };
  }

  async close(): Promise<void> {
    for (const slot of this.#slots.values()) {
      clearTimeout(slot.expiry);
      wake(slot);
    }
    this.#slots.clear();
  }

  #slot(taskId: string): Slot {
    const slot = this.#slots.get(taskId);
    if (!slot) throw A2AError.of(ErrorCode.TaskNotFound, taskId);
    return slot;
  }

  #trim(slot: Slot): void {
    const retained = slot.entries.length - slot.offset;
    if (retained > this.#maxEvents) slot.offset += retained - this.#maxEvents;
    // Compact once the dead prefix outgrows the live part: amortized O(1) per event.
    if (slot.offset > 1024 && slot.offset * 2 > slot.entries.length) {
      slot.entries = slot.entries.slice(slot.offset);
      slot.offset = 0;
    }
  }

  #expire(taskId: string, slot: Slot): void {
    clearTimeout(slot.expiry);
    slot.expiry = setTimeout(() => {
      this.#slots.delete(taskId);
      wake(slot);
    }, this.#retentionMs);
    slot.expiry.unref();
  }
}

function firstSeqOf(slot: Slot): number {
  return slot.seq - (slot.entries.length - slot.offset) + 1;
}

function toEntry(seq: number, event: StreamEvent): LogEntry {
  const final = event.kind === 'status-update' && event.final;
  return { seq, event, json: JSON.stringify(event), final };
}

function wake(slot: Slot): void {
  if (slot.waiting.size === 0) return;
  const waiting = [...slot.waiting];
  slot.waiting.clear();
  for (const resolve of waiting) resolve();
}
