import { ReadError } from './read-error.ts';
import type { SourceText } from './source-text.ts';

const aValue = 'a number, a name or "("';

/** mathjs's parse errors, by message, with what it expected in words a person knows. */
const expectations: ReadonlyArray<readonly [RegExp, string]> = [
  [/^Value expected/, aValue],
  [/^Unexpected end of expression/, aValue],
  [/^Parenthesis \) expected/, 'a closing ")"'],
  [/^(?:Parenthesis|End of matrix) \] expected/, 'a closing "]"'],
  [/^Unexpected part/, 'an operator (+, -, *, /, ^) or the end of the expression'],
  [/^Unexpected operator/, 'an operator the calculator knows (+, -, *, /, ^, %, mod, to)'],
  [/^Digit expected/, 'a digit'],
  [/^End of string/, 'a closing quote'],
];

/**
 * The {@link ReadError} for a mathjs `SyntaxError` (its message ends in `(char N)`, 1-based, and
 * it carries `char`) in `source`, the expression parsed: placed under the character of the
 * user's request the parser stopped at, with what was expected there and what was found.
 * `input` is the request as the message quotes it.
 */
export function syntaxReadError(error: SyntaxError & { char?: number }, source: SourceText, input: string): ReadError {
  const detail = error.message.replace(/\s*\(char \d+\)$/, '');
  const at = Math.max((error.char ?? source.text.length + 1) - 1, 0);
  const index = source.originOf(at);
  const request = source.original;
  const expected = expectations.find(([pattern]) => pattern.test(detail))?.[1];
  const found = foundAt(detail, source, at, request, index);
  const what = expected
    ? `expected ${expected} at character ${index + 1}, but found ${found}`
    : `${detail} at character ${index + 1}`;
  return new ReadError(`I could not read "${input}": ${what}.`, request, {
    index,
    ...(expected ? { expected } : {}),
    found,
  });
}

/**
 * What the parser found at `at`: the end, the token mathjs names (`Unexpected part "3"`) or the
 * character there; where a rewrite wrote the text (`*` for "times", the `)` closing an operand),
 * the word the user typed at that place instead.
 */
function foundAt(detail: string, source: SourceText, at: number, request: string, index: number): string {
  if (at >= source.text.length || index >= request.length) return 'the end of the expression';
  if (source.isWritten(at)) return `"${/^\s*(\S+)/.exec(request.slice(index))?.[1] ?? ''}"`;
  const token = /"(.+)"$/.exec(detail)?.[1] ?? /^Unexpected operator (.+)$/.exec(detail)?.[1];
  return `"${token ?? source.text.charAt(at)}"`;
}
