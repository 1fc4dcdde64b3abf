import { SourceText } from './source-text.ts';

/** Words around a calculation that say nothing about it: "what is", "calculate", "please", ... */
const leadingWords = new RegExp(
  String.raw`^(?:please|kindly|(?:can|could|would|will) you(?: please)?|what(?:'s|’s|\s+is|\s+are|\s+would\s+be)|whats|` +
    String.raw`how much is|calculate|compute|evaluate|work out|figure out|solve|find|determine|tell me|give me|` +
    String.raw`convert|the value of|the result of|the answer to|the)\b[\s,:]*`,
  'i',
);
/** Trailing punctuation and politeness; a `.` right after a digit is part of the number. */
const trailingWords = /(?:\s+please|[\s?=]|(?<!\d)\.)+$/i;

/**
 * Rewrites, in order, that turn everyday notation into mathjs syntax. Each keeps the map back
 * to what the user typed (see {@link SourceText.replace}).
 */
const rewrites: ReadonlyArray<readonly [RegExp, string | ((match: RegExpExecArray) => string)]> = [
  // Typographic operators and symbols.
  [/[×✕⨯⋅∙·]/g, '*'],
  [/÷/g, '/'],
  [/[−–—]/g, '-'],
  [/²/g, '^2'],
  [/³/g, '^3'],
  [/π/g, 'pi'],
  [/√(?=\s*\()/g, 'sqrt'],
  [/[°º]\s*([CF])\b/g, (match) => `deg${match[1]}`],
  [/\bdeg(?:ree)?s?\s+(fahrenheit|celsius|centigrade)\b/gi, (match) => (/^f/i.test(match[1] ?? '') ? 'degF' : 'degC')],
  [/\bcentigrade\b/gi, 'celsius'],
  // Operators in words.
  [/\s*\bmultiplied\s+by\b\s*/gi, ' * '],
  [/\s*\bdivided\s+by\b\s*/gi, ' / '],
  [/\s*\b(?:to\s+the\s+power\s+of|raised\s+to(?:\s+the\s+power\s+of)?)\b\s*/gi, ' ^ '],
  [/\s*\bplus\b\s*/gi, ' + '],
  [/\s*\bminus\b\s*/gi, ' - '],
  [/\s*\btimes\b\s*/gi, ' * '],
  [/(?<=[\d)])\s+x\s+(?=[\d(])/gi, ' * '],
  [/\s+squared\b/gi, '^2'],
  [/\s+cubed\b/gi, '^3'],
  [/\bmodulo\b/gi, 'mod'],
  [/\bsquare\s+root\s+of\s+(\d+(?:\.\d+)?)\b/gi, (match) => `sqrt(${match[1]})`],
  // "percent" is the `%` of the percentage forms (see `rewriteRequest`) and of mathjs.
  [/\s*\b(?:percentage|percent|per\s+cent|pct)\b/gi, '%'],
  // Unit names mathjs does not know by these spellings.
  [/\bmiles\s+per\s+hour\b|\bmph\b/gi, 'mi/h'],
  [/\bkilomet(?:er|re)s?\s+per\s+hour\b|\b(?:kph|kmh|kmph)\b/gi, 'km/h'],
  [/\s*\bper\b\s*/gi, ' / '],
  [/\b(kilo|centi|milli|deci)?metre(s?)\b/gi, (match) => `${match[1] ?? ''}meter${match[2] ?? ''}`],
  [/\bpounds?\b/gi, 'lb'],
  [/\s+into\s+/gi, ' to '],
];

/**
 * The request with its wrapper words stripped ("what is", "calculate", "compute", a final
 * "?") and everyday notation made mathjs syntax (`×`, "times", "squared", "percent", "mph").
 * What is left is either mathjs syntax already or one of the phrasings `rewriteRequest` knows.
 */
export function normalizeRequest(request: string): SourceText {
  let source = SourceText.of(request).trim();
  for (let previous = ''; previous !== source.text;) {
    previous = source.text;
    const leading = leadingWords.exec(source.text);
    if (leading && leading[0].length < source.text.length) source = source.slice(leading[0].length);
    const trailing = trailingWords.exec(source.text);
    if (trailing) source = source.slice(0, trailing.index);
  }
  for (const [pattern, replacement] of rewrites) source = source.replace(pattern, replacement);
  return source.trim();
}
