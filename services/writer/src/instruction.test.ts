import { describe, expect, it } from 'vitest';
import { instructionFrom, parseInstruction, sentencesToKeep } from './instruction.ts';

describe('instructions', () => {
  it.each([
    ['summarize', { skill: 'summarize', keep: 'summary', styles: [], bullets: false }],
    ['Summarise in 2 sentences', { skill: 'summarize', keep: 2, styles: [], bullets: false }],
    ['summarize in one sentence', { skill: 'summarize', keep: 1, styles: [], bullets: false }],
    ['summarize in a single sentence', { skill: 'summarize', keep: 1, styles: [], bullets: false }],
    ['summarize in ten lines', { skill: 'summarize', keep: 10, styles: [], bullets: false }],
    ['tl;dr', { skill: 'summarize', keep: 'summary', styles: [], bullets: false }],
    ['summarize as 3 bullet points', { skill: 'summarize', keep: 3, styles: [], bullets: true }],
    ['rewrite as bullet points', { skill: 'rewrite', keep: 'all', styles: [], bullets: true }],
    ['bullet points', { skill: 'rewrite', keep: 'all', styles: [], bullets: true }],
    ['make it shorter', { skill: 'rewrite', keep: 'half', styles: ['concise'], bullets: false }],
    ['shorten to 2 sentences', { skill: 'rewrite', keep: 2, styles: ['concise'], bullets: false }],
    ['rewrite in plain English', { skill: 'rewrite', keep: 'all', styles: ['plain'], bullets: false }],
    ['Please rewrite this formally.', { skill: 'rewrite', keep: 'all', styles: ['formal'], bullets: false }],
    ['rewrite', { skill: 'rewrite', keep: 'all', styles: ['plain'], bullets: false }],
  ])('%s', (phrase, instruction) => {
    expect(instructionFrom(phrase)).toEqual(instruction);
  });

  it.each(['The summary was short', 'make sure the logs rotate', 'Rotate the logs'])(
    'ignores text that is not an instruction: %s',
    (phrase) => {
      expect(instructionFrom(phrase)).toBeUndefined();
    },
  );

  it('takes the instruction before a colon, or a short first line; the rest is the text', () => {
    expect(parseInstruction('summarize in 2 sentences: One. Two. Three.')).toEqual({
      instruction: { skill: 'summarize', keep: 2, styles: [], bullets: false },
      text: 'One. Two. Three.',
    });
    expect(parseInstruction('Rewrite this as bullet points\nOne. Two.').text).toBe('One. Two.');
    expect(parseInstruction('summarize:')).toEqual({ instruction: expect.any(Object), text: '' });
    expect(parseInstruction('Note: the summary is below. It is short.')).toEqual({
      text: 'Note: the summary is below. It is short.',
    });
  });

  it('keeps a third of the sentences for a summary (1 to 5), half for shorter, the count asked', () => {
    expect([1, 2, 3, 8, 30].map((total) => sentencesToKeep('summary', total))).toEqual([1, 1, 1, 3, 5]);
    expect([1, 2, 5].map((total) => sentencesToKeep('half', total))).toEqual([1, 1, 3]);
    expect(sentencesToKeep(4, 2)).toBe(2);
    expect(sentencesToKeep('all', 7)).toBe(7);
  });
});
