import { describe, expect, it } from 'vitest';
import { splitSentences } from './split-sentences.ts';

const texts = (text: string) => splitSentences(text).map((sentence) => sentence.text);

describe('splitSentences', () => {
  it('keeps decimals, versions, ellipses and abbreviations inside their sentence', () => {
    expect(
      texts(
        'Dr. Smith paid $3.50 for e.g. a coffee at 9 a.m. on Main St. yesterday. The U.S. economy grew 2.5 percent. ' +
          'Mr. Jones disagreed! Did he? See p. 4 of the report... Version 1.2.3 shipped. J. R. R. Tolkien wrote it. ' +
          '"Really?" she asked.',
      ),
    ).toEqual([
      'Dr. Smith paid $3.50 for e.g. a coffee at 9 a.m. on Main St. yesterday.',
      'The U.S. economy grew 2.5 percent.',
      'Mr. Jones disagreed!',
      'Did he?',
      'See p. 4 of the report...',
      'Version 1.2.3 shipped.',
      'J. R. R. Tolkien wrote it.',
      '"Really?" she asked.',
    ]);
  });

  it('numbers paragraphs, joins soft-wrapped lines, splits list items and drops headings', () => {
    const text = [
      '# Release notes',
      '',
      'The server now keeps',
      'an event log per task. It is ordered.',
      '',
      'Changes:',
      '- Streams resume after a drop.',
      '2. Cursors are sequence numbers',
    ].join('\n');
    expect(splitSentences(text)).toEqual([
      { text: 'The server now keeps an event log per task.', paragraph: 0 },
      { text: 'It is ordered.', paragraph: 0 },
      { text: 'Changes:', paragraph: 1 },
      { text: 'Streams resume after a drop.', paragraph: 1 },
      { text: 'Cursors are sequence numbers', paragraph: 1 },
    ]);
  });

  it('gives nothing for blank text', () => {
    expect(splitSentences(' \n\n \t')).toEqual([]);
  });
});
