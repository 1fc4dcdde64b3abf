import { z } from 'zod';
import type { Role } from '../message.ts';
import type { TaskState } from '../task.ts';

/**
 * Task states as A2A 1.0 writes them (ProtoJSON enum names). `TASK_STATE_UNSPECIFIED` is the
 * proto default; our model calls it `unknown`, the 0.3 name for the same idea.
 */
const v1TaskStateNames = [
  'TASK_STATE_UNSPECIFIED',
  'TASK_STATE_SUBMITTED',
  'TASK_STATE_WORKING',
  'TASK_STATE_COMPLETED',
  'TASK_STATE_FAILED',
  'TASK_STATE_CANCELED',
  'TASK_STATE_INPUT_REQUIRED',
  'TASK_STATE_REJECTED',
  'TASK_STATE_AUTH_REQUIRED',
] as const;
export type V1TaskState = (typeof v1TaskStateNames)[number];

const v1RoleNames = ['ROLE_UNSPECIFIED', 'ROLE_USER', 'ROLE_AGENT'] as const;
export type V1Role = (typeof v1RoleNames)[number];

/**
 * A ProtoJSON enum: parsers must accept the name and the number, writers send the name, so the
 * number is turned into its name here.
 */
function protoEnum<const TName extends string>(names: readonly [TName, ...TName[]]) {
  return z.union([
    z.enum(names),
    z
      .int()
      .refine((value) => value >= 0 && value < names.length, { message: `expected one of ${names.join(', ')}` })
      .transform((value) => names[value] as TName),
  ]);
}

/** A 1.0 `TaskState`, by name or number; parses to the name. */
export const V1TaskStateSchema = protoEnum(v1TaskStateNames);

/** A 1.0 `Role`, by name or number; parses to the name. Messages must name a real role. */
export const V1RoleSchema = protoEnum(v1RoleNames).pipe(
  z.enum(['ROLE_USER', 'ROLE_AGENT'], { error: 'expected ROLE_USER or ROLE_AGENT' }),
);

const toV1States: Readonly<Record<TaskState, V1TaskState>> = {
  unknown: 'TASK_STATE_UNSPECIFIED',
  submitted: 'TASK_STATE_SUBMITTED',
  working: 'TASK_STATE_WORKING',
  completed: 'TASK_STATE_COMPLETED',
  failed: 'TASK_STATE_FAILED',
  canceled: 'TASK_STATE_CANCELED',
  'input-required': 'TASK_STATE_INPUT_REQUIRED',
  rejected: 'TASK_STATE_REJECTED',
  'auth-required': 'TASK_STATE_AUTH_REQUIRED',
};
const fromV1States = Object.fromEntries(
  Object.entries(toV1States).map(([state, name]) => [name, state as TaskState]),
) as Readonly<Record<V1TaskState, TaskState>>;

/** `input-required` → `TASK_STATE_INPUT_REQUIRED`. */
export function toV1TaskState(state: TaskState): V1TaskState {
  return toV1States[state];
}

/** `TASK_STATE_INPUT_REQUIRED` → `input-required`; unspecified → `unknown`. */
export function fromV1TaskState(state: V1TaskState): TaskState {
  return fromV1States[state];
}

/** `user` → `ROLE_USER`. */
export function toV1Role(role: Role): Exclude<V1Role, 'ROLE_UNSPECIFIED'> {
  return role === 'user' ? 'ROLE_USER' : 'ROLE_AGENT';
}

/** `ROLE_USER` → `user`. The schema rejects `ROLE_UNSPECIFIED` before a converter sees it. */
export function fromV1Role(role: V1Role): Role {
  return role === 'ROLE_USER' ? 'user' : 'agent';
}
