/** One sentence of a text, with the paragraph it stands in (0-based). */
export interface Sentence {
  text: string;
  paragraph: number;
}

/**
 * ICU's sentence rules (Unicode UAX #29), built into Node: they already keep decimals (`2.5`),
 * versions (`1.2.3`), ellipses and an abbreviation followed by a lower-case word (`e.g. a`,
 * `9 a.m. on`) inside one sentence. What they split wrongly is patched in {@link splitSentences}.
 */
const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Titles that stand before a name, so a capital follows them: ICU ends a sentence at `Dr. Smith`.
 * Only words that rarely end a sentence are listed; `Inc.` or `etc.` often do, and are left out.
 */
const titles = new Set(
  'mr mrs ms mx dr prof rev hon st mt gen col capt lt sgt gov sen rep pres fr sr jr messrs vs'.split(' '),
);

const endsWithTitle = /(?:^|[\s(])([A-Za-z]+)\.$/;
/** A single capital and a period is an initial, as in `J. R. R. Tolkien`. */
const endsWithInitial = /(?:^|[\s(])\p{Lu}\.$/u;
/** A sentence does not start with a lower-case letter: `"Really?" she asked.` is one. */
const startsLowerCase = /^["'“‘(]*\p{Ll}/u;
/** `- item`, `* item`, `• item`, `1. item`, `2) item`. */
const listMarker = /^\s*(?:[-*•]|\d{1,3}[.)])\s+/;
const heading = /^\s{0,3}#{1,6}\s/;

/**
 * The sentences of a text, in order. Paragraphs are separated by blank lines. Inside one, a
 * single line break is a soft wrap (the lines are joined) unless the next line is a list item,
 * which starts a sentence of its own, without its marker. Markdown headings are left out: they
 * name a topic rather than say something about it.
 *
 * @example
 * ```ts
 * splitSentences('Dr. Smith paid $3.50. He left.').map((sentence) => sentence.text);
 * // ['Dr. Smith paid $3.50.', 'He left.']
 * ```
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  for (const block of text.split(/\n[ \t]*\n/)) {
    const before = sentences.length;
    for (const unit of lineUnits(block)) {
      for (const sentence of segment(unit)) sentences.push({ text: sentence, paragraph });
    }
    if (sentences.length > before) paragraph += 1;
  }
  return sentences;
}

/** The lines of a paragraph, soft wraps joined, each list item on its own, headings dropped. */
function lineUnits(block: string): string[] {
  const units: string[] = [];
  let current: string | undefined;
  for (const line of block.split('\n')) {
    if (heading.test(line)) {
      if (current !== undefined) units.push(current);
      current = undefined;
    } else if (listMarker.test(line)) {
      if (current !== undefined) units.push(current);
      current = line.replace(listMarker, '');
    } else {
      current = current === undefined ? line : `${current} ${line.trim()}`;
    }
  }
  if (current !== undefined) units.push(current);
  return units.map((unit) => unit.replace(/\s+/g, ' ').trim()).filter((unit) => unit !== '');
}

/** ICU's sentences of one line, with the splits after titles, initials and before lower case undone. */
function segment(line: string): string[] {
  const merged: string[] = [];
  for (const { segment: piece } of segmenter.segment(line)) {
    const sentence = piece.trim();
    if (sentence === '') continue;
    const previous = merged.at(-1);
    if (previous !== undefined && continuesAfter(previous, sentence))
      merged[merged.length - 1] = `${previous} ${sentence}`;
    else merged.push(sentence);
  }
  return merged;
}

function continuesAfter(previous: string, next: string): boolean {
  const title = endsWithTitle.exec(previous)?.[1];
  if (title !== undefined && titles.has(title.toLowerCase())) return true;
  return endsWithInitial.test(previous) || startsLowerCase.test(next);
}
