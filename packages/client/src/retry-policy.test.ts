import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultRetryPolicy, resolveRetryPolicy } from './retry-policy.ts';

describe('backoffDelay', () => {
  const policy = { attempts: 8, initialDelay: 100, maxDelay: 5_000 };

  it('doubles the ceiling per attempt up to the cap', () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelay(attempt, policy, () => 0.999_999));
    expect(ceilings).toEqual([99, 199, 399, 799, 1_599, 3_199, 4_999, 4_999]);
  });

  it('draws the delay uniformly from zero (full jitter)', () => {
    expect(backoffDelay(5, policy, () => 0)).toBe(0);
    expect(backoffDelay(5, policy, () => 0.5)).toBe(800);
  });
});

describe('resolveRetryPolicy', () => {
  it('fills in the defaults: 8 attempts, 100 ms initial, 5 s max', () => {
    expect(resolveRetryPolicy()).toEqual({ attempts: 8, initialDelay: 100, maxDelay: 5_000 });
    expect(resolveRetryPolicy({ attempts: 2 })).toEqual({ ...defaultRetryPolicy, attempts: 2 });
  });

  it('rejects negative or non-finite values', () => {
    expect(() => resolveRetryPolicy({ maxDelay: -1 })).toThrow(/retry.maxDelay/);
    expect(() => resolveRetryPolicy({ attempts: Number.NaN })).toThrow(/retry.attempts/);
  });
});
