import { stemmer } from 'stemmer';
import { stopWords } from './stop-words.ts';

/** Unicode word boundaries (UAX #29): `don't`, `2.5` and `U.S.` stay whole words. */
const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** The words of a text, as a reader counts them (no punctuation, no spaces). */
export function words(text: string): string[] {
  const found: string[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text)) if (isWordLike) found.push(segment);
  return found;
}

/**
 * The content terms of a sentence, repeats kept: its words lower-cased, without stop words or
 * single characters, and stemmed (Porter), so that `streams`, `streamed` and `streaming` count
 * as one term.
 */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    const lower = word.toLowerCase().replace(/['’]s$/, '');
    if (lower.length < 2 || stopWords.has(lower.replace('’', "'"))) continue;
    terms.push(stemmer(lower));
  }
  return terms;
}
