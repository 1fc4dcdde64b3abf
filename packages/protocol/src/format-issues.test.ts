import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MessageSendParamsSchema, TaskQueryParamsSchema, formatIssues, formatPath } from './index.ts';

/** The zod error a schema gives for a value it must reject. */
function failure(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error(`expected ${JSON.stringify(value)} to be rejected`);
  return result.error;
}

const message = { kind: 'message', messageId: 'msg-1', role: 'user', parts: [{ kind: 'text', text: 'hello' }] };

describe('formatPath', () => {
  it('writes keys with dots and indices in brackets', () => {
    expect(formatPath(['message', 'parts', 0, 'text'])).toBe('message.parts[0].text');
    expect(formatPath([0, 'text'])).toBe('[0].text');
  });

  it('starts from a prefix', () => {
    expect(formatPath(['message', 'parts', 2], 'params')).toBe('params.message.parts[2]');
    expect(formatPath([], 'params')).toBe('params');
  });

  it('names the root when there is no path', () => {
    expect(formatPath([])).toBe('(root)');
  });
});

describe('formatIssues', () => {
  it('names the field path and what was expected', () => {
    const error = failure(MessageSendParamsSchema, { message: { ...message, parts: [{ kind: 'text', text: 42 }] } });
    expect(formatIssues(error)).toBe('message.parts[0].text: expected string, received number');
  });

  it('puts the prefix in front of the path', () => {
    const error = failure(MessageSendParamsSchema, { message: { ...message, parts: [{ kind: 'text', text: 42 }] } });
    expect(formatIssues(error, 'params')).toBe('params.message.parts[0].text: expected string, received number');
  });

  it('says an array was expected where a string was sent', () => {
    const error = failure(MessageSendParamsSchema, { message: { ...message, parts: 'hello' } });
    expect(formatIssues(error, 'params')).toBe('params.message.parts: expected array, received string');
  });

  it('lists the allowed values of an enum', () => {
    const error = failure(MessageSendParamsSchema, { message: { ...message, role: 'assistant' } });
    expect(formatIssues(error)).toMatch(/^message\.role: .*"user".*"agent"/);
  });

  it('lists the allowed kinds of a part', () => {
    const error = failure(MessageSendParamsSchema, { message: { ...message, parts: [{ kind: 'image' }] } });
    expect(formatIssues(error)).toMatch(/^message\.parts\[0\]\.kind: .*'text'.*'file'.*'data'/);
  });

  it('says an integer was expected for a fractional historyLength', () => {
    const error = failure(TaskQueryParamsSchema, { id: 'task-1', historyLength: 1.5 });
    expect(formatIssues(error, 'params')).toMatch(/^params\.historyLength: expected int/);
  });

  it('names a missing required field', () => {
    const error = failure(MessageSendParamsSchema, { message: { ...message, messageId: undefined } });
    expect(formatIssues(error)).toMatch(/^message\.messageId: expected string, received undefined$/);
  });

  it('joins several issues with semicolons, in order', () => {
    const error = failure(MessageSendParamsSchema, { message: { ...message, role: 'bot', messageId: 7 } });
    const lines = formatIssues(error).split('; ');
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => line.split(':')[0])).toEqual(['message.messageId', 'message.role']);
  });

  it('reports at most five issues', () => {
    const schema = z.object(Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((key) => [key, z.string()])));
    const error = failure(schema, {});
    expect(error.issues).toHaveLength(7);
    expect(formatIssues(error).split('; ')).toHaveLength(5);
  });

  it('names the root when the value itself is wrong', () => {
    expect(formatIssues(failure(MessageSendParamsSchema, 'hello'))).toBe('(root): expected object, received string');
  });
});
