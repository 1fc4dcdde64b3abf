import type { Style } from './instruction.ts';
import { conciseTable, formalTable, plainTable } from './phrase-tables.ts';
import type { PhraseTable } from './phrase-tables.ts';

const tables: Record<Style, PhraseTable> = { concise: conciseTable, plain: plainTable, formal: formalTable };
const compiled = new Map<PhraseTable, [RegExp, string][]>();

/**
 * One sentence in the given styles, each a fixed table of swaps (see `phrase-tables.ts`),
 * applied in order. The case of a phrase's first letter carries over to its replacement, and a
 * sentence whose opening phrase was dropped starts with a capital again. `formal` also ends an
 * exclamation with a period. Nothing else changes: no word is invented, none reordered.
 */
export function restyle(sentence: string, styles: readonly Style[]): string {
  let text = sentence;
  for (const style of styles) {
    for (const [pattern, replacement] of patternsOf(tables[style])) {
      text = text.replace(pattern, (match) => capitalize(replacement, match));
    }
    if (style === 'formal') text = text.replace(/!+(?=["'”’)]*$)/, '.');
  }
  const tidy = text
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .trim();
  return tidy.charAt(0).toUpperCase() + tidy.slice(1);
}

function patternsOf(table: PhraseTable): [RegExp, string][] {
  let patterns = compiled.get(table);
  if (!patterns) {
    patterns = table.map(([phrase, replacement]) => {
      const words = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]");
      // A dropped phrase takes the space after it along.
      const tail = replacement === '' ? '\\s*' : "(?![\\w’'])";
      return [new RegExp(`(?<![\\w’'])${words}${tail}`, 'giu'), replacement];
    });
    compiled.set(table, patterns);
  }
  return patterns;
}

/** The replacement with its first letter upper-cased when the phrase it replaces had one. */
function capitalize(replacement: string, match: string): string {
  return /^\p{Lu}/u.test(match) ? replacement.charAt(0).toUpperCase() + replacement.slice(1) : replacement;
}
