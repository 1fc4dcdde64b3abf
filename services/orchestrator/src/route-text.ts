/**
 * Words as the deterministic planner compares them: lower-cased, split at anything that is not a
 * letter, a digit or `%`, stemmed, and without the words every request has ("please", "the",
 * "what"). A card's tags, names, descriptions and examples go through the same functions as the
 * request, so "summaries", "summarizing" and the tag `summarize` meet on one stem.
 */

/** Function words and request words: they say how something is asked, not what. */
const stopWords = new Set(
  (
    'a about above after again all also am an and any are as at be been being below between both but by can ' +
    'could did do does doing done for from further get give had has have having he her here hers him his how ' +
    'i if in into is it its itself just let me more most my no nor not now of off on once only or other our ' +
    'ours out over own please same she should so some such tell than that the their theirs them then there ' +
    'these they this those through to too under until up us very want was we were what when where which ' +
    'while who whom whose why will with would you your yours'
  ).split(' '),
);

/** Whether a word (as written, lower-cased) says nothing about the subject of a request. */
export function isStopWord(word: string): boolean {
  return stopWords.has(word);
}

/**
 * The stem of a lower-cased word: a small suffix stripper, enough for the plurals and verb forms
 * of skill vocabulary (`summaries` → `summar`, `summarizing` → `summar`, `heartbeats` →
 * `heartbeat`, `calculation` → `calcul`). Short words and numbers are kept as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /^\d/.test(word)) return word;
  let result = word.replace(/'s$/, '');
  if (result.endsWith('ies') && result.length > 4) result = `${result.slice(0, -3)}y`;
  else if (/(?:ss|us|is)$/.test(result)) {
    // "process", "status", "analysis": the s is not a plural.
  } else if (/(?:xes|ches|shes|sses)$/.test(result)) result = result.slice(0, -2);
  else if (result.endsWith('s')) result = result.slice(0, -1);
  const strip = (pattern: RegExp, minimum: number) => {
    const match = pattern.exec(result);
    if (match && match.index >= minimum) result = result.slice(0, match.index);
  };
  strip(/(?:ization|isation|izing|ising|ized|ised|izes|ises|ize|ise)$/, 4);
  strip(/(?:ations?|ated|ating|ates?)$/, 4);
  strip(/(?:ing|ed)$/, 3);
  strip(/ly$/, 4);
  strip(/[ey]$/, 4);
  return result;
}

/** The words of a text, lower-cased, in order; `%` is the word `percent`. */
export function wordsOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/%/g, ' percent ')
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  );
}

/** The stems of the words that carry meaning: no stop words, no bare numbers. */
export function contentStems(text: string): string[] {
  return wordsOf(text)
    .filter((word) => !isStopWord(word) && !/^\d+$/.test(word))
    .map(stem);
}

/** The words that carry meaning, by stem: `summaries` → `summar` → `summaries`, first seen wins. */
export function contentWords(text: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const word of wordsOf(text)) {
    if (isStopWord(word) || /^\d+$/.test(word)) continue;
    const root = stem(word);
    if (!words.has(root)) words.set(root, word);
  }
  return words;
}

/** Every stem of a text, stop words included, for matching multi-word phrases in order. */
export function allStems(text: string): string[] {
  return wordsOf(text).map(stem);
}

/** Whether `sequence` occurs in `stems`, contiguously. */
export function containsSequence(stems: readonly string[], sequence: readonly string[]): boolean {
  if (sequence.length === 0 || sequence.length > stems.length) return false;
  for (let start = 0; start + sequence.length <= stems.length; start += 1) {
    if (sequence.every((part, offset) => stems[start + offset] === part)) return true;
  }
  return false;
}

/** The first word of a text, lower-cased, without a leading "please". */
export function leadingWord(text: string): string | undefined {
  const words = wordsOf(text);
  return words[0] === 'please' ? words[1] : words[0];
}
