import type { TaskUpdateEvent } from './events.ts';
import type { Artifact, Task } from './task.ts';

/**
 * Folds one update into a task snapshot, in place, the way A2A clients and servers agree on:
 * a status update replaces the status and appends its message to the history; an artifact update
 * adds the artifact, replaces one with the same id, or (with `append`) extends its parts.
 *
 * It mutates rather than copies so that the cost of an event stays constant however long the
 * task's history grows. Callers that hand the snapshot out copy it at that point.
 */
export function applyTaskEvent(task: Task, event: TaskUpdateEvent): Task {
  switch (event.kind) {
    case 'status-update': {
      task.status = event.status;
      if (event.status.message) (task.history ??= []).push(event.status.message);
      return task;
    }
    case 'artifact-update': {
      const artifacts = (task.artifacts ??= []);
      const index = artifacts.findIndex((artifact) => artifact.artifactId === event.artifact.artifactId);
      const existing = artifacts[index];
      if (!existing) artifacts.push(copyArtifact(event.artifact));
      else if (event.append) appendParts(existing, event.artifact);
      else artifacts[index] = copyArtifact(event.artifact);
      return task;
    }
  }
}

function copyArtifact(artifact: Artifact): Artifact {
  return { ...artifact, parts: [...artifact.parts] };
}

function appendParts(target: Artifact, chunk: Artifact): void {
  for (const part of chunk.parts) target.parts.push(part);
  if (chunk.metadata) target.metadata = { ...target.metadata, ...chunk.metadata };
}
