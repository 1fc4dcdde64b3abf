import { describe, expect, it } from 'vitest';
import { GatewayError } from './gateway-error.ts';
import { parseCursor } from './parse-cursor.ts';

describe('parseCursor', () => {
  it('starts from the first event without a cursor, or with the empty header EventSource sends first', () => {
    expect(parseCursor(undefined, undefined)).toEqual({ after: 0, source: undefined });
    expect(parseCursor('', undefined)).toEqual({ after: 0, source: undefined });
  });

  it('reads Last-Event-ID, and prefers it over ?after= (the browser keeps the original URL on reconnect)', () => {
    expect(parseCursor('12', undefined)).toEqual({ after: 12, source: 'the Last-Event-ID header' });
    expect(parseCursor('12', '3')).toEqual({ after: 12, source: 'the Last-Event-ID header' });
    expect(parseCursor(undefined, '3')).toEqual({ after: 3, source: 'query.after' });
  });

  it('rejects anything but a non-negative integer with a 400 naming the field', () => {
    for (const [header, after, field] of [
      ['abc', undefined, 'the Last-Event-ID header'],
      ['-1', undefined, 'the Last-Event-ID header'],
      ['1.5', undefined, 'the Last-Event-ID header'],
      [undefined, '1e3', 'query.after'],
      [undefined, ['1', '2'], 'query.after'],
    ] as const) {
      const error = (() => {
        try {
          parseCursor(header, after);
        } catch (caught) {
          return caught;
        }
      })();
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ status: 400, code: 'invalid-cursor' });
      expect((error as Error).message).toMatch(
        new RegExp(`^${field.replace('.', '\\.')}: expected a non-negative integer`),
      );
    }
  });
});
