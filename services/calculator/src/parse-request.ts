import type { MathNode } from 'mathjs';
import { checkExpression } from './expression-check.ts';
import { calleeOf, isPercentage, operandsOf } from './expression-nodes.ts';
import { functionGroups, functionNamed, isUnitName, math, parseMath } from './math-engine.ts';
import { normalizeRequest } from './normalize-request.ts';
import { ReadError } from './read-error.ts';
import { rewriteRequest } from './request-grammar.ts';
import type { Skill } from './request-grammar.ts';
import { syntaxReadError } from './syntax-read-error.ts';

/** Longest request, in characters. */
export const longestRequest = 1000;

/** A request the calculator has read. */
export interface ParsedRequest {
  /** The request as the user wrote it, without its wrapper words ("what is", "?"). */
  input: string;
  /** The mathjs expression it means: `15 / 100 * 80` for "15% of 80". */
  expression: string;
  skill: Skill;
  /** Written after the result: `%` for "what percent of". */
  resultUnit?: string;
}

const examples = '"(2 + 3) * 4^2", "15% of 80", "mean of 3, 5, 8, 13" or "5 km to miles"';
const statistics = new Set<string>(functionGroups.statistics);

/**
 * Reads a request: strips its wrapper words, rewrites the phrasings the calculator knows
 * (percentages, statistics, conversions) into mathjs syntax, parses it and checks that it is
 * a calculation the calculator supports. Throws a {@link ReadError} that points at the
 * problem otherwise. Pure and quick: nothing is evaluated.
 */
export function parseRequest(request: string): ParsedRequest {
  if (request.length > longestRequest) {
    throw new ReadError(`That request is too long: send at most ${longestRequest} characters.`, request);
  }
  const normalized = normalizeRequest(request);
  const input = normalized.originalSpan();
  if (normalized.text === '') throw new ReadError(`What should I calculate? Try ${examples}.`, request);
  const rewrite = rewriteRequest(normalized);
  try {
    let root: MathNode;
    try {
      root = parseMath(rewrite.expression.text);
    } catch (error) {
      if (error instanceof SyntaxError) throw syntaxReadError(error, rewrite.expression, input);
      throw error;
    }
    checkExpression(root, rewrite.expression, input);
    return {
      input,
      expression: rewrite.expression.text,
      skill: rewrite.skill ?? skillOf(root),
      ...(rewrite.resultUnit ? { resultUnit: rewrite.resultUnit } : {}),
    };
  } catch (error) {
    // Words without a digit or an operator are not a calculation gone wrong but none at all.
    if (error instanceof ReadError && !/[\d+\-*/^()%]/.test(normalized.text)) {
      throw new ReadError(`I found no calculation in "${input}". Try ${examples}.`, request);
    }
    throw error;
  }
}

/** The skill an expression in mathjs syntax uses, the most specific one first. */
function skillOf(root: MathNode): Skill {
  const found = new Set<Skill>();
  const visit = (node: MathNode): void => {
    const callee = calleeOf(node);
    const name = callee === undefined ? undefined : functionNamed(callee)?.name;
    if (name !== undefined && statistics.has(name)) found.add('statistics');
    if (name === 'to' || (math.isSymbolNode(node) && isUnitName(node.name))) found.add('unit-conversion');
    if (isPercentage(node)) found.add('percentages');
    operandsOf(node).forEach(visit);
  };
  visit(root);
  return (['statistics', 'unit-conversion', 'percentages'] as const).find((skill) => found.has(skill)) ?? 'arithmetic';
}
