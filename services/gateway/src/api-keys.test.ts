import { describe, expect, it } from 'vitest';
import { ApiKeys } from './api-keys.ts';

describe('ApiKeys', () => {
  it('is off without keys (empty entries do not count)', () => {
    expect(new ApiKeys([]).enabled).toBe(false);
    expect(new ApiKeys(['']).enabled).toBe(false);
    expect(new ApiKeys(['']).matches('')).toBe(false);
  });

  it('accepts exactly the configured keys', () => {
    const keys = new ApiKeys(['alpha', 'beta-key']);
    expect(keys.enabled).toBe(true);
    expect(keys.matches('alpha')).toBe(true);
    expect(keys.matches('beta-key')).toBe(true);
    for (const candidate of ['', 'alph', 'alphaa', 'ALPHA', 'beta', ' alpha'])
      expect(keys.matches(candidate)).toBe(false);
  });
});
