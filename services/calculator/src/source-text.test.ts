import { describe, expect, it } from 'vitest';
import { SourceText } from './source-text.ts';

describe('SourceText', () => {
  it('maps each character of a rewritten text back to where the user typed it', () => {
    const source = SourceText.of('  what is 3 × 4?').trim().slice(8, 13).replace(/×/g, '*');

    expect(source.text).toBe('3 * 4');
    expect([...source.text].map((_, index) => source.originOf(index))).toEqual([10, 11, 12, 13, 14]);
    expect(source.originOf(source.text.length)).toBe(15);
    expect(source.originalSpan()).toBe('3 × 4');
    expect(source.isWritten(2)).toBe(true);
    expect(source.isWritten(0)).toBe(false);
  });

  it('points written text of a join after the piece before it', () => {
    const source = SourceText.of('15% of 80 +');
    const joined = SourceText.join([source.slice(0, 2), ' / 100 * (', source.slice(7), ')']);

    expect(joined.text).toBe('15 / 100 * (80 +)');
    expect(joined.originOf(joined.text.indexOf('('))).toBe(2);
    expect(joined.originOf(joined.text.indexOf(')'))).toBe(11);
    expect(joined.originOf(joined.text.indexOf('8'))).toBe(7);
  });

  it('points a replacement at the word it replaced, not at the spaces around it', () => {
    const source = SourceText.of('4 times 2').replace(/\s*\btimes\b\s*/g, ' * ');

    expect(source.text).toBe('4 * 2');
    expect(source.originOf(1)).toBe(2);
    expect(source.originOf(4)).toBe(8);
  });
});
