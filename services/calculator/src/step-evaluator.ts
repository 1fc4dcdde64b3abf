import type { MathNode } from 'mathjs';
import { describeCallFailure, guardCall, guardResult } from './calculation-guards.ts';
import { CalculationError } from './calculation-error.ts';
import { calleeOf, expressionText, operandsOf } from './expression-nodes.ts';
import { formatValue } from './format-value.ts';
import type { FormattedValue } from './format-value.ts';
import { constantNamed, functionNamed, math } from './math-engine.ts';

/** One sub-result of an evaluation. */
export interface Step {
  /** The sub-expression as written: `(2 + 3) * 4 ^ 2`. */
  subexpression: string;
  /** The same with its operands' values in place: `5 * 16`. */
  operation: string;
  /** Its value, as the calculator writes values (see `formatValue`). */
  value: string;
  /** False when `value` is rounded. */
  exact: boolean;
}

/** The value of an expression and the steps that led to it, in evaluation order. */
export interface Evaluation {
  value: unknown;
  formatted: FormattedValue;
  steps: Step[];
}

/**
 * Evaluates a checked expression tree (see `checkExpression`) the way mathjs does — operands
 * first, left to right — but one operation at a time, calling `onStep` with each sub-result
 * as soon as it is known: `(2 + 3) * 4^2` gives `2 + 3 = 5`, `4 ^ 2 = 16`, `5 * 16 = 80`.
 * Only the allowed functions are ever called; the tree is never compiled. A call with no
 * answer (division by zero, mismatched units, an overflow) throws a `CalculationError`.
 */
export function evaluateInSteps(root: MathNode, onStep?: (step: Step) => void): Evaluation {
  const values = new Map<MathNode, unknown>();
  const steps: Step[] = [];

  const evaluate = (node: MathNode): unknown => {
    if (values.has(node)) return values.get(node);
    const value = compute(node);
    values.set(node, value);
    return value;
  };

  const compute = (node: MathNode): unknown => {
    if (math.isConstantNode(node)) return node.value;
    if (math.isSymbolNode(node)) return constantNamed(node.name) ?? math.unit(node.name);
    if (math.isParenthesisNode(node)) return evaluate(node.content);
    if (math.isArrayNode(node)) return node.items.map(evaluate);
    const callee = calleeOf(node);
    const fn = callee === undefined ? undefined : functionNamed(callee);
    if (!fn || !(math.isOperatorNode(node) || math.isFunctionNode(node))) {
      throw new CalculationError(`"${expressionText(node)}" cannot be evaluated.`);
    }
    const args = node.args.map(evaluate);
    guardCall(fn.name, args, node);
    let value: unknown;
    try {
      value = fn.call(...args);
    } catch (error) {
      throw new CalculationError(describeCallFailure(error, node, fn.name, args));
    }
    guardResult(fn.name, value, node);
    const step = stepOf(node, value);
    if (step) {
      steps.push(step);
      onStep?.(step);
    }
    return value;
  };

  /** The step of an operation; none for one that only writes a value (`-3`, `5 km`, `60 mi/h`). */
  const stepOf = (node: MathNode, value: unknown): Step | undefined => {
    const writesUnit =
      (calleeOf(node) === 'multiply' || calleeOf(node) === 'divide') &&
      operandsOf(node).some((arg) => isValuelessUnit(evaluate(arg)));
    if (writesUnit) return undefined;
    const formatted = formatValue(value);
    const withValues = node.map((child, path, parent) => (path === 'fn' ? child : operand(child, parent)));
    const operation = expressionText(withValues, 'show');
    if (operation === formatted.text) return undefined;
    return { subexpression: expressionText(node), operation, value: formatted.text, exact: formatted.exact };
  };

  /**
   * An operand as an operation shows it: as written when it is a number or a name, else its
   * value, in parentheses where it would otherwise read differently: a sign (`(-3) ^ 2`), a sum
   * (a complex number), a quantity under a product or power (`(3 kg) ^ 2`).
   */
  const operand = (node: MathNode, parent: MathNode): MathNode => {
    if (math.isConstantNode(node) || math.isSymbolNode(node)) return node;
    const text = formatValue(evaluate(node)).text;
    const callee = calleeOf(parent);
    const listed = math.isFunctionNode(parent) || math.isArrayNode(parent) || callee === 'to';
    const inSum = callee === 'add' || callee === 'subtract';
    const ambiguous = text.startsWith('-') || / [+-] /.test(text) || (/\s/.test(text) && !inSum);
    return new math.SymbolNode(listed || !ambiguous ? text : `(${text})`);
  };

  const value = evaluate(root);
  return { value, formatted: formatValue(value), steps };
}

function isValuelessUnit(value: unknown): boolean {
  return math.isUnit(value) && value.value === null;
}
