import { describe, expect, it } from 'vitest';
import { backReferenceOf } from './route-references.ts';

describe('backReferenceOf', () => {
  it.each([
    ['summarize it', 'one'],
    ['make that shorter', 'one'],
    ['convert that to miles', 'one'],
    ['summarize the result in 2 sentences', 'one'],
    ['rewrite this', 'one'],
    ['summarize them', 'all'],
    ['compare both', 'all'],
    ['put the results in bullet points', 'all'],
    ['what do the docs say about heartbeats', undefined],
    ['find what the docs say that matters', undefined],
    ['summarize this text about cats', undefined],
  ])('%s → %s', (clause, expected) => {
    expect(backReferenceOf(clause)).toBe(expected);
  });
});
