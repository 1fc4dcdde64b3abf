import { median } from '../stats.ts';
import type { TargetName } from '../targets/targets.ts';
import type { Cell, MetricRow } from './results-model.ts';

type RowSpec = Omit<MetricRow, 'cells'>;

/**
 * Collects a scenario's samples, target by target and repetition by repetition, and turns them
 * into rows of medians. Rows keep the order in which they were declared.
 */
export class RowBuilder {
  readonly #rows = new Map<string, RowSpec & { cells: Partial<Record<TargetName, Cell>> }>();

  declare(spec: RowSpec): this {
    if (!this.#rows.has(spec.key)) this.#rows.set(spec.key, { ...spec, cells: {} });
    return this;
  }

  add(key: string, target: TargetName, value: number): void {
    if (!Number.isFinite(value)) return;
    const cell = this.#cell(key, target);
    (cell.samples ??= []).push(value);
  }

  /** Notes something about a cell; the same note is kept once. */
  note(key: string, target: TargetName, note: string, bound?: Cell['bound']): void {
    const cell = this.#cell(key, target);
    if (!cell.note) cell.note = note;
    else if (!cell.note.includes(note)) cell.note += `; ${note}`;
    if (bound) cell.bound = bound;
  }

  rows(): MetricRow[] {
    return [...this.#rows.values()].map((row) => {
      const cells: Partial<Record<TargetName, Cell>> = {};
      for (const [target, cell] of Object.entries(row.cells) as [TargetName, Cell][]) {
        cells[target] = cell.samples?.length ? { ...cell, median: median(cell.samples) } : cell;
      }
      return { ...row, cells };
    });
  }

  #cell(key: string, target: TargetName): Cell {
    const row = this.#rows.get(key);
    if (!row) throw new Error(`row ${key} was not declared`);
    return (row.cells[target] ??= {});
  }
}
