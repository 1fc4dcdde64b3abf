import { describe, expect, it } from 'vitest';
import { splitPassages } from './split-passages.ts';

const lines = (...text: string[]): string => text.join('\n');
const summary = (passages: ReturnType<typeof splitPassages>) =>
  passages.map(({ headings, anchor, lineStart, lineEnd }) => ({ headings, anchor, lines: [lineStart, lineEnd] }));

describe('splitPassages', () => {
  it('makes a passage per section, with its heading path, anchor and lines (heading line included)', () => {
    const doc = lines(
      '# Streaming', // 1
      '', // 2
      'Events stream in order.', // 3
      '', // 4
      '## Resubscribe with `Last-Event-ID`', // 5
      '', // 6
      'Send the last id you saw.', // 7
      'The server replays the rest.', // 8
      '', // 9
      '### Replay', // 10
      'Exactly the events after the cursor.', // 11
      '', // 12
      '## Heartbeats', // 13
      '', // 14
      'A comment every 15 s.', // 15
      '', // 16
    );
    const passages = splitPassages('streaming.md', doc, true);
    expect(summary(passages)).toEqual([
      { headings: ['Streaming'], anchor: 'streaming', lines: [1, 3] },
      {
        headings: ['Streaming', 'Resubscribe with Last-Event-ID'],
        anchor: 'resubscribe-with-last-event-id',
        lines: [5, 8],
      },
      { headings: ['Streaming', 'Resubscribe with Last-Event-ID', 'Replay'], anchor: 'replay', lines: [10, 11] },
      { headings: ['Streaming', 'Heartbeats'], anchor: 'heartbeats', lines: [13, 15] },
    ]);
    expect(passages[1]!.text).toBe('Send the last id you saw.\nThe server replays the rest.');
    expect(passages.every((passage) => passage.file === 'streaming.md')).toBe(true);
  });

  it('ignores headings inside fenced code, skips front matter and drops sections with no text', () => {
    const doc = lines(
      '---', // 1
      'title: Notes', // 2
      '---', // 3
      '# Empty', // 4
      '## Code', // 5
      '```sh', // 6
      '# not a heading', // 7
      '',
      'echo hi', // 9
      '```', // 10
    );
    const passages = splitPassages('notes.md', doc, true);
    expect(summary(passages)).toEqual([{ headings: ['Empty', 'Code'], anchor: 'code', lines: [5, 10] }]);
    expect(passages[0]!.text).toContain('# not a heading');
  });

  it('numbers repeated anchors the way GitHub does', () => {
    const doc = lines('## Options', 'a', '## Options', 'b', '## Options!', 'c');
    expect(splitPassages('x.md', doc, true).map((passage) => passage.anchor)).toEqual([
      'options',
      'options-1',
      'options-2',
    ]);
  });

  it('cuts a long section between paragraphs, and a long table between rows, keeping line numbers', () => {
    const paragraph = (n: number) => `Paragraph ${n} ${'word '.repeat(20).trim()}.`; // ~112 chars
    const rows = Array.from({ length: 6 }, (_, index) => `| row ${index + 1} | ${'cell '.repeat(10).trim()} |`);
    const doc = lines(
      '# Long', // 1
      paragraph(1), // 2
      '', // 3
      paragraph(2), // 4
      '', // 5
      paragraph(3), // 6
      '', // 7
      ...rows, // 8–13, ~65 chars each
    );
    const passages = splitPassages('long.md', doc, true, { maxPassageChars: 240 });
    expect(summary(passages).map((passage) => passage.lines)).toEqual([
      [1, 4],
      [6, 6],
      [8, 10],
      [11, 13],
    ]);
    expect(passages.every((passage) => passage.headings[0] === 'Long' && passage.anchor === 'long')).toBe(true);
    expect(passages[3]!.text.split('\n')).toEqual(rows.slice(3));
  });

  it('cuts plain text between paragraphs only: a "# " line is text there', () => {
    const doc = lines('# not a heading', 'first paragraph', '', '', 'second paragraph', '');
    const passages = splitPassages('notes.txt', doc, false, { maxPassageChars: 40 });
    expect(summary(passages)).toEqual([
      { headings: [], anchor: undefined, lines: [1, 2] },
      { headings: [], anchor: undefined, lines: [5, 5] },
    ]);
  });
});
