import { all, create } from 'mathjs';
import type { FactoryFunctionMap, MathNode } from 'mathjs';

/**
 * Significant digits every computation carries. Results are shown exact when they need fewer
 * than {@link exactDigits}; the last four digits are guard digits that absorb rounding (so that
 * `1 / 3 * 3` is 1 and `60 mi/h to km/h` is 96.56064).
 */
export const precision = 64;
/** A result with fewer significant digits than this, after rounding away the guard digits, is exact. */
export const exactDigits = precision - 4;

/**
 * The one mathjs instance of the service: decimal `BigNumber`s with {@link precision} digits (so
 * `0.1 + 0.2` is exactly 0.3 and integers stay exact up to 64 digits), plain arrays for lists.
 */
export const math = create(
  // mathjs declares its factory exports as entries of a record, which `noUncheckedIndexedAccess`
  // reads as possibly undefined; `all` always exists.
  all as FactoryFunctionMap,
  { number: 'BigNumber', precision, matrix: 'Array' },
);

/** A mathjs function as the evaluator calls it. */
export type MathFunction = (...args: unknown[]) => unknown;

/**
 * The functions an expression may call, by the name the evaluator uses (operators included:
 * `2 + 3` calls `add`). Anything else is refused before evaluation, so an expression never
 * reaches a function that touches the environment or the instance itself.
 */
export const functionGroups = {
  operators: [
    'add',
    'subtract',
    'multiply',
    'divide',
    'pow',
    'unaryMinus',
    'unaryPlus',
    'dotMultiply',
    'dotDivide',
    'dotPow',
  ],
  arithmetic: [
    'abs',
    'sqrt',
    'cbrt',
    'nthRoot',
    'exp',
    'log',
    'log10',
    'log2',
    'round',
    'floor',
    'ceil',
    'fix',
    'sign',
    'mod',
    'gcd',
    'lcm',
    'hypot',
    'factorial',
    'combinations',
    'permutations',
    'sin',
    'cos',
    'tan',
    'asin',
    'acos',
    'atan',
    'atan2',
    'sinh',
    'cosh',
    'tanh',
  ],
  statistics: ['mean', 'median', 'mode', 'std', 'variance', 'min', 'max', 'sum', 'prod'],
  units: ['to'],
} as const;

/** Other names people use for supported functions. */
export const functionAliases: ReadonlyMap<string, string> = new Map([
  ['ln', 'log'],
  ['avg', 'mean'],
  ['average', 'mean'],
  ['stdev', 'std'],
  ['stddev', 'std'],
  ['sd', 'std'],
  ['var', 'variance'],
  ['total', 'sum'],
  ['product', 'prod'],
]);

/** Named constants an expression may use. */
export const constantNames = ['pi', 'e', 'tau', 'phi'] as const;

/**
 * decimal.js raises the precision and changes the rounding of the shared `BigNumber` class
 * while it computes some functions (`sin` of a huge number), and leaves them so when it throws
 * halfway ("Precision limit exceeded"): every later result would be rounded wrong. Each call
 * puts them back.
 */
const decimals = (math as unknown as { BigNumber: unknown }).BigNumber as {
  precision: number;
  rounding: number;
  config(settings: object): unknown;
};
const decimalSettings = { precision: decimals.precision, rounding: decimals.rounding };
function restoringDecimalSettings(fn: MathFunction): MathFunction {
  return (...args) => {
    try {
      return fn(...args);
    } finally {
      if (decimals.precision !== decimalSettings.precision || decimals.rounding !== decimalSettings.rounding) {
        decimals.config(decimalSettings);
      }
    }
  };
}

const namespace = math as unknown as Record<string, unknown>;
const callable = new Map<string, MathFunction>(
  Object.values(functionGroups)
    .flat()
    .map((name) => [name, restoringDecimalSettings(namespace[name] as MathFunction)]),
);
const constants = new Map<string, unknown>(constantNames.map((name) => [name, namespace[name]]));

/** The parser, kept before the lock-down below disables `math.parse` itself. */
const parseExpression: (expression: string) => MathNode = math.parse.bind(math);

// mathjs security guidance (docs/expressions/security): disable the functions that change the
// instance (`import`, `createUnit`) or parse and run arbitrary input (`evaluate`, `parse`, ...).
// The evaluator never calls them, and an expression cannot name them (see `callable`), so
// this is defence in depth: nothing can re-enable them either, `import` being disabled too.
const disabled = [
  'import',
  'createUnit',
  'reviver',
  'evaluate',
  'parse',
  'compile',
  'parser',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'rationalize',
  'derivative',
  'resolve',
  'symbolicEqual',
];
math.import(
  Object.fromEntries(
    disabled.map((name) => [
      name,
      () => {
        throw new Error(`Function ${name} is disabled`);
      },
    ]),
  ),
  { override: true },
);

/** Parses mathjs expression syntax into a tree; throws mathjs's `SyntaxError` (with `char`). */
export function parseMath(expression: string): MathNode {
  return parseExpression(expression);
}

/** The supported function of that name (an alias resolved), or undefined. */
export function functionNamed(name: string): { name: string; call: MathFunction } | undefined {
  const canonical = functionAliases.get(name) ?? name;
  const call = callable.get(canonical);
  return call ? { name: canonical, call } : undefined;
}

/** The value of a named constant, or undefined. */
export function constantNamed(name: string): unknown {
  return constants.get(name);
}

/** Whether `name` is a unit mathjs knows (with or without a prefix: `km`, `miles`, `degF`). */
export function isUnitName(name: string): boolean {
  return math.Unit.isValuelessUnit(name);
}
