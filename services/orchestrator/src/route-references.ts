/**
 * Whether a clause points back at something said before it: "summarize it", "convert that to
 * miles", "put them in a table", "the result". `one` refers to the clause just before (or the
 * previous answer); `all` to every clause before it.
 */
export type BackReference = 'one' | 'all';

const toAll = /\b(?:them|those|these|both|the (?:results|answers|outputs)|all of (?:it|them))\b/i;
const toOne =
  /\b(?:it|its|the (?:result|answer|output|above|same|previous (?:answer|result|one)|last (?:answer|result|one))|above)\b/i;
// "that" and "this" are pronouns at the end of a clause or before a preposition ("make that
// shorter" aside); elsewhere they introduce a noun or a clause ("say that the docs…").
const demonstrative =
  /\b(?:that|this)\b(?=\s*(?:$|[.,;:!?)])|\s+(?:to|into|in|as|for|with|from|by|again|too|up|down|please|one|shorter|longer)\b)/i;

/** The back-reference in a clause, if it has one. */
export function backReferenceOf(clause: string): BackReference | undefined {
  if (toAll.test(clause)) return 'all';
  if (toOne.test(clause) || demonstrative.test(clause)) return 'one';
  return undefined;
}
