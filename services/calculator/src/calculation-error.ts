/**
 * A request that was read but has no answer: a division by zero, units that cannot be
 * converted into each other, a result too large to represent. Nothing the user sends on the
 * same task changes that, so the task fails with this message.
 */
export class CalculationError extends Error {
  override readonly name = 'CalculationError';
}
