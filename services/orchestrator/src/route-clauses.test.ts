import { describe, expect, it } from 'vitest';
import { splitClauses } from './route-clauses.ts';
import type { ClauseRules } from './route-clauses.ts';

/** Rules as a planner gives them, reduced to word lists for the test. */
const rules: ClauseRules = {
  startsClause: (text) => /^\s*(?:what|how|summarize|translate|book|\d+\s*[*^+])/i.test(text),
  takesText: (line) => /^\s*(?:summarize|translate)\b/i.test(line),
};
const texts = (request: string) => splitClauses(request, rules).map((clause) => clause.text);

describe('splitClauses', () => {
  it('splits at "and", "also" and "then" only where a clause of its own starts', () => {
    expect(texts('what is 2^10 and what do the docs say about heartbeats')).toEqual([
      'what is 2^10',
      'what do the docs say about heartbeats',
    ]);
    expect(texts('find the docs on heartbeats, and then summarize it')).toEqual([
      'find the docs on heartbeats',
      'summarize it',
    ]);
    expect(texts('what is 2^10, also how does resubscribe work')).toEqual([
      'what is 2^10',
      'how does resubscribe work',
    ]);
    expect(texts('search the docs for heartbeats and retries')).toEqual(['search the docs for heartbeats and retries']);
  });

  it('keeps a list of numbers whole, but not two calculations', () => {
    expect(texts('mean of 3, 5 and 8')).toEqual(['mean of 3, 5 and 8']);
    expect(texts('median of 4, 1, 7 and 2 and what is 2^10')).toEqual(['median of 4, 1, 7 and 2', 'what is 2^10']);
    expect(texts('what is 2^100 and 3^50')).toEqual(['what is 2^100', '3^50']);
  });

  it('always splits at ";", line breaks and sentence ends', () => {
    expect(splitClauses('what is 2^10; how long are tasks kept?\nbook a table. What now?', rules)).toEqual([
      { text: 'what is 2^10' },
      { text: 'how long are tasks kept?', joinedBy: 'hard' },
      { text: 'book a table.', joinedBy: 'hard' },
      { text: 'What now?', joinedBy: 'hard' },
    ]);
    // A decimal point is not a sentence end.
    expect(texts('what is 0.1 + 0.2')).toEqual(['what is 0.1 + 0.2']);
  });

  it('never splits the text after an instruction and its colon', () => {
    expect(splitClauses('summarize: cats and dogs; also birds.\nWhat now?', rules)).toEqual([
      { text: 'summarize', payload: 'cats and dogs; also birds.\nWhat now?', separator: ': ' },
    ]);
    expect(splitClauses('what is 2^10 and summarize in 2 sentences: a and b', rules)).toEqual([
      { text: 'what is 2^10' },
      { text: 'summarize in 2 sentences', joinedBy: 'soft', payload: 'a and b', separator: ': ' },
    ]);
  });

  it('takes the lines after a first line that is an instruction as its text', () => {
    expect(splitClauses('Summarize this\nline one and two\nline three', rules)).toEqual([
      { text: 'Summarize this', payload: 'line one and two\nline three', separator: '\n' },
    ]);
    expect(texts('what is 2^10\nhow does resubscribe work')).toEqual(['what is 2^10', 'how does resubscribe work']);
  });

  it('reads a colon as text when asked to, and a time or URL never as a payload', () => {
    expect(splitClauses('Note: what is 2^10', rules, { payload: false })).toEqual([{ text: 'Note: what is 2^10' }]);
    expect(splitClauses('what is 12:30 in minutes', rules)).toEqual([{ text: 'what is 12:30 in minutes' }]);
    expect(splitClauses('summarize http://example.com/page', rules)).toEqual([
      { text: 'summarize http://example.com/page' },
    ]);
  });

  it('has no clause for an empty request', () => {
    expect(splitClauses('  \n ', rules)).toEqual([]);
  });
});
