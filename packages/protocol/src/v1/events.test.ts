import { describe, expect, it } from 'vitest';
import { StreamEventSchema } from '../events.ts';
import type { StreamEvent, TaskStatusUpdateEvent } from '../index.ts';
import {
  agentTextMessage,
  completedStatusEvent,
  completedTask,
  firstChunkEvent,
  lastChunkEvent,
  statusPerState,
  wholeArtifactEvent,
  workingStatusEvent,
} from '../fixtures/samples.ts';
import {
  V1SendMessageResponseSchema,
  V1StreamResponseSchema,
  fromV1SendMessageResponse,
  fromV1StreamResponse,
  toV1SendMessageResponse,
  toV1StreamResponse,
} from './events.ts';

const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value));
const roundTrip = (event: StreamEvent): StreamEvent =>
  fromV1StreamResponse(V1StreamResponseSchema.parse(wire(toV1StreamResponse(event))));

describe('stream responses', () => {
  it('wrap each event kind in its one member', () => {
    expect(Object.keys(toV1StreamResponse(completedTask as StreamEvent))).toEqual(['task']);
    expect(Object.keys(toV1StreamResponse(agentTextMessage as StreamEvent))).toEqual(['message']);
    expect(Object.keys(toV1StreamResponse(workingStatusEvent as StreamEvent))).toEqual(['statusUpdate']);
    expect(Object.keys(toV1StreamResponse(firstChunkEvent as StreamEvent))).toEqual(['artifactUpdate']);
  });

  it('drop kind and final from a status update', () => {
    const written = toV1StreamResponse(completedStatusEvent as StreamEvent);
    expect(written).toEqual({
      statusUpdate: {
        taskId: completedStatusEvent.taskId,
        contextId: completedStatusEvent.contextId,
        status: { state: 'TASK_STATE_COMPLETED', timestamp: completedStatusEvent.status.timestamp },
      },
    });
  });

  it.each([
    ['a task', completedTask],
    ['a message', agentTextMessage],
    ['a working update', workingStatusEvent],
    ['a final update', completedStatusEvent],
    ['a first chunk', firstChunkEvent],
    ['a last chunk', lastChunkEvent],
    ['a whole artifact', wholeArtifactEvent],
  ] as Array<[string, StreamEvent]>)('%s comes back unchanged', (_name, event) => {
    const back = roundTrip(event);
    expect(back).toEqual(event);
    expect(StreamEventSchema.parse(back)).toEqual(event);
  });

  it('give final back from the state: terminal and interrupted states end the interaction', () => {
    const finals = statusPerState.map((status) => {
      const event: TaskStatusUpdateEvent = {
        kind: 'status-update',
        taskId: 't',
        contextId: 'c',
        status,
        final: false,
      };
      const back = roundTrip(event) as TaskStatusUpdateEvent;
      return [status.state, back.final];
    });
    expect(Object.fromEntries(finals)).toEqual({
      submitted: false,
      working: false,
      'input-required': true,
      completed: true,
      canceled: true,
      failed: true,
      rejected: true,
      'auth-required': true,
      unknown: false,
    });
  });

  it('must hold exactly one member', () => {
    expect(V1StreamResponseSchema.safeParse({}).success).toBe(false);
    const both = {
      task: wire(toV1StreamResponse(completedTask as StreamEvent)),
      message: { messageId: 'm', role: 'ROLE_USER' },
    };
    expect(V1StreamResponseSchema.safeParse(both).success).toBe(false);
    expect(V1StreamResponseSchema.safeParse(completedStatusEvent).success).toBe(false);
  });
});

describe('SendMessage responses', () => {
  it('wrap a task or a message, and come back unchanged', () => {
    expect(Object.keys(toV1SendMessageResponse(completedTask))).toEqual(['task']);
    expect(Object.keys(toV1SendMessageResponse(agentTextMessage))).toEqual(['message']);
    for (const result of [completedTask, agentTextMessage]) {
      expect(
        fromV1SendMessageResponse(V1SendMessageResponseSchema.parse(wire(toV1SendMessageResponse(result)))),
      ).toEqual(result);
    }
  });

  it('reject an unwrapped task', () => {
    expect(V1SendMessageResponseSchema.safeParse(completedTask).success).toBe(false);
  });
});
