import { loadAverage } from '../machine.ts';
import type { ScenarioReport } from '../report/results-model.ts';
import { RowBuilder } from '../report/row-builder.ts';
import type { StreamResult } from '../sse/sse-stream-reader.ts';
import { percentileOfSorted } from '../stats.ts';
import type { BenchContext } from './bench-context.ts';
import { burst, cpuMicros, framingEvents, rotate, settle, streamProblem, warmUp } from './bench-context.ts';

/** Figures of one burst of concurrent streams. */
export interface BurstFigures {
  totalMs: number;
  events: number;
  errors: number;
  /** The first few distinct problems. */
  problems: string[];
  /** p99 of the streams' own durations (request to last event). */
  streamP99Ms: number;
}

/** Sums up concurrent streams that were all started together. */
export function burstFigures(results: readonly StreamResult[], expectedEvents: number): BurstFigures {
  const start = Math.min(...results.map((result) => result.startedAt));
  const end = Math.max(...results.map((result) => result.lastDataAt ?? result.endedAt));
  const problems = new Set<string>();
  let errors = 0;
  let events = 0;
  const durations: number[] = [];
  for (const result of results) {
    events += result.events;
    const problem = streamProblem(result, expectedEvents);
    if (problem) {
      errors += 1;
      if (problems.size < 3) problems.add(problem.replace(/\d[\d,]*/g, 'N'));
    } else durations.push((result.lastDataAt ?? result.endedAt) - result.startedAt);
  }
  durations.sort((a, b) => a - b);
  return {
    totalMs: end - start,
    events,
    errors,
    problems: [...problems],
    streamP99Ms: percentileOfSorted(durations, 99),
  };
}

/**
 * Many streams at once: `concurrency` tasks of `concurrencyEvents` status updates each, all
 * requested together from the client processes. Total time (first request to last event of the
 * last stream), delivered events/s, errors, server CPU per event.
 */
export async function concurrency(context: BenchContext): Promise<ScenarioReport> {
  const { options, pool, targets } = context;
  const started = Date.now();
  const load = { start: loadAverage(), end: [] as number[] };
  const streams = options.concurrency;
  const perStream = options.concurrencyEvents;
  const rows = new RowBuilder()
    .declare({ key: 'total', label: 'total time', unit: 'ms', better: 'lower', digits: 0 })
    .declare({ key: 'eps', label: 'events/s (all streams)', unit: 'events/s', better: 'higher', digits: 0 })
    .declare({ key: 'p99', label: 'stream duration p99', unit: 'ms', better: 'lower', digits: 0 })
    .declare({ key: 'cpu', label: 'server CPU µs/event', unit: 'µs', better: 'lower', digits: 1 })
    .declare({ key: 'errors', label: 'failed streams', unit: 'streams', better: 'none', digits: 0 });
  const deployments = await context.deployments.acquire(targets);
  await warmUp(context, targets, deployments);
  for (let rep = 0; rep < options.reps; rep++) {
    for (const target of rotate(targets, rep)) {
      const deployment = deployments.get(target.deployment)!;
      const processes = target.processes(deployment);
      const requests = Array.from({ length: streams }, () => target.stream(deployment, burst(perStream, options)));
      const cpuBefore = await cpuMicros(processes);
      const reports = await pool.read(requests, { timeoutMs: 120_000 }).done;
      const cpu = (await cpuMicros(processes)) - cpuBefore;
      const figures = burstFigures(
        reports.flatMap((report) => report.results),
        perStream + framingEvents,
      );
      rows.add('total', target.name, figures.totalMs);
      rows.add('eps', target.name, (figures.events / figures.totalMs) * 1000);
      rows.add('p99', target.name, figures.streamP99Ms);
      rows.add('cpu', target.name, cpu / Math.max(1, figures.events));
      rows.add('errors', target.name, figures.errors);
      for (const problem of figures.problems) rows.note('errors', target.name, problem);
      context.log(
        `  ${target.name}: ${Math.round(figures.totalMs)} ms, ${Math.round((figures.events / figures.totalMs) * 1000)} events/s, ${figures.errors} errors`,
      );
      await settle(processes);
    }
  }
  await context.deployments.release(deployments);
  load.end = loadAverage();
  return {
    id: 'concurrency',
    title: 'Concurrent streams',
    setup:
      `${streams.toLocaleString('en-US')} streams × ${perStream} status updates, all requested at once from ` +
      `${pool.size} client processes (one connection per stream). ${options.reps} repetitions.`,
    rows: rows.rows(),
    notes: [],
    load,
    durationS: (Date.now() - started) / 1000,
  };
}
