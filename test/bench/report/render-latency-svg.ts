import type { QuantilePoint } from '../stats.ts';

/** One line of the chart. */
export interface LatencySeries {
  label: string;
  points: readonly QuantilePoint[];
}

const colors = ['#6b7280', '#d97706', '#2563eb', '#7c3aed', '#059669', '#dc2626'];
const width = 760;
const height = 440;
const margin = { left: 64, right: 190, top: 40, bottom: 56 };

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The percentile's position on a "nines" axis: 0 → 0, 90 → 1, 99 → 2, 99.9 → 3 … */
function nines(p: number): number {
  return -Math.log10(Math.max(1e-6, 1 - p / 100));
}

/**
 * Latency distributions as an SVG, drawn by hand: one line per target, latency (log scale) up
 * the side, percentile along the bottom in "nines" (50, 90, 99, 99.9 %, max at the right end), so
 * that the tail, where targets differ, gets as much room as the median.
 */
export function renderLatencySvg(series: readonly LatencySeries[], title: string): string {
  const all = series.flatMap((each) => each.points.map((point) => point.ms)).filter((ms) => ms > 0);
  const low = 10 ** Math.floor(Math.log10(Math.min(...all, 1)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...all, 1)));
  const maxNines = Math.max(3, ...series.map((each) => Math.ceil(nines(each.points.at(-2)?.p ?? 99.9))));
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (p: number): number =>
    Math.round((margin.left + (Math.min(nines(p), maxNines) / maxNines) * plotWidth) * 10) / 10;
  const xMax = margin.left + plotWidth;
  const y = (ms: number): number =>
    Math.round(
      (margin.top +
        plotHeight -
        ((Math.log10(Math.max(ms, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low))) * plotHeight) *
        10,
    ) / 10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${margin.left}" y="24" font-size="15" font-weight="600">${escape(title)}</text>`,
  ];
  for (let decade = Math.log10(low); decade <= Math.log10(high); decade++) {
    const value = 10 ** decade;
    parts.push(
      `<line x1="${margin.left}" x2="${xMax}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`,
      `<text x="${margin.left - 8}" y="${y(value) + 4}" text-anchor="end">${value >= 1 ? value : value.toPrecision(1)} ms</text>`,
    );
  }
  const ticks = [0, 50, 90, 99, 99.9, 99.99, 99.999].filter((p) => nines(p) <= maxNines);
  for (const p of ticks) {
    parts.push(
      `<line x1="${x(p)}" x2="${x(p)}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#e5e7eb"/>`,
      `<text x="${x(p)}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${p}%</text>`,
    );
  }
  parts.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 14}" text-anchor="middle">percentile (max at the right edge)</text>`,
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#9ca3af"/>`,
  );
  series.forEach((each, index) => {
    const color = colors[index % colors.length]!;
    const points = each.points.map(
      (point) => `${(point.p >= 100 ? xMax : x(point.p)).toFixed(1)},${y(point.ms).toFixed(1)}`,
    );
    parts.push(
      `<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`,
      `<line x1="${xMax + 16}" x2="${xMax + 36}" y1="${margin.top + 10 + index * 20}" y2="${margin.top + 10 + index * 20}" stroke="${color}" stroke-width="3"/>`,
      `<text x="${xMax + 42}" y="${margin.top + 14 + index * 20}">${escape(each.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
