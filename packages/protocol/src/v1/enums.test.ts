import { describe, expect, it } from 'vitest';
import { allTaskStates } from '../fixtures/samples.ts';
import { V1RoleSchema, V1TaskStateSchema, fromV1Role, fromV1TaskState, toV1Role, toV1TaskState } from './enums.ts';

describe('1.0 task states', () => {
  it.each([
    ['submitted', 'TASK_STATE_SUBMITTED'],
    ['working', 'TASK_STATE_WORKING'],
    ['input-required', 'TASK_STATE_INPUT_REQUIRED'],
    ['completed', 'TASK_STATE_COMPLETED'],
    ['canceled', 'TASK_STATE_CANCELED'],
    ['failed', 'TASK_STATE_FAILED'],
    ['rejected', 'TASK_STATE_REJECTED'],
    ['auth-required', 'TASK_STATE_AUTH_REQUIRED'],
    ['unknown', 'TASK_STATE_UNSPECIFIED'],
  ] as const)('%s is %s, both ways', (state, name) => {
    expect(toV1TaskState(state)).toBe(name);
    expect(fromV1TaskState(name)).toBe(state);
  });

  it('covers every 0.3 state', () => {
    for (const state of allTaskStates) expect(fromV1TaskState(toV1TaskState(state))).toBe(state);
  });

  it('reads the enum number as ProtoJSON allows, and rejects the 0.3 spelling', () => {
    expect(V1TaskStateSchema.parse(3)).toBe('TASK_STATE_COMPLETED');
    expect(V1TaskStateSchema.parse('TASK_STATE_WORKING')).toBe('TASK_STATE_WORKING');
    expect(V1TaskStateSchema.safeParse('completed').success).toBe(false);
    expect(V1TaskStateSchema.safeParse(9).success).toBe(false);
  });
});

describe('1.0 roles', () => {
  it('maps user and agent both ways', () => {
    expect(toV1Role('user')).toBe('ROLE_USER');
    expect(toV1Role('agent')).toBe('ROLE_AGENT');
    expect(fromV1Role('ROLE_USER')).toBe('user');
    expect(fromV1Role('ROLE_AGENT')).toBe('agent');
  });

  it('reads numbers, and refuses an unspecified role or the 0.3 spelling', () => {
    expect(V1RoleSchema.parse(1)).toBe('ROLE_USER');
    expect(V1RoleSchema.parse(2)).toBe('ROLE_AGENT');
    expect(V1RoleSchema.safeParse('ROLE_UNSPECIFIED').success).toBe(false);
    expect(V1RoleSchema.safeParse(0).success).toBe(false);
    expect(V1RoleSchema.safeParse('user').success).toBe(false);
  });
});
