import type { BigNumber, Complex, Unit } from 'mathjs';
import { exactDigits, math } from './math-engine.ts';

/** Significant digits of a result that is not exact. */
export const shownDigits = 15;

/** A value as the calculator writes it. */
export interface FormattedValue {
  /** The whole value: `80`, `3.10685596118667 miles`, `[2, 3]`. */
  text: string;
  /** The number alone (for a quantity, without its unit). */
  number: string;
  /** The unit of a quantity, as mathjs writes it (`miles`, `km / h`). */
  unit?: string;
  /** False when the digits shown are rounded (`1 / 3`, `sqrt(2)`). */
  exact: boolean;
}

/**
 * Writes a value the way people read numbers: integers in full (up to 60 digits), exact
 * decimals in full (`0.3`, `7.25`), other results to {@link shownDigits} significant digits
 * and marked inexact; very large or small numbers in exponent notation. A quantity is its
 * number and unit, as converted (`5 km` stays `5 km`; mathjs alone would pick a prefix).
 */
export function formatValue(value: unknown): FormattedValue {
  if (math.isBigNumber(value)) return plain(formatDecimal(value));
  if (typeof value === 'number') return plain(formatDecimal(math.bignumber(value)));
  if (math.isComplex(value)) return plain(formatComplex(value));
  if (math.isUnit(value)) return formatUnit(value);
  if (Array.isArray(value)) {
    const items = value.map(formatValue);
    const text = `[${items.map((item) => item.text).join(', ')}]`;
    return { text, number: text, exact: items.every((item) => item.exact) };
  }
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return { text, number: text, exact: true };
}

function plain({ text, exact }: { text: string; exact: boolean }): FormattedValue {
  return { text, number: text, exact };
}

/**
 * A decimal computed with `precision` (64) digits. Exact when it is an integer of at most
 * {@link exactDigits} digits, or when it needs fewer than {@link exactDigits} digits once the
 * guard digits are rounded away; otherwise rounded to {@link shownDigits}. A number with more
 * than {@link exactDigits} digits before the decimal point may have lost some of them to
 * rounding, so it is never called exact.
 */
function formatDecimal(value: BigNumber): { text: string; exact: boolean } {
  if (!value.isFinite()) return { text: value.toString(), exact: true };
  if (value.e < exactDigits) {
    if (value.isInteger()) return { text: value.toFixed(), exact: true };
    const snapped = value.toSignificantDigits(exactDigits);
    if (snapped.sd() < exactDigits) return { text: decimalText(snapped), exact: true };
  }
  return { text: decimalText(value.toSignificantDigits(shownDigits)), exact: false };
}

function decimalText(value: BigNumber): string {
  const text = value.e >= -7 && value.e < 21 ? value.toFixed() : value.toExponential();
  return text === '-0' ? '0' : text;
}

function formatComplex(value: Complex): { text: string; exact: boolean } {
  const re = formatDecimal(math.bignumber(value.re));
  const im = formatDecimal(math.bignumber(Math.abs(value.im)));
  const exact = re.exact && im.exact;
  const imaginary = `${im.text === '1' ? '' : im.text}i`;
  if (value.re === 0) return { text: value.im < 0 ? `-${imaginary}` : imaginary, exact };
  return { text: `${re.text} ${value.im < 0 ? '-' : '+'} ${imaginary}`, exact };
}

function formatUnit(value: Unit): FormattedValue {
  const unit = value.formatUnits();
  if (value.value === null) return { text: unit, number: '', unit, exact: true };
  const numeric = value.toNumeric();
  const { text, exact } = math.isBigNumber(numeric)
    ? formatDecimal(numeric)
    : formatDecimal(math.bignumber(Number(numeric)));
  return { text: unit === '' ? text : `${text} ${unit}`, number: text, ...(unit === '' ? {} : { unit }), exact };
}
