import { parseArgs } from 'node:util';
import type { TargetName } from './targets/targets.ts';

/** The scenarios, by the names `--scenarios` takes. */
export const scenarioNames = ['single', 'latency', 'concurrency', 'idle', 'resume', 'fanout'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** Everything a run can be told; see README.md for the flags. */
export interface BenchOptions {
  quick: boolean;
  reps: number;
  /** Repetitions of the idle scenario (each starts fresh servers). */
  idleReps: number;
  sizes: number[];
  yieldEvery: number;
  streamTimeoutS: number;
  latencyRate: number;
  latencyEvents: number;
  concurrency: number;
  concurrencyEvents: number;
  idle: number[];
  heartbeatMs: number;
  idleObserveMs: number;
  resumeEvents: number;
  fanout: number;
  fanoutEvents: number;
  clients: number;
  scenarios: ScenarioName[];
  targets: TargetName[] | undefined;
  profile: boolean;
  out: string | undefined;
  /** Re-render the markdown, goals and chart of an earlier run's JSON instead of measuring. */
  render: string | undefined;
  /** With `render`: a markdown file of what the run's figures and profiles mean, kept in its results. */
  analysis: string | undefined;
}

const defaults: BenchOptions = {
  quick: false,
  reps: 5,
  idleReps: 2,
  sizes: [1_000, 10_000, 100_000],
  yieldEvery: 1,
  streamTimeoutS: 30,
  latencyRate: 1_000,
  latencyEvents: 5_000,
  concurrency: 1_000,
  concurrencyEvents: 100,
  idle: [1_000, 5_000],
  heartbeatMs: 1_000,
  idleObserveMs: 4_000,
  resumeEvents: 10_000,
  fanout: 500,
  fanoutEvents: 500,
  clients: 2,
  scenarios: [...scenarioNames],
  targets: undefined,
  profile: true,
  out: undefined,
  render: undefined,
  analysis: undefined,
};

/** `--quick`: every scenario, small, once; well under two minutes. */
const quick: Partial<BenchOptions> = {
  quick: true,
  reps: 1,
  idleReps: 1,
  sizes: [1_000, 5_000],
  streamTimeoutS: 10,
  latencyEvents: 500,
  concurrency: 100,
  concurrencyEvents: 20,
  idle: [200],
  heartbeatMs: 500,
  idleObserveMs: 1_600,
  resumeEvents: 1_000,
  fanout: 50,
  fanoutEvents: 100,
  profile: false,
};

const list = (value: string): number[] => value.split(',').map((each) => parseCount(each));

function parseCount(value: string): number {
  const parsed = Number(value.replaceAll('_', '').replace(/k$/i, '000'));
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`expected a whole number, got "${value}"`);
  return parsed;
}

/** Reads the command line: `--quick` first, then any explicit flag over it. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      reps: { type: 'string' },
      'idle-reps': { type: 'string' },
      sizes: { type: 'string' },
      'yield-every': { type: 'string' },
      'stream-timeout': { type: 'string' },
      'latency-rate': { type: 'string' },
      'latency-events': { type: 'string' },
      concurrency: { type: 'string' },
      'concurrency-events': { type: 'string' },
      idle: { type: 'string' },
      'heartbeat-ms': { type: 'string' },
      'idle-observe-ms': { type: 'string' },
      'resume-events': { type: 'string' },
      fanout: { type: 'string' },
      'fanout-events': { type: 'string' },
      clients: { type: 'string' },
      scenarios: { type: 'string' },
      targets: { type: 'string' },
      'no-profile': { type: 'boolean' },
      out: { type: 'string' },
      render: { type: 'string' },
      analysis: { type: 'string' },
    },
    strict: true,
  });
  const options: BenchOptions = { ...defaults, ...(values.quick ? quick : {}) };
  const number = (flag: string | undefined, apply: (value: number) => void): void => {
    if (flag !== undefined) apply(parseCount(flag));
  };
  number(values.reps, (value) => (options.reps = value));
  number(values['idle-reps'], (value) => (options.idleReps = value));
  if (values.sizes) options.sizes = list(values.sizes);
  number(values['yield-every'], (value) => (options.yieldEvery = value));
  number(values['stream-timeout'], (value) => (options.streamTimeoutS = value));
  number(values['latency-rate'], (value) => (options.latencyRate = value));
  number(values['latency-events'], (value) => (options.latencyEvents = value));
  number(values.concurrency, (value) => (options.concurrency = value));
  number(values['concurrency-events'], (value) => (options.concurrencyEvents = value));
  if (values.idle) options.idle = list(values.idle);
  number(values['heartbeat-ms'], (value) => (options.heartbeatMs = value));
  number(values['idle-observe-ms'], (value) => (options.idleObserveMs = value));
  number(values['resume-events'], (value) => (options.resumeEvents = value));
  number(values.fanout, (value) => (options.fanout = value));
  number(values['fanout-events'], (value) => (options.fanoutEvents = value));
  number(values.clients, (value) => (options.clients = Math.max(1, value)));
  if (values.scenarios) {
    const wanted = values.scenarios.split(',');
    for (const name of wanted) {
      if (!(scenarioNames as readonly string[]).includes(name)) {
        throw new Error(`unknown scenario "${name}"; the scenarios are ${scenarioNames.join(', ')}`);
      }
    }
    options.scenarios = wanted as ScenarioName[];
  }
  if (values.targets) options.targets = values.targets.split(',') as TargetName[];
  if (values['no-profile']) options.profile = false;
  if (values.out) options.out = values.out;
  if (values.render) options.render = values.render;
  if (values.analysis) {
    if (!values.render) throw new Error('--analysis goes with --render <json>: it annotates a finished run');
    options.analysis = values.analysis;
  }
  if (options.reps < 1) throw new Error('--reps must be at least 1');
  return options;
}
