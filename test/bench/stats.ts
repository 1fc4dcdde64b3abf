/** The median of `values` (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The `p`-th percentile (0–100) of already sorted values, nearest-rank. */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** p50, p99 and max of `values`. */
export function summarize(values: readonly number[]): { p50: number; p99: number; max: number } {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: percentileOfSorted(sorted, 50),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/** One point of a latency distribution: the `p`-th percentile is `ms`. */
export interface QuantilePoint {
  p: number;
  ms: number;
}

/**
 * Percentiles of `values` spaced evenly in "nines" (0, 90, 99, 99.9 … %) up to what the sample
 * count supports, then the maximum: the points of a latency distribution chart.
 */
export function tailQuantiles(values: readonly number[], stepsPerNine = 20): QuantilePoint[] {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return [];
  const nines = Math.max(1, Math.log10(sorted.length));
  const points: QuantilePoint[] = [];
  for (let step = 0; step <= nines * stepsPerNine; step++) {
    const p = 100 * (1 - 10 ** (-step / stepsPerNine));
    points.push({ p, ms: percentileOfSorted(sorted, p) });
  }
  points.push({ p: 100, ms: sorted[sorted.length - 1]! });
  return points;
}
