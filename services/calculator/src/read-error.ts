/**
 * What is wrong with a request the calculator could not read, as the `input-required` question
 * carries it (data for UIs; the text says the same).
 */
export interface ReadProblem {
  /** What is wrong, in one or two sentences. */
  message: string;
  /** The request as received. */
  request: string;
  /** 1-based character position of the problem in `request`, when there is one place. */
  position?: number;
  /** What the calculator expected there (`")"`, `a number, a name or "("`). */
  expected?: string;
  /** What it found there instead, or `the end of the expression`. */
  found?: string;
  /** The request's line and a caret under `position`, like `2 + * 3\n    ^`. */
  caret?: string;
}

/** Where a problem is: an index into the request, and what was expected and found there. */
export interface ReadProblemPlace {
  index: number;
  expected?: string;
  found?: string;
}

/**
 * The request cannot be read as a calculation: a syntax error, an unknown unit or name, an
 * unsupported function. The user can fix it, so the task asks for a corrected expression
 * (`input-required`) rather than failing.
 */
export class ReadError extends Error {
  override readonly name = 'ReadError';
  readonly problem: ReadProblem;

  constructor(message: string, request: string, place?: ReadProblemPlace) {
    super(message);
    this.problem = {
      message,
      request,
      ...(place ? { position: place.index + 1, caret: caretLines(request, place.index) } : {}),
      ...(place?.expected ? { expected: place.expected } : {}),
      ...(place?.found ? { found: place.found } : {}),
    };
  }

  /** The question the task asks: the problem, the caret lines, what to send. */
  question(): string {
    const { message, caret } = this.problem;
    return [message, ...(caret ? [caret] : []), 'Send the corrected expression.'].join('\n');
  }
}

/** The line of `text` holding `index`, and under it a caret at that index. */
export function caretLines(text: string, index: number): string {
  const lineStart = index === 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
  const lineEnd = text.indexOf('\n', index);
  const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
  return `${line}\n${' '.repeat(index - lineStart)}^`;
}
