import { describe, expect, it } from 'vitest';
import { MessageSchema } from '../message.ts';
import { TaskSchema } from '../task.ts';
import type { Message, Task } from '../index.ts';
import {
  agentQuestionMessage,
  agentTextMessage,
  bookingArtifact,
  completedTask,
  itineraryArtifact,
  statusPerState,
  submittedTask,
  userMessageWithEveryPart,
  userTextMessage,
} from '../fixtures/samples.ts';
import { V1MessageSchema, fromV1Message, toV1Message } from './message.ts';
import {
  V1ArtifactSchema,
  V1TaskSchema,
  V1TaskStatusSchema,
  fromV1Artifact,
  fromV1Task,
  fromV1TaskStatus,
  toV1Artifact,
  toV1Task,
  toV1TaskStatus,
} from './task.ts';

/** Through JSON, as on the wire. */
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));

describe('messages', () => {
  it('are written without kind, with ROLE_* roles', () => {
    expect(toV1Message(userTextMessage)).toEqual({
      messageId: 'msg-0001',
      role: 'ROLE_USER',
      parts: [{ text: userTextMessage.parts[0]!.text }],
    });
    const everything = toV1Message(userMessageWithEveryPart);
    expect(everything).not.toHaveProperty('kind');
    expect(everything).toMatchObject({
      role: 'ROLE_USER',
      contextId: userMessageWithEveryPart.contextId,
      taskId: userMessageWithEveryPart.taskId,
      referenceTaskIds: userMessageWithEveryPart.referenceTaskIds,
      extensions: userMessageWithEveryPart.extensions,
      metadata: userMessageWithEveryPart.metadata,
    });
  });

  it.each([userTextMessage, userMessageWithEveryPart, agentTextMessage, agentQuestionMessage] as Message[])(
    '$messageId comes back unchanged',
    (message) => {
      const back = fromV1Message(V1MessageSchema.parse(wire(toV1Message(message))));
      expect(back).toEqual(message);
      expect(MessageSchema.parse(back)).toEqual(message);
    },
  );

  it('treats the ProtoJSON defaults "" and [] as absent, and needs an id and a role', () => {
    const read = V1MessageSchema.parse({
      messageId: 'm',
      role: 'ROLE_AGENT',
      contextId: '',
      taskId: '',
      extensions: [],
    });
    expect(fromV1Message(read)).toEqual({ kind: 'message', messageId: 'm', role: 'agent', parts: [] });
    expect(V1MessageSchema.safeParse({ role: 'ROLE_USER', parts: [] }).success).toBe(false);
    expect(V1MessageSchema.safeParse({ messageId: 'm', parts: [] }).success).toBe(false);
  });
});

describe('statuses', () => {
  it.each(statusPerState)('$state comes back unchanged', (status) => {
    const written = toV1TaskStatus(status);
    expect(written.state).toMatch(/^TASK_STATE_/);
    expect(fromV1TaskStatus(V1TaskStatusSchema.parse(wire(written)))).toEqual(status);
  });

  it('reads an absent state as unspecified: unknown', () => {
    expect(fromV1TaskStatus(V1TaskStatusSchema.parse({}))).toEqual({ state: 'unknown' });
  });
});

describe('artifacts', () => {
  it.each([itineraryArtifact, bookingArtifact])('$artifactId comes back unchanged', (artifact) => {
    const written = toV1Artifact(artifact);
    expect(written.parts.every((part) => !('kind' in part))).toBe(true);
    expect(fromV1Artifact(V1ArtifactSchema.parse(wire(written)))).toEqual(artifact);
  });
});

describe('tasks', () => {
  it('are written without kind, with 1.0 states, roles and parts all the way down', () => {
    const written = toV1Task(completedTask);
    expect(written).not.toHaveProperty('kind');
    expect(written.status.state).toBe('TASK_STATE_COMPLETED');
    expect(written.history?.map((message) => message.role)).toEqual([
      'ROLE_USER',
      'ROLE_AGENT',
      'ROLE_USER',
      'ROLE_AGENT',
    ]);
    expect(written.artifacts?.[1]?.parts[1]).toEqual({
      url: 'https://files.example.com/maps/lisbon-center.png',
      mediaType: 'image/png',
      filename: 'lisbon-map.png',
      metadata: { expiresAt: '2025-05-02T00:00:00Z' },
    });
  });

  it.each([submittedTask, completedTask] as Task[])('$status.state task comes back unchanged', (task) => {
    const back = fromV1Task(V1TaskSchema.parse(wire(toV1Task(task))));
    expect(back).toEqual(task);
    expect(TaskSchema.parse(back)).toEqual(task);
  });

  it('keeps an empty history (historyLength 0) apart from an absent one', () => {
    const empty = { ...submittedTask, history: [] } as Task;
    expect(toV1Task(empty).history).toEqual([]);
    expect(fromV1Task(V1TaskSchema.parse(wire(toV1Task(empty)))).history).toEqual([]);
    expect(fromV1Task(V1TaskSchema.parse(wire(toV1Task(submittedTask))))).not.toHaveProperty('history');
  });
});
