import type { Message, Part, Task, TaskArtifactUpdateEvent, TaskState, TaskStatusUpdateEvent } from '@a2a-js/sdk';

/** What `@a2a-js/sdk` streams and returns: its own declared union of stream events. */
export type TheirStreamEvent = Message | Task | TaskStatusUpdateEvent | TaskArtifactUpdateEvent;

/**
 * Every state `@a2a-js/sdk` declares. `satisfies` plus the `Exclude` below tie this runtime list to
 * their `TaskState` type both ways, so an SDK upgrade that changes the states fails to compile.
 */
const theirStates = [
  'submitted',
  'working',
  'input-required',
  'completed',
  'canceled',
  'failed',
  'rejected',
  'auth-required',
  'unknown',
] as const satisfies readonly TaskState[];
const allStatesListed: Exclude<TaskState, (typeof theirStates)[number]> extends never ? true : never = true;
void allStatesListed;

/**
 * The ways `value` departs from the `@a2a-js/sdk` type of a stream event (their `.d.ts`, generated
 * from the official 0.3.0 JSON Schema): missing required members, wrong member types, unknown
 * discriminators. An empty list means their code can rely on every field its types promise.
 * The SDK has no runtime validator of its own, so this walks the declared shapes by hand.
 */
export function theirShapeProblems(value: unknown, path = 'event'): string[] {
  if (!isObject(value)) return [`${path}: expected an object`];
  switch (value.kind) {
    case 'task':
      return [
        ...strings(value, path, ['id', 'contextId']),
        ...statusProblems(value.status, `${path}.status`),
        ...optionalArray(value, path, 'history', messageProblems),
        ...optionalArray(value, path, 'artifacts', artifactProblems),
      ];
    case 'status-update':
      return [
        ...strings(value, path, ['taskId', 'contextId']),
        ...(typeof value.final === 'boolean' ? [] : [`${path}.final: expected a boolean (required)`]),
        ...statusProblems(value.status, `${path}.status`),
      ];
    case 'artifact-update':
      return [
        ...strings(value, path, ['taskId', 'contextId']),
        ...artifactProblems(value.artifact, `${path}.artifact`),
        ...optionalBooleans(value, path, ['append', 'lastChunk']),
      ];
    case 'message':
      return messageProblems(value, path);
    default:
      return [`${path}.kind: ${JSON.stringify(value.kind)} is not task|status-update|artifact-update|message`];
  }
}

function statusProblems(value: unknown, path: string): string[] {
  if (!isObject(value)) return [`${path}: expected an object (required)`];
  const problems = (theirStates as readonly unknown[]).includes(value.state)
    ? []
    : [`${path}.state: ${JSON.stringify(value.state)} is not a TaskState`];
  if (value.timestamp !== undefined && typeof value.timestamp !== 'string') {
    problems.push(`${path}.timestamp: expected a string`);
  }
  if (value.message !== undefined) problems.push(...messageProblems(value.message, `${path}.message`));
  return problems;
}

function messageProblems(value: unknown, path: string): string[] {
  if (!isObject(value)) return [`${path}: expected an object`];
  return [
    ...(value.kind === 'message' ? [] : [`${path}.kind: expected "message"`]),
    ...strings(value, path, ['messageId']),
    ...(value.role === 'user' || value.role === 'agent' ? [] : [`${path}.role: expected "user" or "agent"`]),
    ...partsProblems(value.parts, `${path}.parts`),
  ];
}

function artifactProblems(value: unknown, path: string): string[] {
  if (!isObject(value)) return [`${path}: expected an object`];
  return [...strings(value, path, ['artifactId']), ...partsProblems(value.parts, `${path}.parts`)];
}

function partsProblems(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) return [`${path}: expected an array (required)`];
  return value.flatMap((part: unknown, index) => partProblems(part, `${path}[${index}]`));
}

function partProblems(value: unknown, path: string): string[] {
  if (!isObject(value)) return [`${path}: expected an object`];
  const kind = value.kind as Part['kind'];
  switch (kind) {
    case 'text':
      return typeof value.text === 'string' ? [] : [`${path}.text: expected a string`];
    case 'data':
      return isObject(value.data) ? [] : [`${path}.data: expected an object`];
    case 'file': {
      const file = value.file;
      if (!isObject(file)) return [`${path}.file: expected an object`];
      return typeof file.bytes === 'string' || typeof file.uri === 'string'
        ? []
        : [`${path}.file: expected bytes or uri`];
    }
    default:
      return [`${path}.kind: ${JSON.stringify(value.kind)} is not text|file|data`];
  }
}

function strings(value: Record<string, unknown>, path: string, keys: string[]): string[] {
  return keys.filter((key) => typeof value[key] !== 'string').map((key) => `${path}.${key}: expected a string`);
}

function optionalBooleans(value: Record<string, unknown>, path: string, keys: string[]): string[] {
  return keys
    .filter((key) => value[key] !== undefined && typeof value[key] !== 'boolean')
    .map((key) => `${path}.${key}: expected a boolean`);
}

function optionalArray(
  value: Record<string, unknown>,
  path: string,
  key: string,
  check: (item: unknown, path: string) => string[],
): string[] {
  const items = value[key];
  if (items === undefined) return [];
  if (!Array.isArray(items)) return [`${path}.${key}: expected an array`];
  return items.flatMap((item: unknown, index) => check(item, `${path}.${key}[${index}]`));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
