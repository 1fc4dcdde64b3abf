import type { MathNode } from 'mathjs';
import { math } from './math-engine.ts';

/**
 * The function a node calls: an operator's (`2 + 3` calls `add`) or a function call's name as
 * written (`avg(1, 2)` calls `avg`); undefined for other nodes, and for a call whose callee is
 * not a plain name (`f(1)(2)`).
 */
export function calleeOf(node: MathNode): string | undefined {
  if (math.isOperatorNode(node)) return node.fn;
  if (math.isFunctionNode(node)) return math.isSymbolNode(node.fn) ? node.fn.name : undefined;
  return undefined;
}

/**
 * The sub-expressions of a node the calculator evaluates, left to right: an operator's or a
 * call's arguments (never a call's callee), a list's items, a parenthesis' content.
 */
export function operandsOf(node: MathNode): MathNode[] {
  if (math.isOperatorNode(node) || math.isFunctionNode(node)) return node.args;
  if (math.isArrayNode(node)) return node.items;
  if (math.isParenthesisNode(node)) return [node.content];
  return [];
}

/** Whether the node is mathjs's unary percentage (`15%`, parsed as `15 / 100`). */
export function isPercentage(node: MathNode): boolean {
  return math.isOperatorNode(node) && (node as { isPercentage?: boolean }).isPercentage === true;
}

/**
 * How a sub-expression is written in steps and answers: mathjs syntax, parentheses as typed,
 * numbers in plain digits (mathjs would write `99999999999999999999` as
 * `9.9999999999999999999e+19`), implicit multiplication kept implicit (`5 km`) unless
 * `implicit` is `show`.
 */
export function expressionText(node: MathNode, implicit: 'hide' | 'show' = 'hide'): string {
  return node.toString({
    parenthesis: 'keep',
    implicit,
    handler: (inner: MathNode) =>
      math.isConstantNode(inner) && math.isBigNumber(inner.value) && inner.value.e < 64 && inner.value.e > -8
        ? inner.value.toFixed()
        : undefined,
  });
}
