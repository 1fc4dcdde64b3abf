/** Lines that carry no words: code fence markers and table rulers. */
const noiseLine = /^\s*(?:`{3,}|~{3,}).*$|^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$/;

/**
 * A short excerpt of a passage for a reader: its text on one line (code fences and table rulers
 * dropped), cut to about `maxChars` around the first place one of `terms` occurs, with `…` where
 * it was cut. `terms` are index terms, stems such as `resubscrib`, matched at word starts.
 */
export function excerptOf(text: string, terms: readonly string[], maxChars = 280): string {
  const flat = text
    .split('\n')
    .filter((line) => !noiseLine.test(line))
    .join(' ')
    .replaceAll(/\s+/g, ' ')
    .trim();
  if (flat.length <= maxChars) return flat;
  const at = firstMatch(flat, terms);
  let start = at === undefined ? 0 : Math.max(0, at - Math.floor(maxChars / 4));
  if (start > 0) start = flat.indexOf(' ', start) + 1 || start;
  let end = Math.min(flat.length, start + maxChars);
  if (end < flat.length) end = flat.lastIndexOf(' ', end) > start ? flat.lastIndexOf(' ', end) : end;
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

function firstMatch(text: string, terms: readonly string[]): number | undefined {
  let first: number | undefined;
  for (const term of terms) {
    const escaped = term.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const index = text.search(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}`, 'iu'));
    if (index >= 0 && (first === undefined || index < first)) first = index;
  }
  return first;
}
