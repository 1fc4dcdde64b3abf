import { stemmer } from 'stemmer';
import { requestWords, stopWords } from './stop-words.ts';

/** Splits text into words at spaces and punctuation: `Last-Event-ID` gives `Last`, `Event`, `ID`. */
const wordBoundary = /[^\p{L}\p{N}]+/u;
/** Where a camelCase or PascalCase word divides: `lastEventId` gives `last`, `Event`, `Id`. */
const camelBoundary = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u;

/**
 * The words of a text, as the index and queries both see them: split at punctuation, and each
 * camelCase identifier also split into its parts (`maxEventsPerTask` yields the whole word, then
 * `max`, `Events`, `Per`, `Task`), so that a search for "max events" finds the option.
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  for (const word of text.split(wordBoundary)) {
    if (word === '') continue;
    words.push(word);
    const parts = word.split(camelBoundary);
    if (parts.length > 1) words.push(...parts);
  }
  return words;
}

/**
 * The index form of one word: lower-cased and stemmed (`resubscribed`, `resubscribing` and
 * `resubscribe` share one term), or nothing for a stop word or a single character.
 */
export function indexTerm(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 2 || stopWords.has(lower)) return null;
  return stemmer(lower);
}

/**
 * The words of a question that name its topic: lower-cased, without stop words, request words
 * ("find", "docs", "summarize") or single characters, each once, in order.
 */
export function topicWords(question: string): string[] {
  const words = new Set<string>();
  for (const word of question.split(wordBoundary)) {
    const lower = word.toLowerCase();
    if (lower.length < 2 || stopWords.has(lower) || requestWords.has(lower)) continue;
    words.add(lower);
  }
  return [...words];
}

/** Why a question cannot be searched as it is. */
export type VagueReason = 'empty' | 'vague';

/** What a question asks about, or why it is too vague to say. */
export interface QuestionAnalysis {
  /** The topic words, see {@link topicWords}. */
  words: string[];
  /** Set when the question should be asked again, more precisely. */
  vague?: VagueReason;
}

/**
 * Whether a question can be searched: it must have topic words, together at least
 * `minTopicChars` characters long ("it", "docs?" and "hi" cannot; "SSE" can).
 */
export function analyzeQuestion(question: string, minTopicChars = 3): QuestionAnalysis {
  if (question.trim() === '') return { words: [], vague: 'empty' };
  const words = topicWords(question);
  const length = words.reduce((sum, word) => sum + word.length, 0);
  return length < minTopicChars ? { words, vague: 'vague' } : { words };
}
