/**
 * Text rewritten from what the user typed, that still knows where each of its characters came
 * from. Every rewrite (a stripped "what is", `×` made `*`, "15% of 80" made `15 / 100 * 80`)
 * keeps the map, so an error the parser finds in the rewritten text is shown under the right
 * character of the original.
 */
export class SourceText {
  /**
   * @param text the rewritten text
   * @param origins for each character of `text`, and one past its end, the index in `original`
   *   it came from (see {@link SourceText.join} and {@link SourceText.replace} for written ones)
   * @param written for each character of `text`, whether a rewrite wrote it
   * @param original what the user typed
   */
  private constructor(
    readonly text: string,
    private readonly origins: readonly number[],
    private readonly written: readonly boolean[],
    readonly original: string,
  ) {}

  /** The user's text, not rewritten yet. */
  static of(original: string): SourceText {
    const origins = Array.from({ length: original.length + 1 }, (_, index) => index);
    return new SourceText(
      original,
      origins,
      Array.from(original, () => false),
      original,
    );
  }

  /**
   * Pieces joined into one text: each `SourceText` keeps its origins; each string is written
   * text that points where the piece before it ended (before the first piece, where it starts),
   * so that a missing operand is reported right after what the user typed.
   */
  static join(pieces: ReadonlyArray<SourceText | string>): SourceText {
    const first = pieces.find((piece): piece is SourceText => typeof piece !== 'string');
    if (!first) throw new Error('SourceText.join needs at least one SourceText piece');
    let text = '';
    const origins: number[] = [];
    const written: boolean[] = [];
    let end = first.originOf(0);
    for (const piece of pieces) {
      if (typeof piece === 'string') {
        text += piece;
        origins.push(...Array.from(piece, () => end));
        written.push(...Array.from(piece, () => true));
      } else {
        text += piece.text;
        origins.push(...piece.origins.slice(0, piece.text.length));
        written.push(...piece.written);
        end = piece.originOf(piece.text.length);
      }
    }
    origins.push(end);
    return new SourceText(text, origins, written, first.original);
  }

  /** The index in the original text of the character at `index` here (its end past the end). */
  originOf(index: number): number {
    const clamped = Math.min(Math.max(index, 0), this.text.length);
    return this.origins[clamped] ?? this.original.length;
  }

  /** Whether the character at `index` was written by a rewrite rather than typed by the user. */
  isWritten(index: number): boolean {
    return this.written[index] ?? false;
  }

  /** The original text this (rewritten) text came from, from its first to its last character. */
  originalSpan(): string {
    return this.original.slice(this.originOf(0), this.originOf(this.text.length));
  }

  /** The part from `start` to `end` (exclusive), with its origins. */
  slice(start: number, end = this.text.length): SourceText {
    return new SourceText(
      this.text.slice(start, end),
      this.origins.slice(start, end + 1),
      this.written.slice(start, end),
      this.original,
    );
  }

  /** Whitespace removed at both ends. */
  trim(): SourceText {
    const start = this.text.length - this.text.trimStart().length;
    return this.slice(start, Math.max(start, this.text.trimEnd().length));
  }

  /** Every match of the global `pattern` replaced; the replacement points at the match's first non-space. */
  replace(pattern: RegExp, replacement: string | ((match: RegExpExecArray) => string)): SourceText {
    if (!pattern.global) throw new Error('SourceText.replace needs a global pattern');
    let text = '';
    const origins: number[] = [];
    const written: boolean[] = [];
    let last = 0;
    for (const match of this.text.matchAll(pattern)) {
      const start = match.index;
      const inserted = typeof replacement === 'string' ? replacement : replacement(match as RegExpExecArray);
      // Patterns may take the spaces around a word ("\s*times\s*"): point at the word.
      const origin = this.originOf(start + match[0].length - match[0].trimStart().length);
      text += this.text.slice(last, start) + inserted;
      origins.push(...this.origins.slice(last, start), ...Array.from(inserted, () => origin));
      written.push(...this.written.slice(last, start), ...Array.from(inserted, () => true));
      last = start + match[0].length;
    }
    if (last === 0 && text === '') return this;
    text += this.text.slice(last);
    origins.push(...this.origins.slice(last));
    written.push(...this.written.slice(last));
    return new SourceText(text, origins, written, this.original);
  }
}
