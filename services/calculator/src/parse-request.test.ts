import { describe, expect, it } from 'vitest';
import { parseRequest } from './parse-request.ts';
import { ReadError } from './read-error.ts';
import type { ReadProblem } from './read-error.ts';

function problemOf(request: string): ReadProblem {
  try {
    parseRequest(request);
  } catch (error) {
    if (error instanceof ReadError) return error.problem;
    throw error;
  }
  throw new Error(`"${request}" was read`);
}

describe('parseRequest', () => {
  it.each([
    // wrappers stripped, mathjs syntax kept as typed
    ['What is (2 + 3) * 4^2?', '(2 + 3) * 4^2', '(2 + 3) * 4^2', 'arithmetic'],
    ['please calculate 7 * 6', '7 * 6', '7 * 6', 'arithmetic'],
    ['compute: 2 to the power of 10', '2 to the power of 10', '2 ^ 10', 'arithmetic'],
    ['what is 5 squared', '5 squared', '5^2', 'arithmetic'],
    ['12 divided by 4 plus 1', '12 divided by 4 plus 1', '12 / 4 + 1', 'arithmetic'],
    ['3 x 4', '3 x 4', '3 * 4', 'arithmetic'],
    // percentages
    ['15% of 80', '15% of 80', '15 / 100 * 80', 'percentages'],
    ['what is 20 percent of 250?', '20 percent of 250', '20 / 100 * 250', 'percentages'],
    ['12.5% of (40 + 40)', '12.5% of (40 + 40)', '12.5 / 100 * (40 + 40)', 'percentages'],
    ['(1 + 2)% of (3) + (4)', '(1 + 2)% of (3) + (4)', '(1 + 2) / 100 * ((3) + (4))', 'percentages'],
    ['increase 120 by 15%', 'increase 120 by 15%', '120 * (1 + 15 / 100)', 'percentages'],
    ['80 decreased by 25 percent', '80 decreased by 25 percent', '80 * (1 - 25 / 100)', 'percentages'],
    ['what percent of 120 is 30', 'what percent of 120 is 30', '30 / 120 * 100', 'percentages'],
    ['30 as a percentage of 120', '30 as a percentage of 120', '30 / 120 * 100', 'percentages'],
    ['percent change from 80 to 100', 'percent change from 80 to 100', '(100 - 80) / 80 * 100', 'percentages'],
    ['80 * 15%', '80 * 15%', '80 * 15%', 'percentages'],
    // statistics
    ['what is the mean of 3, 5, 8, 13', 'mean of 3, 5, 8, 13', 'mean(3, 5, 8, 13)', 'statistics'],
    ['average of 1, 2 and 3', 'average of 1, 2 and 3', 'mean(1, 2, 3)', 'statistics'],
    ['median: 4 1 7 2', 'median: 4 1 7 2', 'median(4, 1, 7, 2)', 'statistics'],
    ['standard deviation of [2, 4, 4]', 'standard deviation of [2, 4, 4]', 'std([2, 4, 4])', 'statistics'],
    [
      'population variance of 1, 2, 3',
      'population variance of 1, 2, 3',
      'variance([1, 2, 3], "uncorrected")',
      'statistics',
    ],
    ['largest of 3, 9, 4', 'largest of 3, 9, 4', 'max(3, 9, 4)', 'statistics'],
    ['max(3, 9)', 'max(3, 9)', 'max(3, 9)', 'statistics'],
    // unit conversions
    ['convert 5 km to miles', '5 km to miles', '5 km to miles', 'unit-conversion'],
    ['100 °F in °C', '100 °F in °C', '100 degF in degC', 'unit-conversion'],
    ['how many minutes in 2.5 hours?', 'how many minutes in 2.5 hours', '2.5 hours to minutes', 'unit-conversion'],
    ['60 mph into kilometres per hour', '60 mph into kilometres per hour', '60 mi/h to km/h', 'unit-conversion'],
  ])('reads %j as %j → %j (%s)', (request, input, expression, skill) => {
    expect(parseRequest(request)).toMatchObject({ input, expression, skill });
  });

  it('marks a "what percent" answer with %', () => {
    expect(parseRequest('30 is what percent of 120').resultUnit).toBe('%');
  });

  it('places a syntax error under the character of the request, with what was expected and found', () => {
    expect(problemOf('2 + * 3')).toEqual({
      message: 'I could not read "2 + * 3": expected a number, a name or "(" at character 5, but found "*".',
      request: '2 + * 3',
      position: 5,
      expected: 'a number, a name or "("',
      found: '"*"',
      caret: '2 + * 3\n    ^',
    });
    expect(problemOf('(2 + 3')).toMatchObject({
      position: 7,
      expected: 'a closing ")"',
      found: 'the end of the expression',
      caret: '(2 + 3\n      ^',
    });
    expect(problemOf('2 3 +')).toMatchObject({ position: 3, found: '"3"' });
  });

  it('places errors in rewritten requests under what the user typed', () => {
    // "mean of 3, , 5" is parsed as "mean(3, , 5)"; the caret stays on the user's text.
    expect(problemOf('what is the mean of 3, , 5?')).toMatchObject({
      position: 24,
      caret: 'what is the mean of 3, , 5?\n                       ^',
    });
    // "×" became "*": one character for one, the caret does not drift.
    expect(problemOf('3 × × 4')).toMatchObject({ position: 5, found: '"×"' });
    expect(problemOf('15% of 80 +')).toMatchObject({ position: 12, found: 'the end of the expression' });
    // The ")" closing "5 +" is the calculator's: the user is shown what they typed there.
    expect(problemOf('5 +% of 80')).toMatchObject({ position: 4, found: '"%"', caret: '5 +% of 80\n   ^' });
    expect(problemOf('4 times times 2')).toMatchObject({ position: 9, found: '"times"' });
  });

  it('names unknown units and unsupported functions, suggesting the likely one', () => {
    expect(problemOf('5 kilometerz to miles')).toMatchObject({
      message: '"kilometerz" is not a unit or a constant I know. Did you mean "kilometer"?',
      position: 3,
      caret: '5 kilometerz to miles\n  ^',
    });
    const unsupported = problemOf('1 + sqr(4)');
    expect(unsupported.message).toMatch(/^"sqr" is not a function I support\. Did you mean "sqrt"\? I support: abs, /);
    expect(unsupported).toMatchObject({ position: 5, expected: 'a supported function' });
    expect(problemOf('mean + 1').message).toBe(
      '"mean" is a function: write it with its arguments, like mean(3, 5, 8).',
    );
  });

  it('asks for a calculation when there is none', () => {
    expect(problemOf('').message).toMatch(/^What should I calculate\? Try /);
    expect(problemOf('what is?').message).toMatch(/^What should I calculate\?/);
    expect(problemOf('hello there').message).toMatch(/^I found no calculation in "hello there"\. Try /);
  });

  // mathjs security guidance: no import, createUnit, evaluate, parse, ... from an expression;
  // and nothing but numbers, units, the named constants and the allowed functions.
  it.each([
    ['import({}, {override: true})', /"import" is not a function I support/],
    ['createUnit("foo")', /"createUnit" is not a function I support/],
    ['1 + evaluate("1 + 1")', /"evaluate" is not a function I support/],
    ['parse("1")', /"parse" is not a function I support/],
    ['simplify("x + x")', /"simplify" is not a function I support/],
    ['x = 3', /^Assignments \("="\) are not supported/],
    ['f(x) = x^2', /^Defining functions is not supported/],
    ['2 + cos.constructor', /^Indexes and properties/],
    ['cos.constructor("return 1")', /^Only named functions can be called/],
    ['[1, 2][1]', /^Indexes and properties/],
    ['{a: 1}', /^Objects/],
    ['1:5', /^Ranges/],
    ['1 > 2 ? 3 : 4', /^Conditions/],
    ['1; 2', /^Only one expression at a time/],
    ['2 > 1', /^The operator ">" is not supported/],
    ['"text" + 1', /^Text in quotes is not supported/],
    ['(cos)(1)', /^"cos" is a function/],
  ])('refuses %j', (request, message) => {
    expect(problemOf(request).message).toMatch(message);
  });

  it('refuses a request too long to be a calculation', () => {
    expect(problemOf(`1${' + 1'.repeat(300)}`).message).toMatch(/too long/);
  });
});
