import { describe, expect, it } from 'vitest';
import { applyTaskEvent } from './index.ts';
import type { Artifact, Message, Task, TaskArtifactUpdateEvent, TaskStatusUpdateEvent } from './index.ts';

const taskId = 'task-1';
const contextId = 'ctx-1';

function newTask(): Task {
  return { kind: 'task', id: taskId, contextId, status: { state: 'submitted' } };
}

function agentMessage(text: string, messageId = `msg-${text}`): Message {
  return { kind: 'message', messageId, role: 'agent', taskId, contextId, parts: [{ kind: 'text', text }] };
}

function statusEvent(state: TaskStatusUpdateEvent['status']['state'], message?: Message): TaskStatusUpdateEvent {
  return {
    kind: 'status-update',
    taskId,
    contextId,
    final: false,
    status: message ? { state, message, timestamp: '2025-05-01T10:00:00Z' } : { state },
  };
}

function artifactEvent(
  artifact: Artifact,
  options: { append?: boolean; lastChunk?: boolean } = {},
): TaskArtifactUpdateEvent {
  return { kind: 'artifact-update', taskId, contextId, artifact, ...options };
}

function textOf(artifact: Artifact | undefined): string[] {
  return (artifact?.parts ?? []).map((part) => (part.kind === 'text' ? part.text : `<${part.kind}>`));
}

describe('applyTaskEvent: status updates', () => {
  it('replaces the status and appends its message to the history', () => {
    const task = newTask();
    const question = agentMessage('Which dates?');
    const returned = applyTaskEvent(task, statusEvent('input-required', question));
    expect(returned).toBe(task);
    expect(task.status).toEqual({ state: 'input-required', message: question, timestamp: '2025-05-01T10:00:00Z' });
    expect(task.history).toEqual([question]);
  });

  it('appends after the history the task already has, in order', () => {
    const earlier = agentMessage('earlier');
    const task: Task = { ...newTask(), history: [earlier] };
    applyTaskEvent(task, statusEvent('working', agentMessage('one')));
    applyTaskEvent(task, statusEvent('completed', agentMessage('two')));
    expect(task.history?.map((message) => message.messageId)).toEqual(['msg-earlier', 'msg-one', 'msg-two']);
    expect(task.status.state).toBe('completed');
  });

  it('leaves the history alone when the status has no message', () => {
    const task = newTask();
    applyTaskEvent(task, statusEvent('working'));
    expect(task.status).toEqual({ state: 'working' });
    expect(task.history).toBeUndefined();
  });

  it('keeps the task object and grows the history by one per event, 100,000 times', () => {
    const task = newTask();
    const count = 100_000;
    let returned: Task | undefined;
    for (let index = 0; index < count; index += 1) {
      returned = applyTaskEvent(task, statusEvent('working', agentMessage(String(index))));
      if (returned !== task) break;
    }
    expect(returned).toBe(task);
    expect(task.history).toHaveLength(count);
    expect(task.history?.[0]?.messageId).toBe('msg-0');
    expect(task.history?.[count - 1]?.messageId).toBe(`msg-${count - 1}`);
    expect(task.status.message?.messageId).toBe(`msg-${count - 1}`);
  });
});

describe('applyTaskEvent: artifact updates', () => {
  const first: Artifact = { artifactId: 'itinerary', name: 'itinerary.md', parts: [{ kind: 'text', text: 'Day 1' }] };

  it('adds an artifact the task does not have yet', () => {
    const task = newTask();
    const returned = applyTaskEvent(task, artifactEvent(first));
    expect(returned).toBe(task);
    expect(task.artifacts).toEqual([first]);
  });

  it('copies the artifact it adds, so appending later never changes the event it came from', () => {
    const task = newTask();
    const artifact: Artifact = { artifactId: 'itinerary', parts: [{ kind: 'text', text: 'Day 1' }] };
    applyTaskEvent(task, artifactEvent(artifact));
    applyTaskEvent(
      task,
      artifactEvent({ artifactId: 'itinerary', parts: [{ kind: 'text', text: 'Day 2' }] }, { append: true }),
    );
    expect(artifact.parts).toHaveLength(1);
    expect(textOf(task.artifacts?.[0])).toEqual(['Day 1', 'Day 2']);
  });

  it('replaces an artifact with the same id when append is absent or false', () => {
    const task = newTask();
    const other: Artifact = { artifactId: 'booking', parts: [{ kind: 'data', data: { hotel: 'Alfama Inn' } }] };
    applyTaskEvent(task, artifactEvent(first));
    applyTaskEvent(task, artifactEvent(other));
    applyTaskEvent(
      task,
      artifactEvent({ artifactId: 'itinerary', name: 'v2', parts: [{ kind: 'text', text: 'Day 1, revised' }] }),
    );
    applyTaskEvent(
      task,
      artifactEvent({ artifactId: 'booking', parts: [{ kind: 'text', text: 'cancelled' }] }, { append: false }),
    );
    expect(task.artifacts?.map((artifact) => artifact.artifactId)).toEqual(['itinerary', 'booking']);
    expect(task.artifacts?.[0]?.name).toBe('v2');
    expect(textOf(task.artifacts?.[0])).toEqual(['Day 1, revised']);
    expect(textOf(task.artifacts?.[1])).toEqual(['cancelled']);
  });

  it('with append: true, extends the parts in the order the chunks arrive', () => {
    const task = newTask();
    applyTaskEvent(task, artifactEvent(first, { lastChunk: false }));
    applyTaskEvent(
      task,
      artifactEvent({ artifactId: 'itinerary', parts: [{ kind: 'text', text: 'Day 2' }] }, { append: true }),
    );
    applyTaskEvent(
      task,
      artifactEvent(
        {
          artifactId: 'itinerary',
          parts: [
            { kind: 'text', text: 'Day 3' },
            { kind: 'file', file: { uri: 'https://files.example.com/map.png' } },
          ],
        },
        { append: true, lastChunk: true },
      ),
    );
    expect(task.artifacts).toHaveLength(1);
    expect(task.artifacts?.[0]?.name).toBe('itinerary.md');
    expect(textOf(task.artifacts?.[0])).toEqual(['Day 1', 'Day 2', 'Day 3', '<file>']);
  });

  it('with append: true, merges the chunk metadata into the artifact metadata', () => {
    const task = newTask();
    applyTaskEvent(task, artifactEvent({ ...first, metadata: { source: 'planner', words: 2 } }));
    applyTaskEvent(
      task,
      artifactEvent({ artifactId: 'itinerary', parts: [], metadata: { words: 4 } }, { append: true }),
    );
    expect(task.artifacts?.[0]?.metadata).toEqual({ source: 'planner', words: 4 });
  });

  it('with append: true for an artifact it has not seen, adds it', () => {
    const task = newTask();
    applyTaskEvent(task, artifactEvent(first, { append: true }));
    expect(task.artifacts).toEqual([first]);
  });

  it('leaves status and history alone', () => {
    const task = newTask();
    applyTaskEvent(task, artifactEvent(first));
    expect(task.status).toEqual({ state: 'submitted' });
    expect(task.history).toBeUndefined();
  });
});
