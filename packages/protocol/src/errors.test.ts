import { describe, expect, it } from 'vitest';
import { A2AError, ErrorCode, JsonRpcErrorObjectSchema, defaultErrorMessages } from './index.ts';

describe('A2AError.of', () => {
  it('uses the default message of the code', () => {
    const error = A2AError.of(ErrorCode.TaskNotFound);
    expect(error.code).toBe(-32001);
    expect(error.message).toBe('Task not found');
    expect(error.data).toBeUndefined();
  });

  it('keeps the default message at the start and appends the detail', () => {
    const error = A2AError.of(ErrorCode.InvalidParams, 'params.message.parts: expected array, received string');
    expect(error.message).toBe('Invalid parameters: params.message.parts: expected array, received string');
  });

  it('carries data', () => {
    expect(A2AError.of(ErrorCode.TaskNotCancelable, 'task is completed', { state: 'completed' }).data).toEqual({
      state: 'completed',
    });
  });

  it('has a default message for every code', () => {
    const codes = Object.values(ErrorCode);
    expect(codes).toHaveLength(12);
    for (const code of codes) {
      expect(defaultErrorMessages[code], String(code)).toMatch(/\S/);
      expect(A2AError.of(code).message).toBe(defaultErrorMessages[code]);
    }
  });

  it('is an Error named A2AError, with a stack for local logs', () => {
    const error = A2AError.of(ErrorCode.InternalError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(A2AError);
    expect(error.name).toBe('A2AError');
    expect(error.stack).toContain('A2AError');
  });
});

describe('A2AError.toJSON', () => {
  it('gives code and message, and no data member when there is no data', () => {
    const json = A2AError.of(ErrorCode.MethodNotFound, 'tasks/list').toJSON();
    expect(json).toStrictEqual({ code: -32601, message: 'Method not found: tasks/list' });
    expect(Object.hasOwn(json, 'data')).toBe(false);
  });

  it('includes data when there is some, even null', () => {
    expect(A2AError.of(ErrorCode.TaskNotFound, 'task-9', { taskId: 'task-9' }).toJSON()).toStrictEqual({
      code: -32001,
      message: 'Task not found: task-9',
      data: { taskId: 'task-9' },
    });
    expect(new A2AError(-32006, 'Invalid agent response', null).toJSON()).toStrictEqual({
      code: -32006,
      message: 'Invalid agent response',
      data: null,
    });
  });

  it('is what JSON.stringify writes, with no stack or name on the wire', () => {
    const wire = JSON.parse(JSON.stringify({ error: A2AError.of(ErrorCode.InternalError) })) as { error: unknown };
    expect(wire.error).toStrictEqual({ code: -32603, message: 'Internal error' });
    expect(JsonRpcErrorObjectSchema.safeParse(wire.error).success).toBe(true);
  });
});

describe('A2AError.fromJson', () => {
  it('rebuilds the error a server sent, so callers can switch on code', () => {
    const error = A2AError.fromJson({ code: -32001, message: 'Task not found: task-9', data: { taskId: 'task-9' } });
    expect(error).toBeInstanceOf(A2AError);
    expect(error.code).toBe(ErrorCode.TaskNotFound);
    expect(error.message).toBe('Task not found: task-9');
    expect(error.data).toEqual({ taskId: 'task-9' });
  });

  it('round-trips through the wire for every code', () => {
    for (const code of Object.values(ErrorCode)) {
      const sent = A2AError.of(code, 'detail', { code });
      const received = A2AError.fromJson(JSON.parse(JSON.stringify(sent)) as { code: number; message: string });
      expect(received.toJSON()).toStrictEqual(sent.toJSON());
    }
  });

  it('keeps codes outside the spec that a server defines for itself', () => {
    const error = A2AError.fromJson({ code: -32050, message: 'Upstream agent unavailable' });
    expect(error.code).toBe(-32050);
    expect(error.toJSON()).toStrictEqual({ code: -32050, message: 'Upstream agent unavailable' });
  });
});
