import { describe, expect, it } from 'vitest';
import { formatValue } from './format-value.ts';
import { math } from './math-engine.ts';

const big = (value: string) => math.bignumber(value);

describe('formatValue', () => {
  it('writes integers in full up to 60 digits, and exact decimals in full', () => {
    expect(formatValue(math.pow(big('2'), big('190')))).toMatchObject({
      text: '1569275433846670190958947355801916604025588861116008628224',
      exact: true,
    });
    expect(formatValue(big('1267650600228229401496703205376'))).toMatchObject({
      text: '1267650600228229401496703205376',
      exact: true,
    });
    expect(formatValue(big('0.3'))).toMatchObject({ text: '0.3', exact: true });
    expect(formatValue(big('-7.25'))).toMatchObject({ text: '-7.25', exact: true });
    expect(formatValue(big('0.000001'))).toMatchObject({ text: '0.000001', exact: true });
  });

  it('rounds results that used every digit to 15 significant digits, and says so', () => {
    expect(formatValue(math.divide(big('1'), big('3')))).toEqual({
      text: '0.333333333333333',
      number: '0.333333333333333',
      exact: false,
    });
    expect(formatValue(math.sqrt(big('2')))).toMatchObject({ text: '1.4142135623731', exact: false });
  });

  it('lets the guard digits absorb rounding: 1/3 * 3 is 1', () => {
    expect(formatValue(math.multiply(math.divide(big('1'), big('3')), big('3')))).toMatchObject({
      text: '1',
      exact: true,
    });
  });

  it('uses exponent notation for very large and very small numbers; past 60 digits nothing is exact', () => {
    // 10^62 + 0.04 needs 65 digits: it was rounded to 10^62, and must not pass for exact.
    expect(formatValue(math.add(math.pow(big('10'), big('62')), big('0.04')))).toMatchObject({
      text: '1e+62',
      exact: false,
    });
    expect(formatValue(big('1e-12'))).toMatchObject({ text: '1e-12', exact: true });
    expect(formatValue(math.pow(big('2'), big('300')))).toMatchObject({ text: '2.03703597633449e+90', exact: false });
  });

  it('writes a quantity in the unit it has, and lists and complex numbers', () => {
    expect(formatValue(math.unit(big('5000'), 'm'))).toEqual({
      text: '5000 m',
      number: '5000',
      unit: 'm',
      exact: true,
    });
    expect(formatValue([big('2'), big('3')])).toMatchObject({ text: '[2, 3]', exact: true });
    expect(formatValue(math.sqrt(big('-4')))).toMatchObject({ text: '2i', exact: true });
    expect(formatValue(math.complex(1, -2))).toMatchObject({ text: '1 - 2i', exact: true });
  });
});
