import type { MathNode } from 'mathjs';
import { calleeOf, operandsOf } from './expression-nodes.ts';
import {
  constantNamed,
  constantNames,
  functionAliases,
  functionGroups,
  functionNamed,
  isUnitName,
  math,
} from './math-engine.ts';
import { ReadError } from './read-error.ts';
import type { SourceText } from './source-text.ts';

/** Most nodes an expression may have: a bound on the work one request can ask for. */
export const maxNodes = 500;
/** The only text an expression may hold: how `std` and `variance` normalize. */
const normalizations = new Set(['unbiased', 'uncorrected', 'biased']);
/** The node types a calculation is made of. */
const calculationNodes = new Set([
  'ConstantNode',
  'SymbolNode',
  'OperatorNode',
  'FunctionNode',
  'ParenthesisNode',
  'ArrayNode',
]);
/** The other mathjs constructs, as the user would call them, and where they show in the text. */
const otherNodes: Readonly<Record<string, readonly [string, RegExp]>> = {
  AssignmentNode: ['Assignments ("=") are not supported: send one expression to evaluate.', /=/],
  FunctionAssignmentNode: ['Defining functions is not supported: send one expression to evaluate.', /=/],
  AccessorNode: ['Indexes and properties ("[...]", ".name") are not supported.', /[[.]/],
  ObjectNode: ['Objects ("{...}") are not supported.', /\{/],
  RangeNode: ['Ranges ("a:b") are not supported: list the numbers, separated by commas.', /:/],
  ConditionalNode: ['Conditions ("a ? b : c") are not supported.', /\?/],
  BlockNode: ['Only one expression at a time: send each one in its own request.', /[;\n]/],
  RelationalNode: ['Comparisons are not supported.', /[<>=!]/],
};
/** The functions an error lists; the operators have their own symbols. */
const listedFunctions = [...functionGroups.arithmetic, ...functionGroups.statistics, ...functionGroups.units].sort();

type Fail = (message: string, at?: RegExp, expected?: string) => never;

/**
 * Refuses, before anything is evaluated, every expression that is not a calculation the
 * calculator supports: only numbers, lists, parentheses, the allowed operators and functions
 * (`functionNamed`), the named constants and mathjs units. Anything else (assignments,
 * property access, unknown names, unsupported functions, text) is a {@link ReadError} placed
 * at the offending part of `source`, the text that was parsed; `input` is the request as the
 * message quotes it.
 */
export function checkExpression(root: MathNode, source: SourceText, input: string): void {
  let count = 0;
  const fail: Fail = (message, at, expected) => {
    const match = at?.exec(source.text);
    const place = match ? { index: source.originOf(match.index), ...(expected ? { expected } : {}) } : undefined;
    throw new ReadError(message, source.original, place);
  };
  const visit = (node: MathNode): void => {
    count += 1;
    if (count > maxNodes) fail(`"${input}" is too long: at most ${maxNodes} numbers, names and operators.`);
    if (!calculationNodes.has(node.type)) {
      const [message, at] = otherNodes[node.type] ?? [`"${node.toString()}" is not a calculation I support.`];
      fail(message, at);
    }
    if (math.isConstantNode(node) && typeof node.value === 'string' && !normalizations.has(node.value)) {
      fail('Text in quotes is not supported.', /["']/);
    }
    if (math.isSymbolNode(node)) checkName(node.name, fail);
    if (math.isOperatorNode(node) && !functionNamed(node.fn)) {
      fail(`The operator "${node.op}" is not supported.`, new RegExp(escape(node.op)));
    }
    if (math.isFunctionNode(node)) {
      const name = calleeOf(node);
      if (name === undefined) fail('Only named functions can be called, like sqrt(16).', /\(/);
      else if (!functionNamed(name)) {
        const guess = didYouMean(nearest(name, [...listedFunctions, ...functionAliases.keys()]));
        fail(
          `"${name}" is not a function I support.${guess} I support: ${listedFunctions.join(', ')}.`,
          wordAt(name, String.raw`\s*\(`),
          'a supported function',
        );
      }
    }
    operandsOf(node).forEach(visit);
  };
  visit(root);
}

/** A bare name must be a constant (`pi`) or a unit (`km`, `miles`, `degF`). */
function checkName(name: string, fail: Fail): void {
  if (constantNamed(name) !== undefined || isUnitName(name)) return;
  const at = wordAt(name);
  if (functionNamed(name)) fail(`"${name}" is a function: write it with its arguments, like ${name}(3, 5, 8).`, at);
  fail(
    `"${name}" is not a unit or a constant I know.${didYouMean(closestName(name))}`,
    at,
    'a number, a unit or a constant',
  );
}

function didYouMean(guess: string | undefined): string {
  return guess ? ` Did you mean "${guess}"?` : '';
}

/** `name` as a whole word (not part of a longer name, nor a property after a dot), then `after`. */
function wordAt(name: string, after = ''): RegExp {
  return new RegExp(String.raw`(?<![\w.])${escape(name)}(?!\w)${after}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, String.raw`\$&`);
}

/**
 * The unit or constant nearest to `name`, when it is a likely typo. A unit with a spelled-out
 * prefix is matched without it, since mathjs lists units unprefixed (`kilometerz` → `kilometer`).
 */
function closestName(name: string): string | undefined {
  const prefix = /^(?:kilo|centi|milli|micro|nano|mega|giga|deci)/i.exec(name)?.[0] ?? '';
  const units = Object.keys(math.Unit.UNITS);
  const guess = nearest(name.slice(prefix.length), prefix ? units : [...units, ...constantNames]);
  return guess && (!prefix || isUnitName(prefix + guess)) ? prefix + guess : undefined;
}

/** The candidate at most 2 edits from `word` (3 letters or more), the nearest first. */
function nearest(word: string, candidates: readonly string[]): string | undefined {
  if (word.length < 3) return undefined;
  let best: { name: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance: the fewest single-character edits that turn `a` into `b`. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (const [i, charA] of [...a].entries()) {
    const current = [i + 1];
    for (const [j, charB] of [...b].entries()) {
      const substitution = (previous[j] ?? 0) + (charA === charB ? 0 : 1);
      current.push(Math.min((previous[j + 1] ?? 0) + 1, (current[j] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
