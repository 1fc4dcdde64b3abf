import { loadAverage } from '../machine.ts';
import type { ScenarioReport } from '../report/results-model.ts';
import { RowBuilder } from '../report/row-builder.ts';
import { summarize, tailQuantiles } from '../stats.ts';
import type { TargetName } from '../targets/targets.ts';
import type { BenchContext } from './bench-context.ts';
import { framingEvents, rotate, settle, streamProblem, warmUp } from './bench-context.ts';

/**
 * Producer-to-client latency at a steady rate: each status update carries the producer's
 * monotonic timestamp, taken right before the event is handed to the server; the client
 * subtracts it from the time the bytes arrived. p50, p99 and max per repetition, medians
 * reported; the pooled distribution goes to the chart.
 */
export async function latency(context: BenchContext): Promise<ScenarioReport> {
  const { options, pool, targets } = context;
  const started = Date.now();
  const load = { start: loadAverage(), end: [] as number[] };
  const rows = new RowBuilder()
    .declare({ key: 'p50', label: 'latency p50', unit: 'ms', better: 'lower', digits: 3 })
    .declare({ key: 'p99', label: 'latency p99', unit: 'ms', better: 'lower', digits: 3 })
    .declare({ key: 'max', label: 'latency max', unit: 'ms', better: 'lower', digits: 2 });
  const pooled = new Map<TargetName, number[]>();
  const deployments = await context.deployments.acquire(targets);
  await warmUp(context, targets, deployments);
  const workload = { events: options.latencyEvents, ratePerSecond: options.latencyRate, yieldEvery: 1 };
  for (let rep = 0; rep < options.reps; rep++) {
    for (const target of rotate(targets, rep)) {
      const deployment = deployments.get(target.deployment)!;
      const { result } = await pool.one(target.stream(deployment, workload), {
        timestamps: true,
        timeoutMs: (options.latencyEvents / options.latencyRate) * 1000 * 4 + 30_000,
      });
      const problem = streamProblem(result, options.latencyEvents + framingEvents);
      const samples = result.latencies ?? [];
      if (problem || samples.length < options.latencyEvents) {
        rows.note('p99', target.name, problem ?? `only ${samples.length} timestamps`);
        continue;
      }
      const { p50, p99, max } = summarize(samples);
      rows.add('p50', target.name, p50);
      rows.add('p99', target.name, p99);
      rows.add('max', target.name, max);
      const all = pooled.get(target.name) ?? [];
      for (const sample of samples) all.push(sample);
      pooled.set(target.name, all);
      context.log(`  ${target.name}: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms, max ${max.toFixed(2)} ms`);
      await settle(target.processes(deployment));
    }
  }
  await context.deployments.release(deployments);
  load.end = loadAverage();
  return {
    id: 'latency',
    title: 'Latency at a steady rate',
    setup:
      `One stream of ${options.latencyEvents.toLocaleString('en-US')} status updates, the producer pacing itself ` +
      `to ${options.latencyRate.toLocaleString('en-US')} events/s; latency = client receipt − producer timestamp ` +
      `(the machine's monotonic clock, shared by all processes). ${options.reps} repetitions.`,
    rows: rows.rows(),
    notes: [],
    load,
    durationS: (Date.now() - started) / 1000,
    latencyQuantiles: Object.fromEntries([...pooled].map(([target, samples]) => [target, tailQuantiles(samples)])),
  };
}
