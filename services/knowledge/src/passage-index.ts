import MiniSearch from 'minisearch';
import { indexTerm, tokenize } from './search-terms.ts';
import type { Passage } from './split-passages.ts';

/** One passage that matches a query. */
export interface PassageHit {
  passage: Passage;
  /** BM25+ relevance from MiniSearch: only comparable between hits of the same query. */
  score: number;
  /** The index terms that matched (stemmed: `resubscrib`), to place an excerpt. */
  terms: string[];
}

interface IndexedPassage {
  id: number;
  headings: string;
  text: string;
}

/** A heading match counts this much more than a match in the text. */
const headingBoost = 2;

/**
 * Full-text search over passages, with MiniSearch (BM25+ ranking). Words are split at
 * punctuation and camelCase, lower-cased, stemmed and stripped of stop words on both sides (see
 * `tokenize` and `indexTerm`). A query matches any of its words; words of 4 letters or more
 * also match as prefixes, and of 6 or more with one typo (one letter wrong, missing or extra),
 * both scored below an exact match.
 */
export class PassageIndex {
  readonly #search: MiniSearch<IndexedPassage>;
  readonly #passages: readonly Passage[];

  constructor(passages: readonly Passage[]) {
    this.#passages = passages;
    this.#search = new MiniSearch<IndexedPassage>({
      fields: ['headings', 'text'],
      tokenize,
      processTerm: indexTerm,
      searchOptions: {
        boost: { headings: headingBoost },
        prefix: (term) => term.length >= 4,
        fuzzy: (term) => (term.length >= 6 ? 1 : false),
        combineWith: 'OR',
      },
    });
    this.#search.addAll(
      passages.map((passage, id) => ({ id, headings: passage.headings.join(' '), text: passage.text })),
    );
  }

  /** How many passages are indexed. */
  get size(): number {
    return this.#passages.length;
  }

  /** Every passage that matches one of `words`, best first. */
  search(words: readonly string[]): PassageHit[] {
    if (words.length === 0) return [];
    return this.#search.search(words.join(' ')).map((result) => ({
      passage: this.#passages[result.id as number]!,
      score: result.score,
      terms: result.terms,
    }));
  }
}
