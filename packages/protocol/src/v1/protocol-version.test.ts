import { describe, expect, it } from 'vitest';
import { negotiateProtocolVersion, supportedProtocolVersions } from './protocol-version.ts';
import { requestedExtensions } from './requested-extensions.ts';

describe('negotiateProtocolVersion', () => {
  it('reads an absent or empty A2A-Version as 0.3 (1.0 §3.2.6)', () => {
    expect(negotiateProtocolVersion(undefined)).toBe('0.3');
    expect(negotiateProtocolVersion('')).toBe('0.3');
    expect(negotiateProtocolVersion('  ')).toBe('0.3');
  });

  it.each([
    ['1.0', '1.0'],
    ['1', '1.0'],
    ['1.0.1', '1.0'],
    ['0.3', '0.3'],
    ['0.3.0', '0.3'],
  ])('reads %s as %s', (header, version) => {
    expect(negotiateProtocolVersion(header)).toBe(version);
  });

  it.each(['2.0', '0.2', '1.1', 'latest', 'v1.0'])('does not speak %s', (header) => {
    expect(negotiateProtocolVersion(header)).toBeUndefined();
  });

  it('prefers 1.0', () => {
    expect(supportedProtocolVersions).toEqual(['1.0', '0.3']);
  });
});

describe('requestedExtensions', () => {
  it('splits the comma-separated list, without blanks or repeats', () => {
    expect(requestedExtensions(undefined)).toEqual([]);
    expect(requestedExtensions(' https://a.test/x ,, https://b.test/y,https://a.test/x')).toEqual([
      'https://a.test/x',
      'https://b.test/y',
    ]);
  });
});
