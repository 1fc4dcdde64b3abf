import { describe, expect, it } from 'vitest';
import { StreamLimit } from './stream-limit.ts';

describe('StreamLimit', () => {
  it('gives each client at most `max` slots, and takes each back once', () => {
    const limit = new StreamLimit(2);
    const first = limit.acquire('ip:a');
    const second = limit.acquire('ip:a');
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(limit.acquire('ip:a')).toBeUndefined();
    expect(limit.acquire('ip:b')).toBeTypeOf('function'); // another client has its own slots

    first!();
    first!(); // a second release of the same slot frees nothing more
    expect(limit.openFor('ip:a')).toBe(1);
    expect(limit.acquire('ip:a')).toBeTypeOf('function');
    expect(limit.acquire('ip:a')).toBeUndefined();
  });
});
