import type { MathNode, Unit } from 'mathjs';
import { CalculationError } from './calculation-error.ts';
import { expressionText } from './expression-nodes.ts';
import { math } from './math-engine.ts';

/** Largest argument of `factorial`, `combinations`, `permutations`: about 0.1 s of work each. */
export const largestCombinatorial = 100_000;

const divisions = new Set(['divide', 'dotDivide', 'mod']);
const powers = new Set(['pow', 'dotPow']);
const combinatorial = new Set(['factorial', 'combinations', 'permutations']);
const logarithms = new Set(['log', 'log10', 'log2']);

/**
 * Refuses a call before it is made: a division (or `mod`) by zero, zero raised to a negative
 * power (a division by zero too), a combinatorial function of a number too large to compute
 * in reasonable time. mathjs would answer the first two with `Infinity`, or with the dividend
 * for `mod`; a calculator should say why there is no answer.
 */
export function guardCall(name: string, args: readonly unknown[], node: MathNode): void {
  const operands = 'args' in node ? (node.args as MathNode[]) : [];
  const written = expressionText(node);
  if (divisions.has(name) && args.length === 2 && hasZero(args[1])) {
    const divisorNode = operands[1] && math.isParenthesisNode(operands[1]) ? operands[1].content : operands[1];
    const divisor = divisorNode ? expressionText(divisorNode) : '0';
    const by = divisor === '0' ? '0' : `"${divisor}", which is 0`;
    throw new CalculationError(`Division by zero: "${written}" divides by ${by}. A number cannot be divided by zero.`);
  }
  if (powers.has(name) && hasZero(args[0]) && isNegative(args[1])) {
    throw new CalculationError(`Division by zero: "${written}" raises 0 to a negative power, which divides by 0.`);
  }
  if (combinatorial.has(name) && args.some((arg) => isLarger(arg, largestCombinatorial))) {
    throw new CalculationError(
      `"${written}" is too large to compute: ${name} takes numbers up to ${largestCombinatorial}.`,
    );
  }
}

/** Refuses a result that is not a finite value: `log(0)`, `10 ^ 10 ^ 20`, `0 / 0`. */
export function guardResult(name: string, value: unknown, node: MathNode): void {
  if (isFiniteValue(value)) return;
  const written = expressionText(node);
  if (logarithms.has(name))
    throw new CalculationError(`"${written}" has no finite value: the logarithm of 0 is -Infinity.`);
  if (hasNaN(value)) throw new CalculationError(`"${written}" is undefined: it is not a number.`);
  throw new CalculationError(`"${written}" is too large to represent (it overflows to Infinity).`);
}

/** What a mathjs error means for the user, for the call of `node` with `args`. */
export function describeCallFailure(error: unknown, node: MathNode, name: string, args: readonly unknown[]): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/^\[DecimalError\]\s*/, '');
  const written = expressionText(node);
  if (/Units do not match/i.test(message)) {
    const [from, to] = args.map(kindOf);
    return name === 'to'
      ? `Cannot convert "${written}": ${from} cannot be converted to ${to}.`
      : `The units in "${written}" do not match: ${from} and ${to} cannot be combined.`;
  }
  if (/Precision limit exceeded/.test(message)) {
    return `"${written}" cannot be computed precisely: its argument is too large for ${name}.`;
  }
  if (/Unexpected type of argument/.test(message)) {
    return `Cannot compute "${written}": ${args.map(kindOf).join(' and ')} do not go together there.`;
  }
  return `Cannot compute "${written}": ${message.replace(/\s*\(.*\)$/, '')}.`;
}

/** A value as the user would call it: `a length`, `a number`, `a list`. */
function kindOf(value: unknown): string {
  if (math.isUnit(value)) return quantityOf(value);
  if (Array.isArray(value)) return 'a list';
  if (math.isComplex(value)) return 'a complex number';
  if (typeof value === 'string') return 'text';
  return 'a number';
}

function quantityOf(unit: Unit): string {
  const dimensions = (unit as unknown as { dimensions: number[] }).dimensions;
  const bases = math.Unit.BASE_UNITS as Record<string, { dimensions: number[] }>;
  const base = Object.entries(bases).find(
    ([key, candidate]) => key !== 'NONE' && candidate.dimensions.every((power, index) => power === dimensions[index]),
  )?.[0];
  if (!base) return `a quantity in ${unit.formatUnits()}`;
  const noun = base.toLowerCase().replaceAll('_', ' ');
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun} (${unit.formatUnits()})`;
}

function scalars(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(scalars);
  if (math.isUnit(value)) return value.value === null ? [] : [value.value];
  return [value];
}

function hasZero(value: unknown): boolean {
  return scalars(value).some((scalar) => isNumeric(scalar) && math.isZero(scalar) === true);
}

function isNegative(value: unknown): boolean {
  return scalars(value).some(
    (scalar) => (math.isBigNumber(scalar) || typeof scalar === 'number') && math.isNegative(scalar),
  );
}

function isLarger(value: unknown, limit: number): boolean {
  return scalars(value).some((scalar) => math.isBigNumber(scalar) && scalar.abs().gt(limit));
}

function hasNaN(value: unknown): boolean {
  return scalars(value).some((scalar) => (math.isBigNumber(scalar) ? scalar.isNaN() : Number.isNaN(scalar)));
}

function isFiniteValue(value: unknown): boolean {
  return scalars(value).every((scalar) => {
    if (math.isBigNumber(scalar)) return scalar.isFinite();
    if (typeof scalar === 'number') return Number.isFinite(scalar);
    if (math.isComplex(scalar)) return Number.isFinite(scalar.re) && Number.isFinite(scalar.im);
    return true;
  });
}

function isNumeric(value: unknown): value is Parameters<typeof math.isZero>[0] {
  return math.isBigNumber(value) || typeof value === 'number' || math.isComplex(value);
}
