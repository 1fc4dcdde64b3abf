import { applyTaskEvent } from '@a2a-mesh/protocol';
import type { Artifact, Message, Task, TaskStatus } from '@a2a-mesh/protocol';
import type { TaskRecord } from '@a2a-mesh/server';

/** A task as the create script stores it: the parts that events change, each on its own. */
export interface TaskParts {
  /** The task without status, history and artifacts: what no event changes. */
  readonly rest: string;
  readonly status: string;
  readonly history: readonly string[] | undefined;
  readonly artifacts: readonly (readonly [artifactId: string, json: string])[] | undefined;
}

/** Splits a task into the parts the store keeps apart. */
export function taskParts(task: Task): TaskParts {
  const { status, history, artifacts, ...rest } = task;
  return {
    rest: JSON.stringify(rest),
    status: JSON.stringify(status),
    history: history?.map((message) => JSON.stringify(message)),
    artifacts: artifacts?.map((artifact) => [artifact.artifactId, JSON.stringify(artifact)] as const),
  };
}

/** What the snapshot script returns for a known task. */
export type SnapshotReply = [
  seq: number,
  length: number,
  rest: string,
  status: string,
  hasHistory: string,
  hasArtifacts: string,
  history: string[],
  artifacts: Array<string | string[]>,
];

/**
 * Puts a task back together from its parts. An artifact is kept as the chunks logged since it
 * was last replaced; folding them with `applyTaskEvent` (the first as is, the others appended)
 * gives exactly what folding the events gave.
 */
export function recordFromSnapshot(reply: SnapshotReply): TaskRecord {
  const [seq, length, rest, status, hasHistory, hasArtifacts, history, flatArtifacts] = reply;
  const task: Task = { ...(JSON.parse(rest) as Omit<Task, 'status'>), status: JSON.parse(status) as TaskStatus };
  if (hasHistory === '1') task.history = history.map((json) => JSON.parse(json) as Message);
  if (hasArtifacts === '1') {
    task.artifacts = [];
    const artifacts: Array<{ position: number; chunks: string[] }> = [];
    for (let index = 0; index < flatArtifacts.length; index += 3) {
      artifacts.push({ position: Number(flatArtifacts[index + 1]), chunks: flatArtifacts[index + 2] as string[] });
    }
    artifacts.sort((left, right) => left.position - right.position);
    for (const { chunks } of artifacts) {
      for (const [index, json] of chunks.entries()) {
        applyTaskEvent(task, {
          kind: 'artifact-update',
          taskId: task.id,
          contextId: task.contextId,
          artifact: JSON.parse(json) as Artifact,
          append: index > 0,
        });
      }
    }
  }
  return { task, seq: Number(seq), firstSeq: Number(seq) - Number(length) + 1 };
}
