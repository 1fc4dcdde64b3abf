import { isInterruptedState, isTerminalState, resumableStreamExtension } from '@a2a-mesh/protocol';
import type { Task } from '@a2a-mesh/protocol';
import type { LogEntry, TaskRecord } from './task-store.ts';

/**
 * A copy of a stored task that is safe to hand out while the task keeps changing: the arrays
 * that grow are copied, the immutable events inside them are shared. `historyLength` keeps only
 * the most recent messages (0 keeps none).
 */
export function copyTask(task: Task, historyLength?: number): Task {
  const history = task.history ?? [];
  const kept = historyLength === undefined ? history : historyLength === 0 ? [] : history.slice(-historyLength);
  return {
    ...task,
    history: [...kept],
    ...(task.artifacts
      ? { artifacts: task.artifacts.map((artifact) => ({ ...artifact, parts: [...artifact.parts] })) }
      : {}),
  };
}

/** The most recent history messages a stream's snapshot carries. */
export const snapshotHistoryLength = 100;

/**
 * The snapshot as a stream frame: its id is the sequence number it reflects, so a client that
 * resumes from it gets exactly the events that came after. It ends the stream when the task
 * has nothing more to say in this interaction (ended, or waiting for input).
 */
export function snapshotEntry(record: TaskRecord, options: { truncated?: boolean } = {}): LogEntry {
  // A stream's snapshot tells where the task stands, not its whole past: the history is capped so
  // that a task of 100,000 events never turns into one giant frame (`tasks/get` has it all).
  const task = copyTask(record.task, snapshotHistoryLength);
  if (options.truncated) task.metadata = { ...task.metadata, [resumableStreamExtension.truncatedKey]: true };
  const state = task.status.state;
  return {
    seq: record.seq,
    event: task,
    json: JSON.stringify(task),
    final: isTerminalState(state) || isInterruptedState(state),
  };
}
