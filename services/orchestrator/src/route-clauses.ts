import { hintsOf } from './route-hints.ts';

/**
 * Splits a request into the clauses that could go to different specialists: at `;`, line
 * breaks and sentence ends always, at "and", "also" and "then" only where a new clause starts.
 * Text given to work on — after `summarize:`, or on the lines after a first line that is an
 * instruction — is a payload: it is never split, and travels with the clause before it.
 */

/** One part of a request. */
export interface Clause {
  /** The clause without its connective ("and", "also") and without its payload. */
  readonly text: string;
  /** The text the clause carries to work on, kept whole. */
  readonly payload?: string;
  /** What joined the payload to the clause as written (`: `, a line break). */
  readonly separator?: string;
  /** `hard` after `;`, a line break or a sentence end; `soft` after "and", "also", "then". */
  readonly joinedBy?: 'hard' | 'soft';
}

/** What the splitter asks of whoever knows the skills. */
export interface ClauseRules {
  /** Whether this text, found after "and" / "also" / "then", starts a clause of its own. */
  startsClause(text: string): boolean;
  /** Whether a line is an instruction to a skill that works on the text after it. */
  takesText(line: string): boolean;
}

/** Options of {@link splitClauses}. */
export interface SplitOptions {
  /** Look for a payload (default true); false reads a colon as an ordinary character. */
  readonly payload?: boolean;
}

/** The longest instruction, in words, that a payload may follow. */
const longestInstruction = 20;

// A sentence end keeps its mark ("How does it work?"); a decimal point has no space after it.
const hardBoundary = /\s*(?:;(?=\s|$)|\n+)\s*|(?<=[?!])\s+|(?<=[\p{Ll})\]"']\.)\s+(?=\p{Lu})/gu;
const softBoundary = /(?:\s*,)?\s+(?:and\s+then|and\s+also|and|also|then)\b,?\s+/gi;
const leadingConnective = /^(?:(?:and\s+then|and\s+also|and|also|then|plus)\b[\s,]*)+/i;
const endsWithNumber = /\d[%)]?\s*$/;
const startsWithNumber = /^\s*[-(]?\d/;

/** The clauses of a request, in order; none for an empty request. */
export function splitClauses(request: string, rules: ClauseRules, options: SplitOptions = {}): Clause[] {
  const text = request.trim();
  if (text === '') return [];
  const found = options.payload === false ? undefined : findPayload(text, rules);
  const clauses = splitHead(found ? found.head : text, rules);
  if (!found) return clauses;
  const last = clauses.pop();
  const withPayload = { ...last, text: last?.text ?? '', payload: found.payload, separator: found.separator };
  return [...clauses, withPayload];
}

/** The payload: after the first `: ` of a short instruction, or after a first line that is one. */
function findPayload(text: string, rules: ClauseRules) {
  const colon = /:(?=\s|$)/.exec(text);
  if (colon) {
    const head = text.slice(0, colon.index);
    const rest = text.slice(colon.index + 1);
    const payload = rest.trim();
    const lastClause = splitHead(head, rules).at(-1)?.text ?? '';
    if (payload !== '' && lastClause.split(/\s+/).length <= longestInstruction) {
      return { head, payload, separator: `:${/^\s*/.exec(rest)?.[0] ?? ' '}` };
    }
  }
  const newline = text.indexOf('\n');
  if (newline > 0) {
    const head = text.slice(0, newline);
    const lastClause = splitHead(head, rules).at(-1)?.text ?? '';
    if (rules.takesText(lastClause)) return { head, payload: text.slice(newline + 1).trim(), separator: '\n' };
  }
  return undefined;
}

function splitHead(head: string, rules: ClauseRules): Clause[] {
  const clauses: Clause[] = [];
  for (const part of head.split(hardBoundary)) {
    for (const [index, piece] of splitSoft(part, rules).entries()) {
      const text = tidy(piece);
      if (text === '') continue;
      clauses.push(clauses.length === 0 ? { text } : { text, joinedBy: index === 0 ? 'hard' : 'soft' });
    }
  }
  return clauses;
}

/** Splits at each connective after which a clause of its own starts, never inside a number list. */
function splitSoft(part: string, rules: ClauseRules): string[] {
  const boundaries = [...part.matchAll(softBoundary)];
  const pieces: string[] = [];
  let start = 0;
  for (const [index, boundary] of boundaries.entries()) {
    const left = part.slice(start, boundary.index);
    const rightEnd = boundaries[index + 1]?.index ?? part.length;
    const right = part.slice(boundary.index + boundary[0].length, rightEnd);
    if (endsWithNumber.test(left) && startsWithNumber.test(right) && !twoExpressions(left, right)) continue;
    if (tidy(left) === '' || !rules.startsClause(right)) continue;
    pieces.push(left);
    start = boundary.index + boundary[0].length;
  }
  pieces.push(part.slice(start));
  return pieces;
}

/**
 * Whether numbers on both sides of "and" are two calculations ("2^100 and 3^50", "sqrt(2) * 3
 * and 5 km to miles") rather than one list ("mean of 3, 5 and 8", "between 2 and 4"): each side
 * looks like maths of its own, and the left one is not a statistic, which takes a list.
 */
function twoExpressions(left: string, right: string): boolean {
  const leftHints = hintsOf(left).map((hint) => hint.name);
  const isMath = (name: string) => name !== 'question';
  return (
    leftHints.some(isMath) && !leftHints.includes('statistics') && hintsOf(right).some((hint) => isMath(hint.name))
  );
}

function tidy(text: string): string {
  return text
    .trim()
    .replace(leadingConnective, '')
    .replace(/[\s,;]+$/, '')
    .trim();
}
