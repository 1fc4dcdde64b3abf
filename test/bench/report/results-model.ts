import type { TargetName } from '../targets/targets.ts';
import type { MachineInfo } from '../machine.ts';
import type { QuantilePoint } from '../stats.ts';

/** One target's figure in one row: the median of its repetitions, or why there is none. */
export interface Cell {
  median?: number;
  samples?: number[];
  /** Shown before the number: `≤` when the run was stopped early (an upper bound). */
  bound?: '≤' | '≥';
  /** Why there is no figure, or what to know about it (failures, n/a). */
  note?: string;
}

/** One figure, measured on every target. */
export interface MetricRow {
  key: string;
  label: string;
  unit: string;
  /** Which way is better; `none` for counts and context (no ratio is computed). */
  better: 'higher' | 'lower' | 'none';
  /** Decimal places shown. */
  digits: number;
  cells: Partial<Record<TargetName, Cell>>;
}

/** A scenario's figures. */
export interface ScenarioReport {
  id: string;
  title: string;
  /** What was run, in one or two sentences. */
  setup: string;
  rows: MetricRow[];
  notes: string[];
  /** Load average when the scenario started and ended. */
  load: { start: number[]; end: number[] };
  durationS: number;
  /** Pooled latency quantiles per target (latency scenario), for the chart. */
  latencyQuantiles?: Partial<Record<TargetName, QuantilePoint[]>>;
}

/** How far the load generator is from saturating. */
export interface LoadGeneratorReport {
  singleStream?: { clientBusyPercent: number; serverBusyPercent: number; eventsPerSecond: number };
  concurrency?: { streams: number; oneProcess: number; manyProcesses: number; processes: number };
}

/** A CPU profile's heaviest frames. */
export interface ProfileReport {
  process: string;
  workload: string;
  totalMs: number;
  topSelf: { frame: string; selfMs: number; percent: number }[];
  byCategory: { category: string; selfMs: number; percent: number }[];
  topInclusive: { frame: string; totalMs: number; percent: number }[];
}

/** A goal and how the run did against it. */
export interface GoalCheck {
  goal: string;
  measured: string;
  met: boolean | undefined;
}

/** Everything one run produced. */
export interface BenchResults {
  machine: MachineInfo;
  command: string;
  options: Record<string, unknown>;
  targets: { name: TargetName; label: string }[];
  pending: string[];
  load: { start: number[]; end: number[] };
  durationS: number;
  loadGenerator: LoadGeneratorReport;
  scenarios: ScenarioReport[];
  goals: GoalCheck[];
  profiles: ProfileReport[];
  /** What the figures and profiles mean, written by a person after the run (`--render --analysis`). */
  analysis?: string;
}
