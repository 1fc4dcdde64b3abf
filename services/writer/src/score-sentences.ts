import { contentTerms } from './terms.ts';

/** How much more the first sentence weighs than the last: lead sentences tend to say the point. */
const leadBonus = 0.25;

/** The score of each sentence, and how many distinct content terms the text has. */
export interface SentenceScores {
  scores: number[];
  terms: number;
}

/**
 * How telling each sentence is, for an extractive summary (Luhn's idea, kept small and
 * deterministic): every content term is worth how often the whole text uses it, relative to
 * the most frequent term; a sentence scores the sum of its terms' worth divided by the square
 * root of how many it has, so that neither a long sentence nor a short one wins by length
 * alone; then a position weight falls linearly from `1 + leadBonus` (first) to 1 (last).
 */
export function scoreSentences(sentences: readonly string[]): SentenceScores {
  const termsBySentence = sentences.map(contentTerms);
  const counts = new Map<string, number>();
  for (const terms of termsBySentence) for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const most = Math.max(1, ...counts.values());
  const last = Math.max(1, sentences.length - 1);
  const scores = termsBySentence.map((terms, index) => {
    if (terms.length === 0) return 0;
    const worth = terms.reduce((sum, term) => sum + (counts.get(term) ?? 0) / most, 0);
    return (worth / Math.sqrt(terms.length)) * (1 + leadBonus * (1 - index / last));
  });
  return { scores, terms: counts.size };
}

/**
 * The indexes of the `count` best-scoring sentences, in the text's order. Ties go to the earlier
 * sentence, so the same text always gives the same summary.
 */
export function selectSentences(scores: readonly number[], count: number): number[] {
  return scores
    .map((score, index) => ({ score, index }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .slice(0, Math.max(0, count))
    .map(({ index }) => index)
    .sort((left, right) => left - right);
}
