import { describe, expect, it } from 'vitest';
import { CalculationError } from './calculation-error.ts';
import { parseMath } from './math-engine.ts';
import { evaluateInSteps } from './step-evaluator.ts';
import type { Step } from './step-evaluator.ts';

const operations = (expression: string): string[] =>
  evaluateInSteps(parseMath(expression)).steps.map(
    ({ operation, value, exact }) => `${operation} ${exact ? '=' : '≈'} ${value}`,
  );

function failure(expression: string): string {
  try {
    evaluateInSteps(parseMath(expression));
  } catch (error) {
    if (error instanceof CalculationError) return error.message;
    throw error;
  }
  throw new Error(`"${expression}" has an answer`);
}

describe('evaluateInSteps', () => {
  it('reports each sub-result as it is computed, operands first, left to right', () => {
    const seen: Step[] = [];
    const { formatted, steps } = evaluateInSteps(parseMath('(2 + 3) * 4^2'), (step) => seen.push(step));

    expect(formatted).toEqual({ text: '80', number: '80', exact: true });
    expect(steps).toEqual([
      { subexpression: '2 + 3', operation: '2 + 3', value: '5', exact: true },
      { subexpression: '4 ^ 2', operation: '4 ^ 2', value: '16', exact: true },
      { subexpression: '(2 + 3) * 4 ^ 2', operation: '5 * 16', value: '80', exact: true },
    ]);
    expect(seen).toEqual(steps);
  });

  it('walks deeper trees in evaluation order, through functions and parentheses', () => {
    expect(operations('sqrt(3^2 + 4^2) * -(1 - 3)')).toEqual([
      '3 ^ 2 = 9',
      '4 ^ 2 = 16',
      '9 + 16 = 25',
      'sqrt(25) = 5',
      '1 - 3 = -2',
      '-(-2) = 2',
      '5 * 2 = 10',
    ]);
  });

  it('writes operands so that each operation reads as it computes', () => {
    expect(operations('(1 - 4)^2')).toEqual(['1 - 4 = -3', '(-3) ^ 2 = 9']);
    expect(operations('2 (3 + 4)')).toEqual(['3 + 4 = 7', '2 * 7 = 14']);
    expect(operations('2 km + 300 m to m')).toEqual(['2 km + 300 m = 2.3 km', '2.3 km to m = 2300 m']);
    expect(operations('1 / 3 * 3')).toEqual(['1 / 3 ≈ 0.333333333333333', '0.333333333333333 * 3 = 1']);
  });

  it('has no step for what only writes a value: a negative number, a quantity, a unit', () => {
    expect(operations('-5')).toEqual([]);
    expect(operations('60 km/h to mi/h')).toEqual(['60 km / h to mi / h ≈ 37.28227153424 mi / h']);
  });

  it('refuses a division by zero, naming the divisor', () => {
    expect(failure('1 / 0')).toBe('Division by zero: "1 / 0" divides by 0. A number cannot be divided by zero.');
    expect(failure('7 / (3 - 3) + 1')).toBe(
      'Division by zero: "7 / (3 - 3)" divides by "3 - 3", which is 0. A number cannot be divided by zero.',
    );
    expect(failure('0 / 0')).toMatch(/^Division by zero/);
    expect(failure('5 mod 0')).toMatch(/^Division by zero: "5 mod 0"/);
    expect(failure('0 ^ -1')).toBe('Division by zero: "0 ^ (-1)" raises 0 to a negative power, which divides by 0.');
    expect(failure('5 km / 0')).toMatch(/^Division by zero/);
  });

  it('explains results that do not exist or cannot be computed', () => {
    expect(failure('log(0)')).toBe('"log(0)" has no finite value: the logarithm of 0 is -Infinity.');
    expect(failure('10^10^20')).toBe('"10 ^ 10 ^ 20" is too large to represent (it overflows to Infinity).');
    expect(failure('factorial(200000)')).toBe(
      '"factorial(200000)" is too large to compute: factorial takes numbers up to 100000.',
    );
    expect(failure('5 km to kg')).toBe(
      'Cannot convert "5 km to kg": a length (km) cannot be converted to a mass (kg).',
    );
    expect(failure('2 km + 3 s')).toBe(
      'The units in "2 km + 3 s" do not match: a length (km) and a time (s) cannot be combined.',
    );
    expect(failure('2 + 3 km')).toBe('Cannot compute "2 + 3 km": a number and a length (km) do not go together there.');
    expect(failure('sqrt(1, 2)')).toBe('Cannot compute "sqrt(1, 2)": Too many arguments in function sqrt.');
  });

  it('keeps later results right after a computation that failed halfway', () => {
    // decimal.js leaves its precision and rounding changed when sin() of a huge number throws.
    expect(failure('sin(10^1000)')).toBe(
      '"sin(10 ^ 1000)" cannot be computed precisely: its argument is too large for sin.',
    );
    expect(operations('2 / 3')).toEqual(['2 / 3 ≈ 0.666666666666667']);
    expect(operations('0.1 + 0.2')).toEqual(['0.1 + 0.2 = 0.3']);
  });
});
